package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vst.metrics.CheckpointResult;
import io.vst.report.StepRecord;
import io.vst.testsupport.PlainReadings;
import io.vst.testsupport.RealSearch;
import io.vst.valkey.ManagedServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Memory figures only vst gives, on the real valkey-search module, checked against the server's own
 * INFO MEMORY / INFO SEARCH / DBSIZE read over a separate plain connection at the same instant (inside the
 * checkpoint event, while no workload runs).
 */
class ModuleMemoryIntegrationTest {

    private static final String SCENARIO = """
            name: decomposition
            dataset: synthetic-64
            index: {algorithm: %s}
            global_config: {n_threads: 2, n_clients: 2, batch_size: 200}
            steps:
              - name: load_half
                type: workload
                workload: ingest
                parameters: {target_vectors: 2000}
              - name: cp_half
                type: checkpoint
                parameters: {analyze_fragmentation: true}
              - name: load_full
                type: workload
                workload: ingest
                parameters: {target_vectors: 4000}
              - name: cp_full
                type: checkpoint
                parameters: {analyze_fragmentation: true}
              - name: shrink_quarter
                type: workload
                workload: shrink
                parameters: {target_vectors: 1000}
              - name: cp_shrunk
                type: checkpoint
                parameters: {compare_with: cp_full, force_gc: true}
            """;

    @TempDir
    Path out;

