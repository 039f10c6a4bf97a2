package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.VstException;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ClusterMode;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.ValkeyEndpoint;
import io.vst.valkey.server.ManagedCluster;
import io.vst.valkey.server.ManagedServer;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three shards ({@code --shard 0/3 .. 2/3}) on one server against one process on another server, both running
 * the same scenario: the servers must end with the same keys, the shards' step counts and latency counts must sum
 * to the single run's, and only shard 0 may have read the server.
 */
class ShardedRunIntegrationTest {

    private static final int SHARDS = 3;
    private static final String GROUP = "it-group";
    private static final String HEADER = """
            name: sharded
            dataset: synthetic-16
            global_config:
              n_threads: 1
              n_clients: 1
              batch_size: 10
              metrics_collection_interval: 0.2
            steps:
            """;
    /**
     * Targets are multiples of 3 and every ingest visits the ids in one order, so with oldest / newest removal
     * the shards' keys are the single run's keys.
     */
    private static final String SCENARIO = HEADER + """
              - name: grow
                type: workload
                workload: ingest
                parameters: {target_vectors: 150}
              - name: cp
                type: checkpoint
              - name: grow2
                type: workload
                workload: ingest
                parameters: {target_vectors: 300}
              - name: trim
                type: workload
                workload: shrink
                parameters: {target_vectors: 150, removal_strategy: oldest}
              - name: regrow
                type: workload
                workload: ingest
                parameters: {target_vectors: 240}
              - name: touch
                type: workload
                workload: update
                parameters: {update_vectors: 61}
              - name: trim2
                type: workload
                workload: shrink
                parameters: {target_vectors: 90, removal_strategy: newest}
            """;
    /** A shuffled ingest, then one in id order: the second order puts ids other shards hold on a shard's positions. */
    private static final String TWO_ORDERS = HEADER + """
              - name: grow
                type: workload
                workload: ingest
                parameters: {target_vectors: 300, shuffle: true}
              - name: trim
                type: workload
                workload: shrink
                parameters: {target_vectors: 150, removal_strategy: oldest}
              - name: regrow
                type: workload
                workload: ingest
                parameters: {target_vectors: 241}
            """;

    private static ValkeyTestServer single;
    private static ValkeyTestServer shared;
    private static ValkeyClient singleClient;
    private static ValkeyClient sharedClient;

    @TempDir
    Path out;

