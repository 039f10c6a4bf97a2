package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.LinearFit;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.InfoSnapshot;
import io.vst.valkey.ValkeyClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint, wait and cleanup settings change what the run does, seen from outside vst: the server's
 * INFO read by the test on its own connection and its own clock, the MONITOR record, the files of the run.
 */
@Timeout(120)
class StepSettingsEffectTest {

    @TempDir
    Path out;

    @Test
    void analyzeMemoryTrendsFitsTheGrowthAndGeneratePerformanceReportWritesAReport() throws Exception {
        String yaml = """
                name: trends
                dataset: synthetic-32
                global_config: {n_threads: 1, n_clients: 1, batch_size: 200}
                steps:
                  - {name: load_1, type: workload, workload: ingest, parameters: {target_vectors: 2000}}
                  - {name: cp_a, type: checkpoint, parameters: {}}
                  # Waits of 3 s, so that the three checkpoints are seconds apart.
                  - {name: rest_1, type: wait, parameters: {duration_seconds: 3}}
                  - {name: load_2, type: workload, workload: ingest, parameters: {target_vectors: 4000}}
                  - {name: cp_b, type: checkpoint, parameters: {generate_performance_report: false}}
                  - {name: rest_2, type: wait, parameters: {duration_seconds: 3}}
                  - {name: load_3, type: workload, workload: ingest, parameters: {target_vectors: 6000}}
                  - name: cp_c
                    type: checkpoint
                    parameters: {analyze_memory_trends: true, generate_performance_report: true}
                  - {name: cp_d, type: checkpoint, parameters: {analyze_memory_trends: false}}
                """;
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient admin = ValkeyClient.connect(server.endpoint(), 1)) {
            List<double[]> seen = new ArrayList<>();
            RunListener reader = new RunListener() {
                @Override
                public void checkpointTaken(CheckpointResult c) {
                    // Nothing writes beside a checkpoint: the server's memory a moment after vst read it is the memory
                    // at the checkpoint's instant. That instant (hours into the run) is the x: the moment of this
                    // read comes later by however long the checkpoint's own files took, which on a busy machine
                    // moved the slope by more than 5 %.
                    InfoSnapshot m = admin.info("memory");
                    seen.add(new double[] {c.elapsedSeconds() / 3600.0,
                        m.aggregateLong("used_memory", 0) - m.aggregateLong("mem_clients_normal", 0)
                            - m.aggregateLong("mem_overhead_db_hashtable_rehashing", 0)});
                }
            };
            RunResult r = EngineHarness.run(yaml, server.endpoint(), server.pid(), out, reader);
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            Map<String, CheckpointResult> byName = new ConcurrentHashMap<>();
            r.checkpoints().forEach(c -> byName.put(c.name(), c));
            assertThat(byName.get("cp_a").trend()).isNull();
            assertThat(byName.get("cp_b").trend()).isNull();
            assertThat(byName.get("cp_d").trend()).isNull();
            CheckpointResult.TrendVerdict trend = byName.get("cp_c").trend();
            assertThat(trend).isNotNull();
            assertThat(trend.checkpoints()).containsExactly("cp_a", "cp_b", "cp_c");
            double[] x = {seen.get(0)[0], seen.get(1)[0], seen.get(2)[0]};
            double[] y = {seen.get(0)[1], seen.get(1)[1], seen.get(2)[1]};
            LinearFit own = LinearFit.of(x, y);
            assertThat(own.slope()).as("memory grows while vectors are added").isPositive();
            assertThat(trend.memoryPerHour().slope()).as("bytes per hour, against the test's own fit %s", own)
                    .isBetween(own.slope() * 0.95, own.slope() * 1.05);
            // generate_performance_report: a report at cp_c only, beside the run's files
            Path reports = r.directory().resolve("reports");
            assertThat(reports.resolve("cp_c").resolve("report.html")).isNotEmptyFile();
            assertThat(reports.resolve("cp_b")).doesNotExist();
            assertThat(reports.resolve("cp_d")).doesNotExist();
            assertThat(Files.readString(reports.resolve("cp_c").resolve("report.html"))).contains("load_3");
        }
    }

    @Test
    void forceCleanupPurgesMemoryAfterItsDeletes() throws Exception {
        String yaml = """
                name: purge
                dataset: synthetic-8
                global_config: {n_threads: 1, n_clients: 1, batch_size: 50}
                steps:
                  - {name: load_1, type: workload, workload: ingest, parameters: {target_vectors: 100}}
                  - {name: tidy, type: cleanup, parameters: {cleanup_type: partial}}
                  - {name: load_2, type: workload, workload: ingest, parameters: {target_vectors: 100}}
                  - {name: forced, type: cleanup, parameters: {cleanup_type: partial, force_cleanup: true}}
                """;
        try (ValkeyTestServer server = ValkeyTestServer.start(); MonitorTap tap = new MonitorTap(server.port())) {
            RunResult r = EngineHarness.run(yaml, server.endpoint(), server.pid(), out);
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            List<String> hsets = tap.awaitKeys("HSET", 200);
            assertThat(hsets).hasSize(200);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (tap.linesOf("MEMORY").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<String> purges = tap.linesOf("MEMORY").stream().filter(l -> l.contains("\"PURGE\"")
                    || l.contains("\"purge\"")).toList();
            // one purge: by the forced cleanup, after the second load's writes; none by the first cleanup
            assertThat(purges).hasSize(1);
            List<String> writes = tap.linesOf("HSET");
            assertThat(time(purges.get(0))).isGreaterThan(time(writes.get(writes.size() - 1)));
            assertThat(r.steps().stream().filter(s -> s.name().equals("forced")).findFirst().orElseThrow().detail())
                    .contains("memory purged");
        }
    }

    private static double time(String monitorLine) {
        return Double.parseDouble(monitorLine.substring(monitorLine.startsWith("+") ? 1 : 0,
                monitorLine.indexOf(' ')));
    }

    @Test
    void stabilityTolerancePercentDecidesWhetherASwingingMemoryIsStable() throws Exception {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient admin = ValkeyClient.connect(server.endpoint(), 2)) {
            // a test key of its own, written and deleted every 250 ms (so every 2 s window sees both states several
            // times: a stall of the ballast thread or the server under 1.5 s cannot make a window look stable):
            // used_memory swings by an amount the test measures itself
            String ballast = "x".repeat(150_000);
            AtomicBoolean swinging = new AtomicBoolean(true);
            double[] range = {Double.MAX_VALUE, 0};
            Thread swing = new Thread(() -> {
                for (int i = 0; swinging.get() && i < 2000; i++) {
                    if (i % 2 == 0) {
                        admin.command("SET", "test:ballast", ballast);
                    } else {
                        admin.command("DEL", "test:ballast");
                    }
                    double used = admin.info("memory").aggregateLong("used_memory", 0);
                    synchronized (range) {
                        range[0] = Math.min(range[0], used);
                        range[1] = Math.max(range[1], used);
                    }
                    sleep(250);
                }
            }, "ballast");
            swing.setDaemon(true);
            swing.start();
            StepRecord wide;
            StepRecord narrow;
            try {
                wide = waitStep(server, 60, "wide");
                narrow = waitStep(server, 2, "narrow");
            } finally {
                swinging.set(false);
                swing.join(5000);
            }
            double swingShare;
            synchronized (range) {
                swingShare = (range[1] - range[0]) / range[1];
            }
            // the tolerances lie on either side of the swing the test made
            assertThat(swingShare).isBetween(0.02, 0.6);
            assertThat(wide.detail()).startsWith("memory stable within 60.0%");
            assertThat(narrow.detail()).startsWith("memory not stable after max_wait_seconds 6");
        }
    }

    private StepRecord waitStep(ValkeyTestServer server, double tolerance, String name) {
        String yaml = String.format(Locale.ROOT, """
                name: %s
                global_config: {metrics_collection_interval: 0.1}
                steps:
                  - name: settle
                    type: wait
                    parameters: {wait_for_memory_stable: true, memory_stability_window: 2, max_wait_seconds: 6,
                                 stability_tolerance_percent: %s}
                """, name, tolerance);
        RunResult r = EngineHarness.run(yaml, server.endpoint(), server.pid(), out.resolve(name));
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
        return r.steps().get(0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