    /** The server's own figures at one instant. */
    record Reading(long used, long dataset, long overhead, long clients, long allocated, long active, long index,
            long keys, Map<String, String> ftInfo) {

        static Reading of(PlainReadings plain, boolean withIndex) {
            Map<String, String> mem = plain.info("memory");
            return new Reading(num(mem, "used_memory"), num(mem, "used_memory_dataset"),
                    num(mem, "used_memory_overhead"), num(mem, "mem_clients_normal"), num(mem, "allocator_allocated"),
                    num(mem, "allocator_active"), plain.info("search", "search_used_memory_bytes"), plain.dbSize(),
                    withIndex ? plain.ftInfo("vst_idx") : Map.of());
        }

        private static long num(Map<String, String> m, String k) {
            return Long.parseLong(m.get(k));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"HNSW", "FLAT"})
    void memoryPerVectorSplitsIntoPartsThatAddUpToTheServersUsedMemory(String algorithm) {
        try (ManagedServer server = RealSearch.start(); PlainReadings plain = PlainReadings.connect(server.port())) {
            // MEMORY STATS, MALLOC-STATS and PURGE allocate about 24 KB each in the server the first time
            // they run, and keep it. A checkpoint runs them after it read INFO memory, so the test's reading
            // (after the checkpoint) would not be of the same instant: have them run once before the run.
            plain.warmUpMemoryCommands();
            Map<String, Reading> at = new LinkedHashMap<>();
            Map<String, Reading> before = new LinkedHashMap<>();
            Map<String, Reading> afterIngest = new LinkedHashMap<>();
            List<Reading> baseline = new ArrayList<>();
            RunListener reader = new RunListener() {
                @Override
                public void sampleTaken(io.vst.metrics.Sample sample) {
                    // The run's first sample is its baseline: the server before the first step.
                    if (baseline.isEmpty()) {
                        baseline.add(Reading.of(plain, false));
                    }
                }

                @Override
                public void stepFinished(PlannedStep step, StepRecord record) {
                    if (record.workload() != null && record.workload().equals("ingest")) {
                        afterIngest.put(step.name(), Reading.of(plain, true));
                    }
                }

                @Override
                public void stepStarted(PlannedStep step) {
                    if (step.name().startsWith("cp_")) {
                        before.put(step.name(), Reading.of(plain, false));
                    }
                }

                @Override
                public void checkpointTaken(CheckpointResult checkpoint) {
                    at.put(checkpoint.name(), Reading.of(plain, true));
                }
            };
            RunResult r = EngineHarness.run(String.format(Locale.ROOT, SCENARIO, algorithm), server.endpoint(),
                    server.pid(), out, reader);
            assertThat(r.outcome()).as(r.message()).isEqualTo("completed");
            Reading base = baseline.get(0);
            for (CheckpointResult c : r.checkpoints()) {
                Reading now = at.get(c.name());
                // Truth rule: the live count is the server's key count at the moment of the snapshot.
                assertThat(c.liveVectors()).as(c.name()).isEqualTo(now.keys());
                CheckpointResult.PerVector pv = c.perVector();
                long live = c.liveVectors();
                double usedChange = now.used() - base.used();
                double clients = now.clients() - base.clients();
                double index = now.index() - base.index();
                double keyspace = (now.dataset() - base.dataset()) - index;
                double overhead = (now.overhead() - base.overhead()) - clients;
                System.out.printf(Locale.ROOT, "%s %s live %d: used +%.0f B = keyspace %.0f + overhead %.0f + index %.0f"
                        + " + clients %.0f; allocator waste %d B; per vector vst total %.1f keyspace %.1f index %.1f"
                        + " (server %.1f / %.1f)%n", algorithm, c.name(), live, usedChange, keyspace, overhead, index,
                        clients, now.active() - now.allocated(), pv.totalBytes(), pv.keyspaceBytes(), pv.indexBytes(),
                        keyspace / live, index / live);
                // The parts vst reports (per vector, without client buffers) plus the client buffers the
                // server reports give the used_memory change the server reports, within 1 %.
                // vst reads the server between the test's reads just before and just after the checkpoint, and
                // the module still frees or grows memory in the background: vst's sum lies in that span, ±1 %.
                double vstParts = (pv.keyspaceBytes() + pv.indexBytes()) * live + clients;
                double usedBefore = before.get(c.name()).used() - base.used();
                assertThat(vstParts).as(c.name() + " parts vs used_memory change (%.0f before, %.0f after)",
                        usedBefore, usedChange).isBetween(Math.min(usedBefore, usedChange) - Math.abs(usedChange) * 0.01,
                        Math.max(usedBefore, usedChange) + Math.abs(usedChange) * 0.01);
                assertThat(pv.indexBytes() * live).as(c.name() + " index part").isCloseTo(index,
                        within(Math.abs(index) * 0.01));
                assertThat(pv.keyspaceBytes() * live).as(c.name() + " keyspace part").isCloseTo(keyspace + overhead,
                        within(Math.abs(usedChange) * 0.01));
                // Each vector is dim*4 = 256 bytes of FLOAT32 in its hash: the keyspace holds at least that.
                assertThat((keyspace + overhead) / live).as(c.name()).isGreaterThan(256);
                if (c.fragmentation() != null) {
                    assertThat(c.fragmentation().allocatorFragBytes()).as(c.name() + " allocator waste")
                            .isCloseTo(now.active() - now.allocated(), within(Math.abs(usedChange) * 0.01));
                }
            }
            CheckpointResult shrunk = r.checkpoints().get(2);
            Reading full = at.get("cp_full");
            Reading small = at.get("cp_shrunk");
            double perVectorFull = (full.used() - base.used() - (full.clients() - base.clients())) / 4000.0;
            double returned = (full.used() - full.clients()) - (small.used() - small.clients());
            double serverReclaimed = 100.0 * returned / (3000 * perVectorFull);
            System.out.printf(Locale.ROOT, "%s shrink to 25 %%: %.0f B returned, %.1f %% of the removed vectors' cost "
                    + "(vst %.1f %%); index %d -> %d B; module reclaimable memory %s%n", algorithm, returned,
                    serverReclaimed, shrunk.comparison().reclaimedPercent(), full.index(), small.index(),
                    plain.info("search").getOrDefault("search_index_reclaimable_memory", "not reported"));
            assertThat(shrunk.comparison().reclaimedPercent()).as("memory back after shrink")
                    .isCloseTo(serverReclaimed, within(1.0));
            // The index and the ingest step agree with the server: every key is indexed when vst says
            // the data became searchable.
            for (Map.Entry<String, Reading> e : afterIngest.entrySet()) {
                Reading rd = e.getValue();
                assertThat(rd.ftInfo().get("num_docs")).as(e.getKey()).isEqualTo(Long.toString(rd.keys()));
                assertThat(rd.ftInfo().get("mutation_queue_size")).as(e.getKey()).isEqualTo("0");
                assertThat(rd.ftInfo().get("state")).as(e.getKey()).isEqualTo("ready");
            }
            for (StepRecord s : r.steps()) {
                if ("ingest".equals(s.workload())) {
                    assertThat(s.timeToSearchableSeconds()).as(s.name()).isBetween(0.0, 30.0);
                }
            }
        }
    }
}
