package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.PlainReadings;
import io.vst.testsupport.RealSearch;
import io.vst.valkey.server.ManagedServer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recall under churn on the real valkey-search module: queries verified against exact ground truth over
 * the live vectors while ingest and deletes run beside them. FLAT is exact, so its recall must be 1.0
 * whatever runs beside it (truth rule); HNSW is approximate: plausible at ef 200, not worse than at ef 10.
 */
class ModuleRecallIntegrationTest {

    private static final String CHURN = """
            name: churn_%s
            dataset: synthetic-32
            index: {algorithm: %s}
            global_config: {n_threads: 2, n_clients: 4, batch_size: 100}
            steps:
              - name: seed
                type: workload
                workload: ingest
                parameters: {target_vectors: 3000}
              - name: grow_while_querying
                type: parallel
                steps:
                  - name: grow
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 6000}
            %s
              - name: shrink_while_querying
                type: parallel
                steps:
                  - name: shrink
                    type: workload
                    workload: shrink
                    parameters: {target_vectors: 2000}
            %s
            """;

    private static final String QUERY = """
                  - name: %s
                    type: workload
                    workload: query
                    max_operations: 200
                    config: {n_threads: 1, n_clients: 1, batch_size: 1}
                    parameters: {query_k: 10%s, verify_results: true, recall_sample_rate: 1.0}
            """;

    @TempDir
    Path out;

    private static String queries(String phase, boolean hnsw) {
        if (!hnsw) {
            return String.format(Locale.ROOT, QUERY, phase + "_flat", "").stripTrailing();
        }
        return (String.format(Locale.ROOT, QUERY, phase + "_ef10", ", ef_runtime: 10")
                + String.format(Locale.ROOT, QUERY, phase + "_ef200", ", ef_runtime: 200")).stripTrailing();
    }

    private static Map<String, Double> recallByStep(String algorithm, Path out) {
        boolean hnsw = algorithm.equals("HNSW");
        String yaml = String.format(Locale.ROOT, CHURN, algorithm.toLowerCase(Locale.ROOT), algorithm,
                queries("during_grow", hnsw), queries("during_shrink", hnsw));
        try (ManagedServer server = RealSearch.start(); PlainReadings plain = PlainReadings.connect(server.port())) {
            RunResult r = EngineHarness.run(yaml, server.endpoint(), server.pid(), out);
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(plain.dbSize()).isEqualTo(2000);
            Map<String, Double> recall = r.steps().stream().filter(s -> "query".equals(s.workload()))
                    .collect(Collectors.toMap(StepRecord::name, StepRecord::recall));
            System.out.printf(Locale.ROOT, "%s recall under churn: %s%n", algorithm, recall);
            return recall;
        }
    }

    @Test
    void flatRecallIsExactlyOneWhileVectorsComeAndGo() {
        Map<String, Double> recall = recallByStep("FLAT", out);
        assertThat(recall).hasSize(2);
        recall.forEach((step, value) -> assertThat(value).as(step).isEqualTo(1.0));
    }

    @Test
    void hnswRecallIsPlausibleAtEf200AndNoWorseThanAtEf10() {
        Map<String, Double> recall = recallByStep("HNSW", out);
        assertThat(recall).hasSize(4);
        for (String phase : new String[] {"during_grow", "during_shrink"}) {
            double low = recall.get(phase + "_ef10");
            double high = recall.get(phase + "_ef200");
            assertThat(high).as(phase + " ef 200").isBetween(0.9, 1.0);
            assertThat(low).as(phase + " ef 10").isBetween(0.0, 1.0);
            // Same data and churn, one query in flight each: the wider search finds at least as much, with
            // a little room for the two steps seeing different moments of the churn.
            assertThat(high).as(phase + " ef 200 vs ef 10").isGreaterThanOrEqualTo(low - 0.02);
        }
    }
}
