package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.PlainReadings;
import io.vst.testsupport.RealSearch;
import io.vst.valkey.server.ManagedCluster;
import io.vst.valkey.server.ManagedServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local 3-primary cluster of the real valkey-search module, as {@code vst run --cluster --module} starts it:
 * the index is created once and reaches every primary (the module's coordinator), queries fan out over the
 * shards, and the index figures are the sum of the nodes' own, read over a separate connection to each node.
 */
class ModuleClusterIntegrationTest {

    private static final String SCENARIO = """
            name: cluster_search
            dataset: synthetic-64
            index: {algorithm: FLAT}
            global_config: {n_threads: 2, n_clients: 2, batch_size: 200}
            steps:
              - name: load
                type: workload
                workload: ingest
                parameters: {target_vectors: 3000}
              - name: cp_loaded
                type: checkpoint
                parameters: {collect_memory_metrics: true}
              - name: search
                type: workload
                workload: query
                duration_seconds: 2
                parameters: {query_k: 10, verify_results: true, recall_sample_rate: 1.0}
            """;

    @TempDir
    Path out;

    /** The nodes' own figures at one instant. */
    record NodeReadings(long docs, long keys, long indexBytes) {
    }

    @Test
    void anIndexCreatedOnceServesTheWholeClusterAndItsFiguresAreTheSumOfTheNodes() {
        RealSearch.requireAvailable();
        try (ManagedCluster cluster = ManagedCluster.start(RealSearch.options(), 3)) {
            List<NodeReadings> atCheckpoint = new ArrayList<>();
            Map<String, NodeReadings> afterIngest = new LinkedHashMap<>();
            RunListener reader = new RunListener() {
                @Override
                public void checkpointTaken(CheckpointResult checkpoint) {
                    atCheckpoint.add(sum(cluster));
                }

                @Override
                public void stepFinished(PlannedStep step, StepRecord record) {
                    afterIngest.put(step.name(), sum(cluster));
                }
            };
            RunResult r = EngineHarness.run(SCENARIO, cluster.endpoint(), -1, out, reader);
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            // Every primary holds a share of the documents in its own part of the one index.
            for (ManagedServer node : cluster.nodes()) {
                long docs = numDocs(node);
                assertThat(docs).as("documents on node " + node.port()).isBetween(700L, 1300L);
            }
            NodeReadings loaded = afterIngest.get("load");
            assertThat(loaded.docs()).isEqualTo(3000);
            assertThat(loaded.keys()).isEqualTo(3000);
            StepRecord load = r.steps().stream().filter(s -> s.name().equals("load")).findFirst().orElseThrow();
            // Searchable when the documents of all nodes add up to the live count, not one node's share.
            assertThat(load.timeToSearchableSeconds()).as(load.detail()).isBetween(0.0, 30.0);
            CheckpointResult cp = r.checkpoints().get(0);
            NodeReadings nodes = atCheckpoint.get(0);
            assertThat(cp.figures().get(TimelineColumns.SEARCH_NUM_DOCS)).isEqualTo((double) nodes.docs());
            assertThat(cp.figures().get(TimelineColumns.DBSIZE)).isEqualTo((double) nodes.keys());
            assertThat(cp.figures().get(TimelineColumns.SEARCH_MEMORY)).as("index memory summed over the nodes")
                    .isEqualTo((double) nodes.indexBytes());
            assertThat(cp.liveVectors()).isEqualTo(nodes.keys());
            // FLAT is exact: every true neighbour, wherever its shard, comes back through the coordinator.
            StepRecord search = r.steps().stream().filter(s -> s.name().equals("search")).findFirst().orElseThrow();
            assertThat(search.operations()).isPositive();
            assertThat(search.errors()).isZero();
            assertThat(search.recall()).isEqualTo(1.0);
        }
    }

    private static NodeReadings sum(ManagedCluster cluster) {
        long docs = 0;
        long keys = 0;
        long index = 0;
        for (ManagedServer node : cluster.nodes()) {
            try (PlainReadings plain = PlainReadings.connect(node.port())) {
                docs += Long.parseLong(plain.ftInfo("vst_idx").get("num_docs"));
                keys += plain.dbSize();
                index += plain.info("search", "search_used_memory_bytes");
            }
        }
        return new NodeReadings(docs, keys, index);
    }

    private static long numDocs(ManagedServer node) {
        try (PlainReadings plain = PlainReadings.connect(node.port())) {
            return Long.parseLong(plain.ftInfo("vst_idx").get("num_docs"));
        }
    }
}
