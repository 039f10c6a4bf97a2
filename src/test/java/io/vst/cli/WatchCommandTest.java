package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vst watch} end to end through {@link Main#run}, and Ctrl-C in a child JVM. */
class WatchCommandTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsALiveLinePerSampleAndWritesARunDirectoryThatVstReportOpens() throws Exception {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient own = ValkeyClient.connect(server.endpoint(), 1)) {
            for (int i = 0; i < 25; i++) {
                own.command("SET", "test:k" + i, "v");
            }
            Path runs = tmp.resolve("runs");
            assertThat(run("watch", "--server", "valkey://127.0.0.1:" + server.port(), "--duration", "1.2s",
                    "--interval", "300ms", "--output", runs.toString())).as(err.toString(StandardCharsets.UTF_8))
                    .isZero();
            String text = out.toString(StandardCharsets.UTF_8);
            List<String> lines = text.lines().filter(l -> l.contains("used_memory")).toList();
            assertThat(lines).as(text).hasSizeGreaterThanOrEqualTo(4);
            // Two connections (the watch's and the test's) and the 25 keys the test wrote, as the server says.
            assertThat(lines.get(1)).contains("clients 2 ").endsWith("keys 25")
                    .containsPattern("commands \\d[\\d,.]* ops/s  ");
            assertThat(lines.get(1)).containsPattern("used_memory \\d+\\.\\d+ [KM]iB");
            assertThat(text).contains("watched for 1.2 s; run directory ");
            Path dir;
            try (Stream<Path> dirs = Files.list(runs)) {
                dir = dirs.findFirst().orElseThrow();
            }
            assertThat(dir.getFileName().toString()).endsWith("_watch");
            assertThat(Files.readAllLines(dir.resolve("timeline.csv"))).hasSize(lines.size() + 1);
            assertThat(run("report", dir.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(dir.resolve("report.html")).isNotEmptyFile();
            assertThat(own.dbSize()).isEqualTo(25);
        }
    }

    @Test
    void badTimesAreInvalidInputNamingTheOption() {
        assertThat(run("watch", "--interval", "10ms")).isEqualTo(Main.EXIT_INVALID);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--interval 10ms is shorter than 50ms")
                .contains("hint: ").doesNotContain("Exception").doesNotContain("\tat ");
        err.reset();
        assertThat(run("watch", "--duration", "soon")).isEqualTo(Main.EXIT_INVALID);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--duration soon: not a time")
                .doesNotContain("Exception");
        err.reset();
        assertThat(run("watch", "--duration", "0s")).isEqualTo(Main.EXIT_INVALID);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--duration 0s is not a positive time");
    }

    @Test
    void anUnreachableServerIsARuntimeFailureWithoutStackTraceOrRunDirectory() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path runs = tmp.resolve("runs");
        assertThat(run("watch", "--server", "valkey://127.0.0.1:" + port, "--duration", "1s", "--output",
                runs.toString())).isEqualTo(Main.EXIT_RUNTIME);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: ").contains(Integer.toString(port))
                .doesNotContain("Exception").doesNotContain("\tat ");
        if (Files.exists(runs)) {
            try (Stream<Path> dirs = Files.list(runs)) {
                assertThat(dirs.toList()).as("no run directory for a watch that never connected").isEmpty();
            }
        }
    }

    @Test
    void ctrlCEndsTheWatchAndFinishesTheRunDirectory() throws Exception {
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            Path runs = tmp.resolve("runs");
            Path log = tmp.resolve("child.out");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "watch", "--server",
                    "valkey://127.0.0.1:" + server.port(), "--interval", "200ms", "--output", runs.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (Files.readString(log).lines().filter(l -> l.contains("used_memory")).count() < 3
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
                Path dir;
                try (Stream<Path> dirs = Files.list(runs)) {
                    dir = dirs.findFirst().orElseThrow();
                }
                assertThat(Files.readString(dir.resolve("run.json"))).as(Files.readString(log))
                        .contains("\"outcome\" : \"completed\"").contains("stopped: Ctrl-C");
                assertThat(Files.readAllLines(dir.resolve("timeline.csv")).size()).isGreaterThanOrEqualTo(4);
            } finally {
                p.destroyForcibly();
                p.onExit().join();
            }
        }
    }
}
