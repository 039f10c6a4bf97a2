package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.SearchTarget;
import io.vst.valkey.FtInfo;
import io.vst.valkey.ValkeyClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Three shards running query and mixed steps through the search path: the index is created once, query and
 * mixed counts are split so that they sum to the scenario's, an open-loop rate is divided by three. Recall of a
 * top-level query step is taken over every shard's vectors (the shards meet before it and nobody writes during
 * it): exactly 1.0 on an exact index, where a third of the live set as ground truth would give about a third.
 * After a mixed step (which changes vectors in place elsewhere) it is not measured, and said so.
 */
class ShardedSearchIntegrationTest {

    private static final int SHARDS = 3;
    private static final String SCENARIO = """
            name: sharded-search
            dataset: synthetic-8
            index:
              algorithm: FLAT
              distance_metric: L2
            global_config:
              n_threads: 2
              n_clients: 2
              batch_size: 50
            steps:
              - name: grow
                type: workload
                workload: ingest
                parameters: {target_vectors: 600}
              - name: counted
                type: workload
                workload: query
                max_operations: 40
                parameters: {query_k: 10, verify_results: true, recall_sample_rate: 1.0}
              - name: once
                type: workload
                workload: query
                parameters: {query_k: 5, query_vectors: 31}
              - name: paced
                type: workload
                workload: query
                duration_seconds: 3
                parameters: {query_k: 5, queries_per_second: 60}
              - name: mixed
                type: workload
                workload: mixed
                max_operations: 1000
                parameters: {ingest_ratio: 0.5, query_ratio: 0.5, ingest_batch_size: 10, query_batch_size: 10,
                             max_vectors: 660}
              - name: after_mixed
                type: workload
                workload: query
                max_operations: 30
                parameters: {query_k: 10, verify_results: true, recall_sample_rate: 1.0}
            """;

    @TempDir
    Path out;

    private SearchTarget target;

    @AfterEach
    void stop() {
        if (target != null) {
            target.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SearchTarget.Kind.class)
    void shardsSplitQueryCountsAndRatesAndMeasureRecallOverEveryShardsVectors(SearchTarget.Kind kind) throws Exception {
        target = kind.start();
        RunPlan plan = EngineHarness.plan(SCENARIO);
        ExecutorService pool = Executors.newFixedThreadPool(SHARDS);
        List<RunResult> shards = new ArrayList<>();
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (int i = 0; i < SHARDS; i++) {
                ShardSpec spec = ShardSpec.parse(i + "/" + SHARDS, "search-" + kind, 60);
                Path dir = out.resolve("shard" + i);
                futures.add(pool.submit(() -> EngineHarness.runShard(plan, target.endpoint(), target.pid(), spec, dir)));
            }
            for (Future<RunResult> f : futures) {
                shards.add(f.get(180, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Long> ops = new HashMap<>();
        for (RunResult r : shards) {
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            for (StepRecord s : r.steps()) {
                assertThat(s.errors()).as("errors of %s", s.name()).isZero();
                ops.merge(s.name(), s.operations(), Long::sum);
            }
            StepRecord counted = r.steps().get(1);
            assertThat(counted.recall()).as(counted.detail()).isEqualTo(1.0);
            assertThat(counted.detail()).contains("recall over the live vectors of all 3 shards");
            StepRecord afterMixed = r.steps().get(5);
            assertThat(afterMixed.recall()).isNaN();
            assertThat(afterMixed.detail()).contains("recall not measured: sharded run, each shard sees 1/3 of the"
                    + " live set");
            assertThat(java.nio.file.Files.readString(r.directory().resolve("vst.log")))
                    .contains("recall not measured: sharded run, each shard sees 1/3 of the live set");
            // 60 queries per second over three shards: 20 per second each, for 3 s
            assertThat(r.steps().get(3).operations()).isBetween(54L, 62L);
        }
        assertThat(ops).containsEntry("grow", 600L).containsEntry("counted", 40L).containsEntry("once", 31L)
                .containsEntry("mixed", 1000L).containsEntry("after_mixed", 30L);
        // The union is the step's ground truth only: each shard's own live count stays its third.
        assertThat(shards.stream().mapToLong(r -> r.steps().get(1).liveVectorsAfter()).sum()).isEqualTo(600);
        try (ValkeyClient client = ValkeyClient.connect(target.endpoint(), 2)) {
            FtInfo info = client.ftInfo(plan.index().name());
            long keys = client.scanKeys(plan.index().prefix()).size();
            long live = 0;
            for (RunResult r : shards) {
                live += r.steps().get(4).liveVectorsAfter();
            }
            // No shard wrote another's key: the server holds exactly the shards' live vectors, all indexed.
            assertThat(keys).isEqualTo(live).isBetween(600L, 660L);
            assertThat(info.numDocs()).isEqualTo(keys);
        }
    }
}