    @BeforeAll
    static void start() {
        single = ValkeyTestServer.start();
        shared = ValkeyTestServer.start();
        singleClient = ValkeyClient.connect(single.endpoint(), 2);
        sharedClient = ValkeyClient.connect(shared.endpoint(), 2);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {singleClient, sharedClient, single, shared}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void threeShardsWriteTheSameKeysAndCountsAsOneProcess() throws Exception {
        RunPlan plan = EngineHarness.plan(SCENARIO);
        RunResult whole = runSingle(plan, "single");
        List<RunResult> shards = runShards(plan, shared.endpoint(), shared.pid(), sharedClient, GROUP, "shard");
        assertSameAsOneProcess(whole, shards, sharedClient, GROUP);
    }

    @Test
    void threeShardsOnAThreePrimaryClusterWriteTheSameKeysAndCountsAsOneProcess() throws Exception {
        RunPlan plan = EngineHarness.plan(SCENARIO);
        RunResult whole = runSingle(plan, "single-c");
        try (ManagedCluster cluster = ValkeyTestServer.startCluster(3);
                ValkeyClient clusterClient = ValkeyClient.connect(cluster.endpoint(), 2)) {
            List<RunResult> shards = runShards(plan, cluster.endpoint(), -1, clusterClient, "on-cluster", "cshard");
            assertSameAsOneProcess(whole, shards, clusterClient, "on-cluster");
            // the keys are spread over the primaries, as one process would spread them
            for (ManagedServer node : cluster.nodes()) {
                try (ValkeyClient c = ValkeyClient.connect(node.endpoint().withCluster(ClusterMode.STANDALONE), 1)) {
                    assertThat(c.dbSize()).as("keys on " + node.port()).isBetween(10L, 80L);
                }
            }
        }
    }

    /** The servers' keys, the steps' counts and latency counts, and what each shard read, against one process. */
    private static void assertSameAsOneProcess(RunResult whole, List<RunResult> shards, ValkeyClient shardsServer,
            String group) throws Exception {
        // The servers' own view: the same vector keys; the sharded server holds one more key, the end barrier.
        assertThat(new HashSet<>(shardsServer.scanKeys("vec:"))).isEqualTo(new HashSet<>(singleClient.scanKeys("vec:")))
                .hasSize(90);
        assertThat(shardsServer.dbSize()).isEqualTo(singleClient.dbSize() + 1);
        assertThat(shardsServer.scanKeys(ShardBarrier.PREFIX)).containsExactly(ShardBarrier.endKey(group));
        assertThat(shardsServer.readCounter(ShardBarrier.endKey(group))).isEqualTo(3);
        assertThat(singleClient.scanKeys(ShardBarrier.PREFIX)).isEmpty();

        // steps.csv and the latency logs, read back from disk: the shards' counts sum to the single run's.
        RunData one = RunDataReader.read(whole.directory());
        List<RunData> parts = new ArrayList<>();
        for (RunResult r : shards) {
            parts.add(RunDataReader.read(r.directory()));
        }
        Map<String, Long> ops = new HashMap<>();
        Map<String, Long> live = new HashMap<>();
        for (RunData d : parts) {
            for (StepRecord s : d.steps()) {
                ops.merge(s.name(), s.operations(), Long::sum);
                live.merge(s.name(), s.liveVectorsAfter(), Long::sum);
            }
        }
        for (StepRecord s : one.steps()) {
            assertThat(ops.get(s.name())).as("operations of %s", s.name()).isEqualTo(s.operations());
            assertThat(live.get(s.name())).as("live after %s", s.name()).isEqualTo(s.liveVectorsAfter());
        }
        assertThat(ops).containsEntry("grow2", 150L).containsEntry("trim", 150L).containsEntry("touch", 61L);
        for (String op : List.of("ingest", "delete", "update")) {
            Map<String, Long> sum = new HashMap<>();
            for (RunData d : parts) {
                d.latencyByStep(op).forEach((step, h) -> sum.merge(step, h.getTotalCount(), Long::sum));
            }
            Map<String, Long> expected = new HashMap<>();
            one.latencyByStep(op).forEach((step, h) -> expected.put(step, h.getTotalCount()));
            assertThat(expected).as("%s latencies of the single run", op).isNotEmpty();
            assertThat(sum).as("%s latency counts summed over the shards", op).isEqualTo(expected);
        }

        // Only shard 0 read the server: shard 1's timeline and checkpoint have its live count and no server figure.
        assertThat(column(shards.get(0).directory(), TimelineColumns.USED_MEMORY)).isNotEmpty().doesNotContain("");
        assertThat(column(shards.get(1).directory(), TimelineColumns.USED_MEMORY)).isNotEmpty().containsOnly("");
        assertThat(column(shards.get(1).directory(), TimelineColumns.LIVE_VECTORS)).doesNotContain("");
        assertThat(parts.get(1).checkpoints()).singleElement().satisfies(c -> {
            assertThat(c.liveVectors()).isEqualTo(50);
            assertThat(c.figures()).doesNotContainKey(TimelineColumns.USED_MEMORY);
        });
        assertThat(parts.get(0).checkpoints().get(0).figures()).containsKey(TimelineColumns.USED_MEMORY);
        // Shard 0's memory over its own third of the vectors would be three times the true cost per vector.
        assertThat(one.checkpoints().get(0).perVector()).isNotNull();
        assertThat(parts.get(0).checkpoints().get(0).perVector()).isNull();
        assertThat(parts.get(0).checkpoints().get(0).notes()).anyMatch(n -> n.startsWith("per-vector memory not computed"));

        // run.json carries the contract vst merge reads.
        assertThat(parts.get(2).info().options()).containsEntry("shard", "2/3").containsEntry("shard_group", group);
        assertThat(one.info().options()).containsEntry("shard", "0/1");
    }

    @Test
    void aLaterIngestInAnotherOrderSkipsTheIdsOtherShardsHold() throws Exception {
        RunPlan plan = EngineHarness.plan(TWO_ORDERS);
        RunResult whole = runSingle(plan, "single2");
        List<RunResult> shards = runShards(plan, shared.endpoint(), shared.pid(), sharedClient, "two-orders", "two");
        // No shard overwrote another's key: the server holds exactly the sum of the shards' live vectors.
        long live = 0;
        long added = 0;
        for (RunResult r : shards) {
            live += r.steps().get(2).liveVectorsAfter();
            added += r.steps().get(2).operations();
        }
        assertThat(live).isEqualTo(241);
        assertThat(added).isEqualTo(91);
        assertThat(sharedClient.scanKeys("vec:")).hasSize(241);
        assertThat(singleClient.scanKeys("vec:")).hasSize(241);
        assertThat(whole.steps().get(2).operations()).isEqualTo(91);
    }

    @Test
    void aCleanupDeletesOnceAndEveryShardForgetsItsLiveSet() throws Exception {
        RunPlan plan = EngineHarness.plan(HEADER + """
                  - name: grow
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 90}
                  - name: clean
                    type: cleanup
                  - name: again
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 30}
                """);
        List<RunResult> shards = runShards(plan, shared.endpoint(), shared.pid(), sharedClient, "cleanup", "clean");
        long deleted = 0;
        for (RunResult r : shards) {
            deleted += r.steps().get(1).operations();
            assertThat(r.steps().get(1).liveVectorsAfter()).isZero();
            assertThat(r.steps().get(2).liveVectorsAfter()).isEqualTo(10);
        }
        assertThat(deleted).isEqualTo(90);
        assertThat(shards.get(0).steps().get(1).operations()).isEqualTo(90);
        assertThat(sharedClient.scanKeys("vec:")).hasSize(30);
    }

    @Test
    void aShardWhoseOthersNeverComeFailsTheRunNamingHowManyAreMissing() {
        sharedClient.command("DEL", ShardBarrier.stepKey("lonely", 0));
        RunPlan plan = EngineHarness.plan(SCENARIO);
        VstException e = org.junit.jupiter.api.Assertions.assertThrows(VstException.class,
                () -> EngineHarness.runShard(plan, shared.endpoint(), shared.pid(), ShardSpec.parse("1/3", "lonely", 0.3),
                        out.resolve("lonely")));
        assertThat(e.getMessage()).contains("shard 1/3 waited 0.3 s at step 0 ('grow')")
                .contains("1 of 3 arrived, 2 are missing");
        sharedClient.command("DEL", ShardBarrier.stepKey("lonely", 0));
    }

    private RunResult runSingle(RunPlan plan, String name) {
        singleClient.command("FLUSHALL");
        RunResult whole = EngineHarness.runShard(plan, single.endpoint(), single.pid(), ShardSpec.single(),
                out.resolve(name));
        assertThat(whole.outcome()).as(whole.message()).isEqualTo(RunOutcome.COMPLETED);
        return whole;
    }

    /** The shards of {@code group}, each on its own thread with its own connections and run directory. */
    private List<RunResult> runShards(RunPlan plan, ValkeyEndpoint endpoint, long pid, ValkeyClient server, String group,
            String name) throws Exception {
        server.scanKeys("", keys -> server.deleteKeys(keys));
        ExecutorService pool = Executors.newFixedThreadPool(SHARDS);
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (int i = 0; i < SHARDS; i++) {
                ShardSpec spec = ShardSpec.parse(i + "/" + SHARDS, group, 60);
                Path dir = out.resolve(name + i);
                futures.add(pool.submit(() -> EngineHarness.runShard(plan, endpoint, pid, spec, dir)));
            }
            List<RunResult> shards = new ArrayList<>();
            for (Future<RunResult> f : futures) {
                shards.add(f.get(120, TimeUnit.SECONDS));
            }
            for (RunResult r : shards) {
                assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            }
            return shards;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> column(Path dir, String name) throws Exception {
        List<String> values = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(dir.resolve("timeline.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                values.add(rec.get(name));
            }
        }
        return values;
    }
}
