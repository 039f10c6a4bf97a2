package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vst.rundir.Json;
import io.vst.testsupport.ValkeyTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code vst run --output} on a small tmpfs that fills up: the run ends with exit 1 and a message naming
 * the file, run.json is final and no temporary file is left. Different sizes fill up at different points
 * (during the checkpoints, in the report). Needs root to mount; skipped with the reason otherwise.
 */
class DiskFullTest {

    private static final String SCENARIO = """
            name: fill
            dataset: synthetic-16
            global_config: {metrics_collection_interval: 0.2}
            steps:
              - name: load
                type: workload
                workload: ingest
                parameters: {target_vectors: 2000}
              - name: many
                type: loop
                iterations: %d
                steps:
                  - name: cp_${loop_index}
                    type: checkpoint
                    parameters: {collect_full_metrics: true}
            """;

    @TempDir
    Path tmp;

    /** 40 checkpoints (~28 KB each) fill the disk during the run; 8 leave room for the run but not its report. */
    @ParameterizedTest(name = "{0} tmpfs, {1} checkpoints")
    @CsvSource({"512k, 40", "200k, 40", "512k, 8", "640k, 8"})
    void aFullDiskEndsTheRunFailedWithTheFileNamedAndRunJsonFinal(String size, int checkpoints) throws Exception {
        ValkeyTestServer.requireBinary();
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        Path scenario = Files.writeString(tmp.resolve("fill.yaml"), String.format(Locale.ROOT, SCENARIO, checkpoints));
        assumeTrue(command("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mnt.toString()) == 0,
                "cannot mount a tmpfs (needs root): the disk-full test does not run");
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"run", "--scenario", scenario.toString(), "--output", mnt.toString(),
                "--server", "valkey://127.0.0.1:" + server.port()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
            assertThat(code).as(all).isEqualTo(1);
            assertThat(all).containsPattern("cannot write " + mnt + "/\\S+: No space left on device")
                    .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Run completed");
            Path run;
            try (Stream<Path> dirs = Files.list(mnt)) {
                run = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            JsonNode info = Json.mapper().readTree(run.resolve("run.json").toFile());
            assertThat(info.get("outcome").asText()).as(all).isEqualTo("failed");
            assertThat(info.get("message").asText()).contains("cannot write " + mnt).contains("No space left");
            assertThat(info.get("endedAt").isNull()).isFalse();
            List<Path> leftovers;
            try (Stream<Path> files = Files.walk(run)) {
                leftovers = files.filter(p -> p.getFileName().toString().endsWith(".tmp")
                        || p.getFileName().toString().equals(".vst-reserve")).toList();
            }
            assertThat(leftovers).isEmpty();
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            Main.run(new String[] {"report", run.toString(), "--out", tmp.resolve("r").toString()},
                    new PrintStream(report, true, StandardCharsets.UTF_8),
                    new PrintStream(report, true, StandardCharsets.UTF_8));
            assertThat(tmp.resolve("r/report.html")).as(report.toString(StandardCharsets.UTF_8)).content()
                    .contains("failed");
        } finally {
            command("umount", "-l", mnt.toString());
        }
    }

    private static int command(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
