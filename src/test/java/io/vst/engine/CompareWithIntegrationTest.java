package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vst.metrics.CheckpointResult;
import io.vst.rundir.RunOutcome;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.testsupport.proxy.SearchProxy;
import io.vst.valkey.ValkeyEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare_with on performance, through the exact test-only search proxy: the proxy's injected stall and
 * truncated answers are the known truth the compared latency and recall must show.
 */
class CompareWithIntegrationTest {

    private static final String SCENARIO = """
            name: cmp
            dataset: synthetic-8
            index: {algorithm: FLAT, distance_metric: L2}
            global_config: {n_threads: 2, n_clients: 2, batch_size: 100}
            steps:
              - name: grow
                type: workload
                workload: ingest
                parameters: {target_vectors: 500}
              - name: rounds
                type: loop
                iterations: 2
                steps:
                  - name: q_${loop_index}
                    type: workload
                    workload: query
                    max_operations: 100
                    config: {batch_size: 1}
                    parameters: {query_k: 10, verify_results: true, recall_sample_rate: 1.0}
                  - name: snap_${loop_index}
                    type: checkpoint
                    parameters: {tag: "round_${loop_index}"}
              - name: q_last
                type: workload
                workload: query
                max_operations: 100
                config: {batch_size: 1}
                parameters: {query_k: 10, verify_results: true, recall_sample_rate: 1.0}
              - name: last
                type: checkpoint
                parameters: {compare_with: snap_1}
              - name: q_more
                type: workload
                workload: query
                max_operations: 100
                config: {batch_size: 1}
                parameters: {query_k: 10, verify_results: true, recall_sample_rate: 1.0}
              - name: again
                type: checkpoint
                parameters: {compare_with: round_0}
            """;

    @TempDir
    Path out;

    private SearchProxy proxy;

    @BeforeEach
    void start() {
        ValkeyTestServer.requireBinary();
        proxy = SearchProxy.start();
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void comparesThroughputLatencyAndRecallWithACheckpointFoundByTagAndByLoopExpandedName() {
        // Round 1: every answer holds 5 of the 10 neighbours, and after its 10th query replies stall 400 ms.
        AtomicBoolean stalled = new AtomicBoolean();
        RunListener faults = new RunListener() {
            @Override
            public void stepStarted(PlannedStep step) {
                if (step.name().equals("q_1")) {
                    proxy.truncateResultsTo(5);
                } else if (step.name().equals("q_last")) {
                    proxy.truncateResultsTo(Integer.MAX_VALUE);
                }
            }

            @Override
            public void stepProgress(PlannedStep step, long done, long target, double fraction) {
                if (step.name().equals("q_1") && done >= 10 && stalled.compareAndSet(false, true)) {
                    proxy.pauseFor(Duration.ofMillis(400));
                }
            }
        };
        ValkeyEndpoint endpoint = ValkeyEndpoint.parse("valkey://127.0.0.1:" + proxy.port());
        RunResult r = EngineHarness.run(SCENARIO, endpoint, -1, out, faults);
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
        Map<String, CheckpointResult> byName = r.checkpoints().stream()
                .collect(Collectors.toMap(CheckpointResult::name, Function.identity()));

        CheckpointResult round0 = byName.get("snap_0");
        assertThat(round0.tag()).isEqualTo("round_0");
        assertThat(round0.performance().get("query_count")).isEqualTo(100.0);
        assertThat(round0.performance().get("recall")).isCloseTo(1.0, within(1e-9));

        CheckpointResult.Comparison last = byName.get("last").comparison();
        assertThat(last.against()).as("found by loop-expanded name").isEqualTo("snap_1");
        assertThat(last.performance().get("recall").before()).isCloseTo(0.5, within(1e-9));
        assertThat(last.performance().get("recall").after()).isCloseTo(1.0, within(1e-9));
        assertThat(last.performance().get("recall").delta()).isCloseTo(0.5, within(1e-9));
        // The query sent right after the stall began waited it out: the slowest of the 100 holds it.
        assertThat(last.performance().get("query_p999_ms").before()).as("p99.9 with the stall").isGreaterThan(390.0);
        assertThat(last.performance().get("query_p999_ms").after()).isLessThan(390.0);
        assertThat(last.performance().get("query_ops_per_s").before())
                .isLessThan(last.performance().get("query_ops_per_s").after());

        CheckpointResult.Comparison again = byName.get("again").comparison();
        assertThat(again.against()).as("found by tag").isEqualTo("snap_0");
        assertThat(again.performance().get("recall").delta()).isCloseTo(0.0, within(1e-9));
        assertThat(again.performance()).containsKeys("query_ops_per_s", "query_p50_ms", "query_p99_ms",
                "query_p999_ms");
        assertThat(again.deltas()).containsKey("used_memory_bytes");
    }
}
