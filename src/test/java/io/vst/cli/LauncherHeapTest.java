package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code vst} launcher's default heap, and that a user's {@code VST_JAVA_OPTS} wins over it. The JVM
 * started by the real launcher script reports its own maximum heap on {@code vst --version}; the reference
 * is the {@code -Xmx} given to it. The launcher runs over a jar whose manifest points at this build's
 * classes, so no package step is needed.
 */
class LauncherHeapTest {

    private static final Pattern MAX_HEAP = Pattern.compile("max heap (\\d+) MiB");

    @Test
    void theLauncherCapsTheHeapByDefault(@TempDir Path dir) throws Exception {
        long mib = maxHeapMib(launcher(dir), Map.of());
        // The launcher's default is -Xmx512m (G1 reports it whole; other collectors a little less).
        assertThat(mib).isBetween(490L, 512L);
    }

    @Test
    void vstJavaOptsWinsOverTheDefault(@TempDir Path dir) throws Exception {
        Path vst = launcher(dir);
        assertThat(maxHeapMib(vst, Map.of("VST_JAVA_OPTS", "-Xmx300m"))).isBetween(280L, 300L);
        assertThat(maxHeapMib(vst, Map.of("VST_JAVA_OPTS", "-Xmx2g"))).isBetween(1950L, 2048L);
        // A user's MaxRAMPercentage also wins: the launcher's -Xmx would otherwise silently override it.
        long ram = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElseThrow();
        long expected = ram * 40 / 100;
        assertThat(maxHeapMib(vst, Map.of("VST_JAVA_OPTS", "-XX:MaxRAMPercentage=40")))
                .isBetween(expected * 95 / 100, expected + 64);   // the JVM rounds up to whole heap regions
    }

    /**
     * {@code vst run}, {@code watch} and {@code gui} run on the serial collector with a 16 MB young generation and a
     * 32 MB initial heap (a small, flat footprint beside the server under test); the reference is the JVM's own
     * report of its flags ({@code -XX:+PrintCommandLineFlags}, printed before picocli's help).
     */
    @Test
    void commandsThatLoadAServerRunWithASmallYoungGenerationOnTheSerialCollector(@TempDir Path dir) throws Exception {
        Path vst = launcher(dir);
        for (String command : List.of("run", "watch", "gui")) {
            String flags = jvmFlags(vst, command, "-XX:+PrintCommandLineFlags");
            assertThat(flags).as(command).contains("-XX:+UseSerialGC", "-XX:NewSize=16777216",
                    "-XX:MaxNewSize=16777216", "-XX:InitialHeapSize=33554432", "-XX:MaxHeapSize=536870912");
        }
        // Short commands keep the JVM's own choices: nothing of the footprint options.
        assertThat(jvmFlags(vst, "scenario", "-XX:+PrintCommandLineFlags"))
                .doesNotContain("-XX:NewSize=16777216", "-XX:InitialHeapSize=33554432");
    }

    @Test
    void aCollectorOrYoungSizeInVstJavaOptsWins(@TempDir Path dir) throws Exception {
        Path vst = launcher(dir);
        // Two collectors on one command line stop the JVM ("multiple garbage collectors selected"): the user's alone.
        String parallel = jvmFlags(vst, "run", "-XX:+PrintCommandLineFlags -XX:+UseParallelGC");
        assertThat(parallel).contains("-XX:+UseParallelGC").doesNotContain("UseSerialGC");
        String g1 = jvmFlags(vst, "run", "-XX:+PrintCommandLineFlags -XX:+UseG1GC -Xmn64m -Xms128m");
        assertThat(g1).contains("-XX:+UseG1GC", "-XX:NewSize=67108864", "-XX:InitialHeapSize=134217728")
                .doesNotContain("UseSerialGC");
    }

    /**
     * With class-data sharing on, every command maps the archive where it was made instead of relocating it (which
     * made 14 MB of it private memory); with {@code VST_CDS=0} the launcher leaves the JVM's default. The reference
     * is the JVM's report of its flags.
     */
    @Test
    void withClassDataSharingTheArchiveIsNotRelocated(@TempDir Path dir) throws Exception {
        Path vst = launcher(dir);
        String on = runLauncher(vst, Map.of("VST_CDS", "1", "VST_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");
        assertThat(on.lines().findFirst().orElse("")).contains("-XX:ArchiveRelocationMode=0");
        assertThat(jvmFlags(vst, "run", "-XX:+PrintCommandLineFlags")).doesNotContain("ArchiveRelocationMode");
    }

    @Test
    void versionNamesTheHeapInMib() {
        assertThat(VersionProvider.javaLine(512L * 1024 * 1024)).endsWith(", max heap 512 MiB")
                .startsWith("Java " + System.getProperty("java.version") + " (");
        assertThat(VersionProvider.javaLine(Long.MAX_VALUE)).endsWith("max heap no limit");
    }

    /** A copy of the repository's launcher beside a target/vst-0.1.0-all.jar that runs this build's classes. */
    private static Path launcher(Path dir) throws Exception {
        Path vst = dir.resolve("vst");
        Files.copy(Path.of("vst"), vst, StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(dir.resolve("target"));
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.vst.cli.Main");
        String cp = List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .map(p -> Path.of(p).toAbsolutePath().toUri().toString()).collect(Collectors.joining(" "));
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, cp);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(dir.resolve("target/vst-0.1.0-all.jar")), m)) {
            out.flush();
        }
        return vst;
    }

    /** The first line {@code vst <command> --help} prints with {@code opts} as VST_JAVA_OPTS: the JVM's flags. */
    private static String jvmFlags(Path vst, String command, String opts) throws Exception {
        return runLauncher(vst, Map.of("VST_JAVA_OPTS", opts), command, "--help").lines().findFirst().orElse("");
    }

    private static long maxHeapMib(Path vst, Map<String, String> env) throws Exception {
        String out = runLauncher(vst, env, "--version");
        Matcher mm = MAX_HEAP.matcher(out);
        assertThat(mm.find()).as("a max heap line in: " + out).isTrue();
        return Long.parseLong(mm.group(1));
    }

    /**
     * Runs the launcher with {@code args}, without class-data sharing and with only {@code env}'s VST_JAVA_OPTS;
     * asserts that it exits 0 within 60 s and returns its output (stdout and stderr).
     */
    private static String runLauncher(Path vst, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", vst.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("VST_JAVA_OPTS");
        pb.environment().put("VST_CDS", "0");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("vst " + String.join(" ", args) + " finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
