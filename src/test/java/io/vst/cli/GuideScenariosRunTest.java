package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vst.rundir.Json;
import io.vst.testsupport.SearchTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The guide's own scenarios run end to end, shrunk with --time-scale / --vector-scale and a synthetic
 * dataset, on the real valkey-search module and through the test-only search proxy (their query steps
 * need valkey-search).
 */
class GuideScenariosRunTest {

    @TempDir
    Path tmp;

    private String run(SearchTarget target, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--server",
                "valkey://127.0.0.1:" + target.port(), "--output", tmp.toString(), "--dataset", "synthetic-16"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        return text;
    }

    private Path onlyRun() throws Exception {
        try (Stream<Path> dirs = Files.list(tmp)) {
            return dirs.findFirst().orElseThrow();
        }
    }

    @ParameterizedTest
    @EnumSource(SearchTarget.Kind.class)
    void mixedWorkloadRunsWithShortenedDurations(SearchTarget.Kind kind) throws Exception {
        try (SearchTarget target = kind.start()) {
            String out = run(target, "--scenario", "mixed_workload", "--time-scale", "0.01", "--vector-scale", "0.001");
            assertThat(out).contains("Run completed").contains("query_burst").contains("mixed_phase_2");
            List<String> steps = Files.readAllLines(onlyRun().resolve("steps.csv"));
            assertThat(steps).hasSize(7);
            assertThat(steps.stream().filter(l -> l.startsWith("mixed_phase_1")).findFirst().orElseThrow())
                    .contains("ingest:n=").contains("query:n=").contains("update:n=");
        }
    }

    @ParameterizedTest
    @EnumSource(SearchTarget.Kind.class)
    void memoryLeakDetectionEndsWithAVerdictFromItsThreeCycles(SearchTarget.Kind kind) throws Exception {
        try (SearchTarget target = kind.start()) {
            String out = run(target, "--scenario", "memory_leak_detection", "--time-scale", "0.005",
                    "--vector-scale", "0.002");
            assertThat(out).contains("Run completed");
            java.util.List<String> lines = java.nio.file.Files.readAllLines(onlyRun().resolve("checkpoints.jsonl"));
            JsonNode last = Json.mapper().readTree(lines.get(lines.size() - 1));
            assertThat(last.get("name").asText()).isEqualTo("final_checkpoint");
            JsonNode trend = last.get("trend");
            assertThat(trend.get("verdict").asText()).isIn("STABLE", "LEAK_SUSPECTED");
            assertThat(trend.get("checkpoints")).hasSize(4);
            assertThat(trend.get("explanation").asText()).contains("over 4 checkpoints");
        }
    }
}
