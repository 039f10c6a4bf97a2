package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped in the middle of a parallel step leaves no thread or connection behind. */
class StopCleanlyIntegrationTest {

    @TempDir
    Path out;

    private static long vstThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("vst-")).count();
    }

    @Test
    void stoppingDuringAParallelStepLeavesNoThreadOrConnection() throws Exception {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient admin = ValkeyClient.connect(server.endpoint(), 1)) {
            long before = vstThreads();
            RunPlan plan = EngineHarness.plan("""
                    name: stop_me
                    dataset: synthetic-64
                    global_config: {n_threads: 3, n_clients: 6, batch_size: 100}
                    steps:
                      - name: together
                        type: parallel
                        steps:
                          - name: big_load
                            type: workload
                            workload: ingest
                            parameters: {target_vectors: 50000000}
                          - name: churn
                            type: workload
                            workload: update
                            duration_seconds: 600
                            parameters: {update_vectors: 100000000}
                          - name: watch
                            type: checkpoint
                            interval_seconds: 1
                            parameters: {collect_memory_metrics: true}
                    """);
            CountDownLatch running = new CountDownLatch(1);
            java.util.concurrent.atomic.AtomicLong workEnded = new java.util.concurrent.atomic.AtomicLong();
            RunListener signal = new RunListener() {
                @Override
                public void stepProgress(PlannedStep step, long done, long target, double fraction) {
                    if (done > 5000) {
                        running.countDown();
                    }
                }

                @Override
                public void stepFinished(PlannedStep step, StepRecord record) {
                    if (step.depth() == 0) {
                        workEnded.set(System.nanoTime());
                    }
                }
            };
            ValkeyClient client = ValkeyClient.connect(server.endpoint(), 12);
            AtomicReference<RunResult> result = new AtomicReference<>();
            Runner[] runner = new Runner[1];
            Thread t;
            try (ServerSession session = new ServerSession(client, null, server.pid())) {
                runner[0] = new Runner(plan, session, RunOptions.defaults().withOutputRoot(out), List.of(signal));
                t = new Thread(() -> result.set(runner[0].run()), "test-run");
                t.start();
                assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
                long sent = System.nanoTime();
                runner[0].stop("stopped by the test");
                t.join(20_000);
                assertThat(t.isAlive()).isFalse();
                // The work stops promptly; the report written after it takes what rendering takes on this machine.
                assertThat(workEnded.get()).as("the parallel step ended").isNotZero();
                assertThat((workEnded.get() - sent) / 1e9).as("seconds from stop to the end of the work").isLessThan(3.0);
            }
            assertThat(result.get().outcome()).isEqualTo(RunOutcome.INTERRUPTED);
            assertThat(result.get().message()).isEqualTo("stopped by the test");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (vstThreads() > before && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(vstThreads()).as(Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted()
                    .toList().toString()).isEqualTo(before);
            // A closed socket leaves CLIENT LIST when the server's event loop next sees it: allow it 5 s.
            String clients = admin.clientList();
            long closeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (clients.lines().count() > 1 && System.nanoTime() < closeDeadline) {
                Thread.sleep(50);
                clients = admin.clientList();
            }
            assertThat(clients.lines().count()).as(clients).isEqualTo(1);
        }
    }

    @Test
    void exceedingMaxMemoryUsageStopsTheRun() {
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            RunResult r = EngineHarness.run("""
                    name: capped
                    dataset: synthetic-256
                    global_config:
                      max_memory_usage_mb: 4
                      memory_warning_threshold: 0.5
                      metrics_collection_interval: 0.1
                      batch_size: 100
                    steps:
                      - name: load
                        type: workload
                        workload: ingest
                        parameters: {target_vectors: 2000000}
                    """, server.endpoint(), server.pid(), out);
            assertThat(r.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
            assertThat(r.message()).contains("exceeds max_memory_usage_mb 4");
        }
    }
}
