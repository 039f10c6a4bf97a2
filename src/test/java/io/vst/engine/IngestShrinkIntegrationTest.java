package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vst.rundir.RunOutcome;
import io.vst.rundir.RunDirectory;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest, shrink and update against a real valkey-server: absolute targets, partitioning, strategies. */
class IngestShrinkIntegrationTest {

    private static ValkeyTestServer server;
    private static ValkeyClient client;

    @TempDir
    Path out;

    @BeforeAll
    static void start() {
        server = ValkeyTestServer.start();
        client = ValkeyClient.connect(server.endpoint(), 4);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void flush() {
        client.command("FLUSHALL");
    }

    private static String scenario(String globals, String steps) {
        return "name: t\ndataset: synthetic-16\nglobal_config:\n" + globals + "\nsteps:\n" + steps;
    }

    private static Set<String> keys() {
        return new HashSet<>(client.scanKeys("vec:"));
    }

    @Test
    void ingestWritesExactlyTheTargetWithNoOverlapAndNoGap() {
        RunResult r = EngineHarness.run(scenario("  n_threads: 4\n  n_clients: 8\n  batch_size: 7",
                "  - name: load\n    type: workload\n    workload: ingest\n    parameters:\n      target_vectors: 1003\n"),
                server.endpoint(), server.pid(), out);
        assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
        Set<String> expected = LongStream.range(0, 1003).mapToObj(i -> "vec:" + i).collect(Collectors.toSet());
        assertThat(keys()).isEqualTo(expected);
        StepRecord load = r.steps().get(0);
        assertThat(load.operations()).isEqualTo(1003);
        assertThat(load.liveVectorsAfter()).isEqualTo(1003);
        byte[] v = client.readVector("vec:5");
        assertThat(v).hasSize(16 * 4);
    }

    @Test
    void targetsAreAbsoluteAcrossSteps() {
        RunResult r = EngineHarness.run(scenario("  n_threads: 2\n  n_clients: 2\n  batch_size: 100",
                """
                  - name: a
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 1000}
                  - name: again
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 1000}
                  - name: down
                    type: workload
                    workload: shrink
                    parameters: {target_vectors: 400, removal_strategy: random}
                  - name: up
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 700}
                """), server.endpoint(), server.pid(), out);
        assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(r.steps()).extracting(StepRecord::operations).containsExactly(1000L, 0L, 600L, 300L);
        assertThat(r.steps()).extracting(StepRecord::liveVectorsAfter).containsExactly(1000L, 1000L, 400L, 700L);
        assertThat(client.dbSize()).isEqualTo(700);
    }

    @Test
    void oldestAndNewestRemoveByInsertionOrder() {
        String steps = """
                  - name: a
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 300}
                  - name: old
                    type: workload
                    workload: shrink
                    parameters: {target_vectors: 200, removal_strategy: oldest}
                  - name: new
                    type: workload
                    workload: shrink
                    parameters: {target_vectors: 100, removal_strategy: newest, verify_removal: true}
                """;
        RunResult r = EngineHarness.run(scenario("  n_threads: 1\n  n_clients: 1\n  batch_size: 50", steps),
                server.endpoint(), server.pid(), out);
        assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
        Set<String> expected = LongStream.range(100, 200).mapToObj(i -> "vec:" + i).collect(Collectors.toSet());
        assertThat(keys()).isEqualTo(expected);
    }

    @Test
    void foreignKeysAreNeverTouched() {
        client.command("SET", "other:1", "x");
        client.command("SET", "vecx", "y");
        client.command("HSET", "user:vec:1", "vector", "z");
        RunResult r = EngineHarness.run(scenario("  batch_size: 100", """
                  - name: a
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 500, validate_ingestion: true}
                  - name: s
                    type: workload
                    workload: shrink
                    parameters: {target_vectors: 0}
                  - name: b
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 100}
                  - name: clean
                    type: cleanup
                    parameters: {cleanup_type: full}
                """), server.endpoint(), server.pid(), out);
        assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(client.dbSize()).isEqualTo(3);
        assertThat(client.command("GET", "other:1")).isEqualTo("x");
        assertThat(client.command("GET", "vecx")).isEqualTo("y");
    }

    @Test
    void updateRewritesVectorsWithoutChangingTheLiveCount() {
        RunResult r = EngineHarness.run(scenario("  batch_size: 64", """
                  - name: a
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 200}
                  - name: u
                    type: workload
                    workload: update
                    parameters: {update_vectors: 50, selection: oldest}
                """), server.endpoint(), server.pid(), out);
        assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(r.steps().get(1).operations()).isEqualTo(50);
        assertThat(client.dbSize()).isEqualTo(200);
    }

    @Test
    void runDirectoryHasEveryFileAndCheckpointsCompare() throws Exception {
        RunResult r = EngineHarness.run(scenario("  batch_size: 200\n  metrics_collection_interval: 0.2", """
                  - name: load
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 2000}
                  - name: cp1
                    type: checkpoint
                    parameters: {collect_full_metrics: true, force_gc: true}
                  - name: shrink
                    type: workload
                    workload: shrink
                    parameters: {target_vectors: 500}
                  - name: cp2
                    type: checkpoint
                    parameters: {compare_with: cp1, analyze_fragmentation: true, generate_report: true}
                """), server.endpoint(), server.pid(), out);
        assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
        Path dir = r.directory();
        for (String f : List.of(RunDirectory.SCENARIO, RunDirectory.RUN_JSON, RunDirectory.TIMELINE,
                RunDirectory.STEPS, RunDirectory.CHECKPOINTS, RunDirectory.LOG)) {
            assertThat(dir.resolve(f)).exists();
        }
        assertThat(dir.resolve("latency/ingest.hlog")).exists();
        assertThat(Files.readString(dir.resolve(RunDirectory.RUN_JSON))).contains("\"outcome\" : \"completed\"");
        List<String> timeline = Files.readAllLines(dir.resolve(RunDirectory.TIMELINE));
        assertThat(timeline.size()).isGreaterThan(2);
        assertThat(timeline.get(0)).startsWith("timestamp_utc,elapsed_s,step,used_memory_bytes");
        assertThat(Files.readAllLines(dir.resolve(RunDirectory.STEPS))).hasSize(5);
        assertThat(r.checkpoints()).hasSize(2);
        var cp1 = r.checkpoints().get(0);
        assertThat(cp1.liveVectors()).isEqualTo(2000);
        assertThat(cp1.perVector().totalBytes()).isGreaterThan(16 * 4);
        assertThat(cp1.raw()).containsKeys("info_memory", "memory_stats", "malloc_stats");
        var cp2 = r.checkpoints().get(1);
        assertThat(cp2.comparison().against()).isEqualTo("cp1");
        // Δ(used_memory − mem_clients_normal − a rehash's old key table) / Δlive of the server readings kept with
        // each checkpoint (its sign follows the allocator: a shrink usually frees memory, not always by the next
        // checkpoint).
        java.util.function.ToDoubleFunction<io.vst.metrics.CheckpointResult> own = c -> c.figures()
                .get(io.vst.metrics.TimelineColumns.USED_MEMORY) - c.figures().get(io.vst.metrics.TimelineColumns.MEM_CLIENTS_NORMAL)
                - c.figures().getOrDefault(io.vst.metrics.TimelineColumns.HASHTABLE_REHASHING, 0.0);
        double expected = (own.applyAsDouble(cp2) - own.applyAsDouble(cp1)) / (double) (cp2.liveVectors() - cp1.liveVectors());
        assertThat(cp2.comparison().bytesPerVectorDelta()).isCloseTo(expected, within(1e-6));
        assertThat(cp2.fragmentation().verdict()).isNotBlank();
        assertThat(dir.resolve("reports/cp2/report.html")).isNotEmptyFile();
        assertThat(Files.readString(dir.resolve("reports/cp2/report.html"))).contains("cp1");
    }

    @Test
    void indexFieldsAreWrittenBesideEachVector() {
        RunResult r = EngineHarness.run("""
                name: t
                dataset: synthetic-4
                index:
                  fields:
                    - {name: category, type: TAG, source: row_mod:3}
                    - {name: price, type: NUMERIC, source: id}
                steps:
                  - name: a
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 10}
                """, server.endpoint(), server.pid(), out);
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(client.command("HGET", "vec:7", "category")).isEqualTo("t1");
        assertThat(client.command("HGET", "vec:7", "price")).isEqualTo("7");
        assertThat(client.readVector("vec:7")).hasSize(16);
    }

    private static String readString(java.nio.file.Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aFreshStartDeletesLeftoversWhileContinuingAdoptsThem() {
        client.command("HSET", "vec:5", "vector", "x");
        client.command("HSET", "vec:expand_1_2", "vector", "y");
        client.command("SET", "vec:not-a-vector", "z");
        String yaml = """
                name: t
                dataset: synthetic-16
                index: {recreate_index: %s}
                steps:
                  - name: load
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 10}
                """;
        RunResult cont = EngineHarness.run(String.format(Locale.ROOT, yaml, "false"), server.endpoint(), server.pid(), out);
        assertThat(cont.outcome()).as(cont.message()).isEqualTo(RunOutcome.COMPLETED);
        // vec:5 counts as live already, so 9 more were added to reach 10. A synthetic dataset has no
        // expansions, so vec:expand_1_2 is not one of its keys: it and the odd key are left alone.
        assertThat(cont.steps().get(0).operations()).isEqualTo(9);
        assertThat(client.command("GET", "vec:not-a-vector")).isEqualTo("z");
        assertThat(client.command("HGET", "vec:expand_1_2", "vector")).isEqualTo("y");
        assertThat(readString(cont.directory().resolve("vst.log"))).contains("continuing on existing data "
                + "(recreate_index: false): 1 keys under 'vec:' are live; 2 other keys under the prefix are not vst's");
        RunResult fresh = EngineHarness.run(String.format(Locale.ROOT, yaml, "true"), server.endpoint(), server.pid(), out);
        assertThat(fresh.steps().get(0).operations()).isEqualTo(10);
        // A fresh start removes every key under the prefix, vst's or not: the prefix is vst's.
        assertThat(client.dbSize()).isEqualTo(10);
    }

    @Test
    void cleanupWithoutPreservingConnectionsClosesTheIdleOnes() {
        RunResult r = EngineHarness.run(scenario("  n_threads: 4\n  n_clients: 8\n  batch_size: 50", """
                  - name: a
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 20000}
                  - name: clean
                    type: cleanup
                    parameters: {cleanup_type: partial, preserve_connections: false}
                """), server.endpoint(), server.pid(), out);
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
        String detail = r.steps().get(1).detail();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("closed (\\d+) idle connections").matcher(detail);
        assertThat(m.find()).as(detail).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(4);
    }
}
