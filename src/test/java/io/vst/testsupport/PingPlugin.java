package io.vst.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds the sample plugin under examples/ping-workload into a jar, as a user would drop it in a plugin folder. */
public final class PingPlugin {

    /** A scenario of 200 pings through the plugin's {@code ping} workload. */
    public static final String HEARTBEAT = """
            name: heartbeat
            steps:
              - name: beat
                type: workload
                workload: ping
                max_operations: 200
                parameters:
                  pause_ms: 1
            """;

    private static final Path EXAMPLE = Path.of("examples", "ping-workload");

    private PingPlugin() {
    }

    /** Compiles the plugin under {@code work} and returns the folder that holds its jar. */
    public static Path buildInto(Path work) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path")));
        try (Stream<Path> src = Files.walk(EXAMPLE.resolve("src/main/java"))) {
            src.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, args.toArray(String[]::new));
        assertThat(rc).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        Path pluginDir = Files.createDirectories(work.resolve("plugins"));
        try (OutputStream file = Files.newOutputStream(pluginDir.resolve("ping-workload-1.0.jar"));
                JarOutputStream jar = new JarOutputStream(file)) {
            add(jar, classes, classes);
            add(jar, EXAMPLE.resolve("src/main/resources"), EXAMPLE.resolve("src/main/resources"));
        }
        return pluginDir;
    }

    private static void add(JarOutputStream jar, Path root, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(f));
                jar.closeEntry();
            }
        }
    }
}
