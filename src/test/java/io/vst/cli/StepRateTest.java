package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vst.engine.PlanOptions;
import io.vst.engine.PlannedStep;
import io.vst.engine.RunListener;
import io.vst.engine.RunOptions;
import io.vst.engine.RunPlan;
import io.vst.engine.RunResult;
import io.vst.engine.Runner;
import io.vst.engine.ServerSession;
import io.vst.report.ReportFormat;
import io.vst.report.ReportWriter;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.yaml.ScenarioReader;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.testsupport.proxy.SearchProxy;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.ValkeyEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short query step has one rate — operations over the time spent doing them (DESIGN §8) — and the same
 * number in steps.csv, the step detail, the CLI table and the report. The references are a 500 ms stall
 * injected into the index check at the step's start (not time spent querying) and the test's own clock
 * between the first and the last answered query.
 */
@Timeout(60)
class StepRateTest {

    @TempDir
    Path out;

    @Test
    void aShortQueryStepShowsOneRateEverywhere() throws Exception {
        ValkeyTestServer.requireBinary();
        try (SearchProxy proxy = SearchProxy.start()) {
            RunPlan plan = RunPlan.of(ScenarioReader.read("""
                    name: short_queries
                    dataset: synthetic-8
                    index: {algorithm: FLAT, distance_metric: L2}
                    global_config: {n_threads: 2, n_clients: 2, batch_size: 100}
                    steps:
                      - name: load
                        type: workload
                        workload: ingest
                        parameters: {target_vectors: 500}
                      - name: q
                        type: workload
                        workload: query
                        max_operations: 100
                        parameters: {query_k: 5, queries_per_second: 100}
                    """, "rate.yaml").scenario(), SchemaRegistry.builtin(), PlanOptions.defaults());
            long[] answered = {0, 0};
            RunListener stall = new RunListener() {
                @Override
                public void stepStarted(PlannedStep step) {
                    if (step.name().equals("q")) {
                        proxy.pauseFor(Duration.ofMillis(500));
                    }
                }

                @Override
                public synchronized void stepProgress(PlannedStep step, long done, long target, double fraction) {
                    if (step.name().equals("q")) {
                        answered[0] = answered[0] == 0 ? System.nanoTime() : answered[0];
                        answered[1] = System.nanoTime();
                    }
                }
            };
            ValkeyClient client = ValkeyClient.connect(ValkeyEndpoint.parse("valkey://127.0.0.1:" + proxy.port()), 8);
            RunResult r;
            try (ServerSession session = new ServerSession(client, null, -1)) {
                r = new Runner(plan, session, RunOptions.defaults().withOutputRoot(out).withReport(false),
                        List.of(stall)).run();
            }
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            StepRecord q = r.steps().get(1);
            assertThat(q.operations()).isEqualTo(100);
            double rate = q.operationsPerSecond();
            // The stall is not time spent querying; the queries took at least first-to-last answer.
            assertThat(rate).as(q.detail()).isGreaterThan(100 / (q.durationSeconds() - 0.5))
                    .isLessThan(100 / ((answered[1] - answered[0]) / 1e9) * 1.02);

            assertThat(q.detail()).contains(io.vst.units.Units.rate(rate) + " over ");
            List<String> csv = Files.readAllLines(r.directory().resolve("steps.csv"));
            String[] header = csv.get(0).split(",");
            String[] row = csv.get(2).split(",");
            int col = List.of(header).indexOf("ops_per_s");
            assertThat(Double.parseDouble(row[col])).isCloseTo(rate, within(0.01));

            ByteArrayOutputStream table = new ByteArrayOutputStream();
            SummaryPrinter.print(r, new PrintStream(table, true, StandardCharsets.UTF_8));
            Matcher m = Pattern.compile("(?m)^q\\s+workload\\s+ok\\s+[0-9.]+ (?:ms|s|min [0-9]+ s|h [0-9]+ min)\\s+100\\s+([0-9,]+)\\s")
                    .matcher(table.toString(StandardCharsets.UTF_8));
            assertThat(m.find()).as(table.toString(StandardCharsets.UTF_8)).isTrue();
            assertThat(m.group(1)).isEqualTo(String.format(Locale.ROOT, "%,.0f", rate));

            ReportWriter.write(r.directory(), r.directory(), EnumSet.of(ReportFormat.JSON, ReportFormat.HTML));
            JsonNode summary = new ObjectMapper().readTree(r.directory().resolve(ReportWriter.SUMMARY).toFile());
            JsonNode reported = null;
            for (JsonNode s : summary.path("steps")) {
                if (s.path("name").asText().equals("q")) {
                    reported = s;
                }
            }
            assertThat(reported).isNotNull();
            assertThat(reported.path("ops_per_s").asDouble()).isCloseTo(rate, within(0.01));
            assertThat(Files.readString(r.directory().resolve(ReportWriter.HTML)))
                    .contains("<td class=\"num\">" + String.format(Locale.ROOT, "%,.0f", rate) + "</td>");
        }
    }
}
