package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.vst.testsupport.ValkeyTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code --log-level DEBUG} adds DEBUG lines on the console and in vst.log; the default adds none. */
class LogLevelRunTest {

    private static final Logger ROOT = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level before = ROOT.getLevel();

    @TempDir
    Path work;

    @AfterEach
    void restoreLevel() {
        ROOT.setLevel(before);
    }

    private record Run(int code, String console, List<String> log) {
    }

    private Run run(int port, String... levelArgs) throws IOException {
        Path scenario = Files.writeString(work.resolve("s.yaml"), "name: levels\ndataset: synthetic-8\nsteps:\n"
                + "  - name: load\n    type: workload\n    workload: ingest\n    parameters: {target_vectors: 200}\n");
        Path runs = Files.createTempDirectory(work, "runs");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        String[] args = Stream.concat(Stream.of(levelArgs), Stream.of("run", "--scenario", scenario.toString(),
                "--server", "valkey://127.0.0.1:" + port, "--output", runs.toString())).toArray(String[]::new);
        int code = Main.run(args, ps, ps);
        Path dir;
        try (Stream<Path> dirs = Files.list(runs)) {
            dir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), Files.readAllLines(dir.resolve("vst.log")));
    }

    @Test
    void debugLevelWritesDebugLinesToTheConsoleAndTheRunLog() throws IOException {
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            Run plain = run(server.port());
            assertThat(plain.code()).as(plain.console()).isZero();
            assertThat(plain.console()).doesNotContain("debug:");
            assertThat(plain.log()).noneMatch(l -> l.contains(" DEBUG "));
            Run debug = run(server.port(), "--log-level", "DEBUG");
            assertThat(debug.code()).as(debug.console()).isZero();
            assertThat(debug.console()).contains("debug: load ingest: 4 threads holding 8 connections, batches of 1000");
            assertThat(debug.log()).anyMatch(l -> l.contains(" DEBUG load ingest: 4 threads holding 8 connections"));
        }
    }
}
