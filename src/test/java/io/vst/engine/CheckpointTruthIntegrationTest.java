package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.PerformanceWindow;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunOutcome;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.ValkeyEndpoint;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint figures against the server's own figures read in the same sampling round, on a real
 * valkey-server: the live count of a snapshot taken while an ingest runs, and memory per vector.
 */
class CheckpointTruthIntegrationTest {

    private static final int BATCH = 20;
    private static final int CONNECTIONS = 2;
    /**
     * The shrink's batch: small, so that 300,000 deletes take a few seconds and several one-second
     * snapshots fall inside them (with the global batch of 20 the shrink ended within one second once).
     */
    private static final int SHRINK_BATCH = 5;
    /**
     * The ingest's batch, small for the same reason: in batches of 20 the 300,000 writes ended in under a
     * second in a full run, and the one snapshot inside them was taken at 0 live.
     */
    private static final int INGEST_BATCH = 5;

    @TempDir
    Path out;

    @Test
    void snapshotsDuringAParallelIngestCountWhatTheServerHolds() {
        String yaml = String.format(Locale.ROOT, """
                name: t
                dataset: synthetic-128
                global_config:
                  n_threads: 2
                  n_clients: %d
                  batch_size: %d
                steps:
                  - name: grow
                    type: parallel
                    steps:
                      - name: load
                        type: workload
                        workload: ingest
                        parameters:
                          target_vectors: 300000
                          batch_size: %d
                      - name: snap
                        type: checkpoint
                        interval_seconds: 1
                        parameters:
                          collect_full_metrics: true
                  - name: end
                    type: checkpoint
                """, CONNECTIONS, BATCH, INGEST_BATCH);
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            RunResult r = EngineHarness.run(yaml, server.endpoint(), server.pid(), out);
            assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
            CheckpointResult end = r.checkpoints().get(r.checkpoints().size() - 1);
            assertThat(end.name()).isEqualTo("end");
            assertThat(end.liveVectors()).isEqualTo(300000);
            double endPerVector = end.perVector().totalBytes();
            List<CheckpointResult> during = r.checkpoints().stream().filter(c -> c.name().startsWith("snap#")).toList();
            assertThat(during).as("snapshots taken during the ingest").hasSizeGreaterThan(1);
            int judged = 0;
            for (CheckpointResult c : during) {
                double serverKeys = c.figures().get(TimelineColumns.DBSIZE);
                // The server's keys are of an instant between the live count read before the INFO and the one
                // read after its reply: within the writes in flight (a batch per connection) and how far the
                // count moved meanwhile (as in the shrink's test below).
                double moved = c.figures().get(TimelineColumns.LIVE_VECTORS_MOVED);
                assertThat(moved).as("%s: an ingest's count only rises", c.name()).isGreaterThanOrEqualTo(0);
                assertThat(Math.abs(c.liveVectors() - serverKeys))
                        .as("%s: live %d vs server keys %.0f (count moved by %.0f while the server was read)", c.name(),
                                c.liveVectors(), serverKeys, moved)
                        .isLessThanOrEqualTo(INGEST_BATCH * CONNECTIONS + Math.abs(moved));
                if (c.liveVectors() >= 10000 && c.liveVectors() < 300000) {
                    judged++;
                    assertThat(c.perVector().totalBytes())
                            .as(String.format(Locale.ROOT, "%s at %d live: bytes/vector vs %.1f at the end", c.name(),
                                    c.liveVectors(), endPerVector))
                            .isBetween(endPerVector * 0.97, endPerVector * 1.03);
                }
            }
            assertThat(judged).as("snapshots mid-step with at least 10,000 live vectors").isPositive();
        }
    }

    @Test
    void snapshotsDuringAParallelShrinkCountWhatTheServerStillHolds() {
        String yaml = String.format(Locale.ROOT, """
                name: t
                dataset: synthetic-128
                global_config:
                  n_threads: 2
                  n_clients: %d
                  batch_size: %d
                steps:
                  - name: load
                    type: workload
                    workload: ingest
                    parameters:
                      target_vectors: 300000
                      batch_size: 500
                  - name: shrink
                    type: parallel
                    steps:
                      - name: remove
                        type: workload
                        workload: shrink
                        parameters:
                          target_vectors: 0
                          batch_size: %d
                      - name: snap
                        type: checkpoint
                        interval_seconds: 1
                """, CONNECTIONS, BATCH, SHRINK_BATCH);
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            RunResult r = EngineHarness.run(yaml, server.endpoint(), server.pid(), out);
            assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
            List<CheckpointResult> during = r.checkpoints().stream().filter(c -> c.name().startsWith("snap#")).toList();
            assertThat(during).as("snapshots taken during the shrink").hasSizeGreaterThan(1);
            int midStep = 0;
            for (CheckpointResult c : during) {
                double serverKeys = c.figures().get(TimelineColumns.DBSIZE);
                if (serverKeys > 0 && serverKeys < 300000) {
                    midStep++;
                }
                // The server's keys are of an instant between the live count read before the INFO and the one
                // read after its reply: within the deletes in flight and how far the count moved meanwhile
                // (a sampler thread descheduled for a few ms on a busy machine lets hundreds of deletes by).
                double moved = c.figures().get(TimelineColumns.LIVE_VECTORS_MOVED);
                assertThat(moved).as("%s: a shrink's count only falls", c.name()).isLessThanOrEqualTo(0);
                assertThat(Math.abs(c.liveVectors() - serverKeys))
                        .as("%s: live %d vs server keys %.0f (count moved by %.0f while the server was read)", c.name(),
                                c.liveVectors(), serverKeys, moved)
                        .isLessThanOrEqualTo(SHRINK_BATCH * CONNECTIONS + Math.abs(moved));
            }
            assertThat(midStep).as("snapshots while the server held some but not all of the keys").isPositive();
        }
    }

    @Test
    void clientBuffersStayOutOfMemoryPerVectorAndAreReportedBeside() {
        double[] perVector = new double[2];
        int[] clients = {1, 1000};
        for (int i = 0; i < clients.length; i++) {
            String yaml = String.format(Locale.ROOT, """
                    name: t
                    dataset: synthetic-128
                    global_config:
                      n_threads: 4
                      n_clients: %d
                      batch_size: 10
                    steps:
                      - name: load
                        type: workload
                        workload: ingest
                        parameters:
                          target_vectors: 20000
                      - name: settle
                        type: wait
                        parameters:
                          duration_seconds: 2
                      - name: loaded
                        type: checkpoint
                    """, clients[i]);
            try (ValkeyTestServer server = ValkeyTestServer.start();
                 ValkeyClient probe = ValkeyClient.connect(server.endpoint(), 1)) {
                probe.info("memory");
                Map<Instant, Double> serverClients = new ConcurrentHashMap<>();
                double[] beforeCheckpoint = {Double.NaN};
                // Read by a separate connection just before the checkpoint and the moment each sample's server
                // figures are in: vst's reading lies between the two.
                RunListener atSample = new RunListener() {
                    @Override
                    public void stepStarted(PlannedStep step) {
                        if (step.name().equals("loaded")) {
                            beforeCheckpoint[0] = clientsNow(probe);
                        }
                    }

                    @Override
                    public void sampleTaken(Sample sample) {
                        serverClients.put(sample.time(), clientsNow(probe));
                    }
                };
                RunResult r = run(yaml, server.endpoint(), server.pid(), clients[i] + 10, atSample);
                assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
                CheckpointResult c = r.checkpoints().get(0);
                assertThat(c.liveVectors()).isEqualTo(20000);
                // The server resizes client buffers in its cron, a few clients at a time, so the figure moves
                // between two reads a moment apart; vst's must lie between the reads just before and just
                // after it (give or take one client's reply buffer, 16 KiB), never megabytes off.
                double after = serverClients.get(c.time());
                double low = Math.min(beforeCheckpoint[0], after) - 16384.0;
                double high = Math.max(beforeCheckpoint[0], after) + 16384.0;
                assertThat(c.figures().get(TimelineColumns.MEM_CLIENTS_NORMAL))
                        .as("n_clients %d: client buffers reported vs INFO mem_clients_normal before %.0f / after"
                                + " %.0f", clients[i], beforeCheckpoint[0], after)
                        .isBetween(low, high);
                perVector[i] = c.perVector().totalBytes();
            }
        }
        // Left in: the server's own per-connection structures outside mem_clients_normal (a few hundred bytes
        // per connection, about 1 B per vector per 40 connections here); the buffers doubled it before.
        assertThat(perVector[1]).as("bytes/vector with 1000 clients vs %.1f with 1", perVector[0])
                .isBetween(perVector[0] * 0.95, perVector[0] * 1.05);
    }

    @Test
    void bottleneckCpuIsMeasuredWhileTheWorkRanNotAtTheIdleCheckpoint() {
        String yaml = """
                name: t
                dataset: synthetic-128
                global_config:
                  n_threads: 2
                  n_clients: 4
                  batch_size: 50
                  metrics_collection_interval: 0.1
                steps:
                  - name: load
                    type: workload
                    workload: ingest
                    parameters:
                      target_vectors: 60000
                  - name: settle
                    type: wait
                    parameters:
                      duration_seconds: 1
                  - name: judged
                    type: checkpoint
                    parameters:
                      analyze_bottlenecks: true
                """;
        try (ValkeyTestServer server = ValkeyTestServer.start();
             ValkeyClient probe = ValkeyClient.connect(server.endpoint(), 1)) {
            double[] cpu = new double[2];
            long[] wall = new long[2];
            // The server's own CPU time over the ingest, read by a separate connection as it starts and ends.
            RunListener aroundLoad = new RunListener() {
                @Override
                public void stepStarted(PlannedStep step) {
                    mark(step, 0);
                }

                @Override
                public void stepFinished(PlannedStep step, io.vst.rundir.StepRecord record) {
                    mark(step, 1);
                }

                private void mark(PlannedStep step, int i) {
                    if (step.name().equals("load")) {
                        Map<String, String> info = probe.info("cpu").aggregate();
                        wall[i] = System.nanoTime();
                        cpu[i] = Double.parseDouble(info.get("used_cpu_sys")) + Double.parseDouble(info.get("used_cpu_user"));
                    }
                }
            };
            RunResult r = run(yaml, server.endpoint(), server.pid(), 16, aroundLoad);
            assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
            double reference = 100 * (cpu[1] - cpu[0]) / ((wall[1] - wall[0]) / 1e9);
            CheckpointResult judged = r.checkpoints().get(0);
            double reported = 100 * judged.performance().get(PerformanceWindow.SERVER_CPU_CORES);
            assertThat(reference).as("server CPU over the ingest").isGreaterThan(3.0);
            assertThat(reported).as("CPU while the ingest ran vs the server's own %.1f%%", reference)
                    .isCloseTo(reference, within(Math.max(2.0, 0.25 * reference)));
            assertThat(judged.notes()).anySatisfy(n -> assertThat(n)
                    .contains(String.format(Locale.ROOT, "all threads %.0f%%", reported)).contains("of work since"));
        }
    }

    /** Like {@link EngineHarness#run} with a connection pool large enough for {@code n_clients}. */
    private RunResult run(String yaml, ValkeyEndpoint endpoint, long pid, int pool, RunListener listener) {
        ValkeyClient client = ValkeyClient.connect(endpoint, pool);
        try (ServerSession session = new ServerSession(client, null, pid)) {
            return new Runner(EngineHarness.plan(yaml), session, RunOptions.defaults().withOutputRoot(out)
                    .withReport(false), List.of(listener)).run();
        }
    }

    private static double clientsNow(ValkeyClient probe) {
        return Double.parseDouble(probe.info("memory").aggregate().get("mem_clients_normal"));
    }
}
