package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vst.report.ReportFormat;
import io.vst.report.ReportWriter;
import io.vst.rundir.RunOutcome;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code --dataset}, {@code --vector-scale} and {@code --time-scale} are recorded: run.json has the options
 * and the effective counts, the run directory keeps the scenario as written plus plan.yaml as run, and the
 * report names the overrides. The reference is what the server holds (DBSIZE) after the run.
 */
class EffectivePlanIntegrationTest {

    private static final String SCENARIO = """
            name: big
            dataset: openai-5m
            steps:
              - name: load
                type: workload
                workload: ingest
                parameters: {target_vectors: 1000000}
              - name: rest
                type: wait
                parameters: {duration_seconds: 2}
            """;

    @TempDir
    Path out;

    @Test
    void theOverridesAndTheEffectiveCountsAreRecordedBesideTheScenarioAsWritten() throws Exception {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient admin = ValkeyClient.connect(server.endpoint(), 1)) {
            RunPlan plan = EngineHarness.plan(SCENARIO, new PlanOptions(0.5, null, 0.001, "synthetic-8"));
            RunResult r = EngineHarness.run(plan, server.endpoint(), server.pid(), out);
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            long held = admin.dbSize();
            assertThat(held).isEqualTo(1000);
            Path dir = r.directory();

            JsonNode options = new ObjectMapper().readTree(dir.resolve("run.json").toFile()).path("options");
            assertThat(options.path("dataset").asText()).isEqualTo("synthetic-8");
            assertThat(options.path("vector_scale").asDouble()).isEqualTo(0.001);
            assertThat(options.path("time_scale").asDouble()).isEqualTo(0.5);
            assertThat(options.path("planned_peak_vectors").asLong()).isEqualTo(held);
            assertThat(options.path("datasets").asText()).isEqualTo("synthetic-8");
            assertThat(options.path("overrides").toString()).contains("--dataset synthetic-8 instead of openai-5m")
                    .contains("--vector-scale 0.001").contains("--time-scale 0.5");

            assertThat(Files.readString(dir.resolve("scenario.yaml"))).isEqualTo(SCENARIO);
            @SuppressWarnings("unchecked")
            Map<String, Object> effective = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(Files.readString(dir.resolve("plan.yaml")));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> steps = (List<Map<String, Object>>) effective.get("steps");
            assertThat(steps.get(0).get("dataset")).isEqualTo("synthetic-8");
            assertThat(((Number) ((Map<?, ?>) steps.get(0).get("parameters")).get("target_vectors")).longValue())
                    .isEqualTo(held);
            assertThat(((Number) steps.get(0).get("planned_live_vectors_after")).longValue()).isEqualTo(held);
            assertThat(((Map<?, ?>) steps.get(1).get("parameters")).get("duration_seconds")).isEqualTo(1.0);
            assertThat(r.steps().get(1).durationSeconds()).isBetween(1.0, 1.9);

            ReportWriter.write(dir, dir, EnumSet.of(ReportFormat.HTML));
            assertThat(Files.readString(dir.resolve(ReportWriter.HTML))).contains("run with")
                    .contains("--dataset synthetic-8 instead of openai-5m").contains("Scenario as written")
                    .contains("plan.yaml");
        }
    }
}
