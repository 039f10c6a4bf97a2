package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.SearchTarget;
import io.vst.testsupport.proxy.SearchProxy;
import io.vst.valkey.ValkeyEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The search path end to end, on the real valkey-search module and through the test-only proxy (it
 * answers FT.* like valkey-search 1.2.1 over the real hashes of a real valkey-server) with the same
 * assertions; the tests that need the proxy's hooks (truncated answers, stalls) run on the proxy only.
 */
class SearchProxyIntegrationTest {

    @TempDir
    Path out;

    private SearchTarget target;
    private ValkeyEndpoint endpoint;

    private void start(SearchTarget.Kind kind) {
        target = kind.start();
        endpoint = target.endpoint();
    }

    /** The proxy, for the tests that drive its fault hooks. */
    private SearchProxy startProxy() {
        start(SearchTarget.Kind.PROXY);
        return ((SearchTarget.Proxy) target).proxy();
    }

    @AfterEach
    void stop() {
        if (target != null) {
            target.close();
        }
    }

    private static final String CHURN = """
            name: churn
            dataset: synthetic-8
            index:
              algorithm: FLAT
              distance_metric: L2
            global_config:
              n_threads: 2
              n_clients: 2
              batch_size: 100
            steps:
              - name: grow
                type: workload
                workload: ingest
                parameters: {target_vectors: 600}
              - name: q1
                type: workload
                workload: query
                max_operations: 40
                parameters: {query_k: 10, verify_results: true, recall_sample_rate: 1.0}
              - name: shrink
                type: workload
                workload: shrink
                parameters: {target_vectors: 250}
              - name: q2
                type: workload
                workload: query
                max_operations: 40
                parameters: {query_k: 10, verify_results: true, recall_sample_rate: 1.0}
              - name: regrow
                type: workload
                workload: ingest
                parameters: {target_vectors: 900}
              - name: q3
                type: workload
                workload: query
                max_operations: 40
                parameters: {query_k: 10, verify_results: true, recall_sample_rate: 1.0}
            """;

    @ParameterizedTest
    @EnumSource(SearchTarget.Kind.class)
    void flatIndexRecallIsExactThroughGrowShrinkRegrow(SearchTarget.Kind kind) {
        start(kind);
        RunResult r = EngineHarness.run(CHURN, endpoint, -1, out);
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
        List<StepRecord> queries = r.steps().stream().filter(s -> s.workload().equals("query")).toList();
        assertThat(queries).hasSize(3);
        for (StepRecord q : queries) {
            assertThat(q.operations()).isEqualTo(40);
            assertThat(q.recall()).as(q.name()).isCloseTo(1.0, within(1e-9));
        }
        StepRecord grow = r.steps().get(0);
        assertThat(grow.timeToSearchableSeconds()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void truncatedResultListsLowerRecallByTheExpectedShare() {
        startProxy().truncateResultsTo(5);
        RunResult r = EngineHarness.run(CHURN, endpoint, -1, out);
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
        for (StepRecord q : r.steps().stream().filter(s -> s.workload().equals("query")).toList()) {
            assertThat(q.recall()).as(q.name()).isCloseTo(0.5, within(1e-9));
        }
    }

    @Test
    void openLoopRateHoldsAndAStallShowsInTheTail() {
        SearchProxy proxy = startProxy();
        String yaml = """
                name: rate
                dataset: synthetic-8
                index: {algorithm: FLAT}
                global_config: {n_threads: 8, n_clients: 8, batch_size: 100}
                steps:
                  - name: grow
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 200}
                  - name: q
                    type: workload
                    workload: query
                    duration_seconds: 3
                    parameters: {query_k: 5, queries_per_second: 100}
                """;
        RunListener staller = new RunListener() {
            private boolean done;

            @Override
            public synchronized void stepProgress(PlannedStep step, long n, long target, double fraction) {
                if (step.name().equals("q") && n > 100 && !done) {
                    done = true;
                    proxy.pauseFor(Duration.ofMillis(200));
                }
            }
        };
        RunResult r = EngineHarness.run(yaml, endpoint, -1, out, staller);
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
        StepRecord q = r.steps().get(1);
        assertThat(q.detail()).contains("(target 100.0 q/s)");
        // The schedule is global and open-loop: the achieved rate is the target within 1 %, and the detail
        // shows the step's one rate (operations over the time spent on them).
        assertThat(q.operationsPerSecond()).isCloseTo(100, within(100 * 0.01));
        assertThat(q.detail()).contains(io.vst.units.Units.rate(q.operationsPerSecond()) + " over ");
        StepRecord.LatencySummary lat = q.latency().get("query");
        assertThat(lat.maxMs()).isGreaterThanOrEqualTo(190);
        assertThat(lat.p999Ms()).isGreaterThanOrEqualTo(100);
    }

    @ParameterizedTest
    @EnumSource(SearchTarget.Kind.class)
    void anExistingIndexWithAnotherDefinitionIsAnErrorUnlessRecreateIsAsked(SearchTarget.Kind kind) {
        start(kind);
        String yaml = """
                name: idx
                dataset: synthetic-8
                index: {name: shared_idx, algorithm: HNSW, m: %d, recreate_index: %s}
                steps:
                  - name: load
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 100}
                  - name: cp
                    type: checkpoint
                    parameters: {}
                """;
        RunResult first = EngineHarness.run(String.format(Locale.ROOT, yaml, 16, "false"), endpoint, -1, out);
        assertThat(first.outcome()).as(first.message()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(first.checkpoints().get(0).raw()).containsKeys("info_search", "ft_info");
        RunResult clash = EngineHarness.run(String.format(Locale.ROOT, yaml, 32, "false"), endpoint, -1, out);
        assertThat(clash.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(clash.message()).contains("Index 'shared_idx' already exists with a different definition: m 16 vs 32")
                .contains("recreate_index: true");
        RunResult recreated = EngineHarness.run(String.format(Locale.ROOT, yaml, 32, "true"), endpoint, -1, out);
        assertThat(recreated.outcome()).as(recreated.message()).isEqualTo(RunOutcome.COMPLETED);
        // A fresh start deleted the first run's keys: the 100 live vectors are this run's own.
        assertThat(recreated.steps().get(0).operations()).isEqualTo(100);
        try (io.vst.valkey.ValkeyClient c = io.vst.valkey.ValkeyClient.connect(endpoint, 1)) {
            assertThat(c.ftInfo("shared_idx").vector().m()).isEqualTo(32);
        }
    }
}
