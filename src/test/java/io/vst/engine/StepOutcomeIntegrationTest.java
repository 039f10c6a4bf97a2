package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepStatus;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step that fails, times out or is stopped records what it really did: the writes the server holds
 * (DBSIZE, read by the test on its own connection), the errors seen, and how it really ended, in the time
 * the test measured on its own clock.
 */
@Timeout(120)
class StepOutcomeIntegrationTest {

    @TempDir
    Path out;

    @Test
    void aTimedOutIngestRecordsTheWritesTheServerHolds() {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient admin = ValkeyClient.connect(server.endpoint(), 1)) {
            RunResult r = EngineHarness.run("""
                    name: timeout
                    dataset: synthetic-64
                    global_config: {n_threads: 2, n_clients: 2, batch_size: 200}
                    steps:
                      - name: load
                        type: workload
                        workload: ingest
                        timeout_seconds: 1
                        error_handling: {on_failure: continue}
                        parameters: {target_vectors: 50000000}
                    """, server.endpoint(), server.pid(), out);
            StepRecord load = r.steps().get(0);
            long held = admin.dbSize();
            assertThat(load.status()).isEqualTo(StepStatus.TIMEOUT);
            assertThat(load.detail()).startsWith("Step timeout after 1 seconds");
            recordsWhatTheServerHolds(load, held);
            assertThat(load.errors()).isZero();
            assertThat(load.latency().get("ingest").count()).isEqualTo(held);
        }
    }

    @Test
    void theGlobalStepTimeoutEndsAStepThatHasNoTimeoutOfItsOwn() {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient admin = ValkeyClient.connect(server.endpoint(), 1)) {
            long started = System.nanoTime();
            RunResult r = EngineHarness.run("""
                    name: global_timeout
                    dataset: synthetic-64
                    global_config: {n_threads: 2, n_clients: 2, batch_size: 200, step_timeout: 1}
                    steps:
                      - name: load
                        type: workload
                        workload: ingest
                        error_handling: {on_failure: continue}
                        parameters: {target_vectors: 1000000}
                    """, server.endpoint(), server.pid(), out);
            double seconds = (System.nanoTime() - started) / 1e9;
            StepRecord load = r.steps().get(0);
            assertThat(load.status()).isEqualTo(StepStatus.TIMEOUT);
            assertThat(load.detail()).startsWith("Step timeout after 1 seconds");
            // the test's own clock: the step ended near its second, not after its million writes (bounded
            // either way, so an ignored step_timeout fails here instead of running on)
            assertThat(seconds).isLessThan(20.0);
            assertThat(admin.dbSize()).isLessThan(1000000);
            recordsWhatTheServerHolds(load, admin.dbSize());
        }
    }

    @Test
    void aFailedIngestRecordsItsWritesAndTheErrorThatEndedIt() {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient admin = ValkeyClient.connect(server.endpoint(), 1)) {
            long used = admin.info("memory").aggregateLong("used_memory", 0);
            // Room for a few thousand 64-d vectors, then every write is refused with OOM.
            admin.command("CONFIG", "SET", "maxmemory-policy", "noeviction");
            admin.command("CONFIG", "SET", "maxmemory", Long.toString(used + 2_000_000));
            RunResult r = EngineHarness.run("""
                    name: oom
                    dataset: synthetic-64
                    global_config: {n_threads: 1, n_clients: 1, batch_size: 100}
                    steps:
                      - name: load
                        type: workload
                        workload: ingest
                        error_handling: {on_failure: continue}
                        parameters: {target_vectors: 1000000}
                    """, server.endpoint(), server.pid(), out);
            admin.command("CONFIG", "SET", "maxmemory", "0");
            StepRecord load = r.steps().get(0);
            long held = admin.dbSize();
            assertThat(load.status()).isEqualTo(StepStatus.FAILED);
            assertThat(load.detail()).containsIgnoringCase("OOM");
            recordsWhatTheServerHolds(load, held);
            // the failing batch's refused writes are the errors seen
            assertThat(load.errors()).isBetween(1L, 100L);
        }
    }

    @Test
    void anIngestStoppedByTheMemoryLimitIsStoppedWithTheWritesTheServerHolds() {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient admin = ValkeyClient.connect(server.endpoint(), 1)) {
            RunResult r = EngineHarness.run("""
                    name: limit
                    dataset: synthetic-64
                    global_config: {n_threads: 1, n_clients: 1, batch_size: 100, max_memory_usage_mb: 12,
                                    metrics_collection_interval: 0.1}
                    steps:
                      - name: load
                        type: workload
                        workload: ingest
                        parameters: {target_vectors: 50000000}
                    """, server.endpoint(), server.pid(), out);
            StepRecord load = r.steps().get(0);
            long held = admin.dbSize();
            assertThat(load.status()).as(load.detail()).isEqualTo(StepStatus.STOPPED);
            assertThat(load.detail()).contains("max_memory_usage_mb");
            recordsWhatTheServerHolds(load, held);
        }
    }

    @Test
    void anInterruptedWaitSaysItWasInterruptedAndHowLongItWaited() throws Exception {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ServerSession session = new ServerSession(ValkeyClient.connect(server.endpoint(), 4), null,
                        server.pid())) {
            RunPlan plan = EngineHarness.plan("""
                    name: wait
                    steps:
                      - name: rest
                        type: wait
                        parameters: {duration_seconds: 20}
                    """);
            CountDownLatch started = new CountDownLatch(1);
            RunListener signal = new RunListener() {
                @Override
                public void stepStarted(PlannedStep step) {
                    started.countDown();
                }
            };
            Runner runner = new Runner(plan, session, RunOptions.defaults().withOutputRoot(out).withReport(false),
                    List.of(signal));
            Thread stopper = new Thread(() -> {
                try {
                    started.await(10, TimeUnit.SECONDS);
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                runner.stop("interrupted by Ctrl-C");
            });
            long t0 = System.nanoTime();
            stopper.start();
            RunResult r = runner.run();
            double wall = (System.nanoTime() - t0) / 1e9;
            stopper.join(5000);
            StepRecord rest = r.steps().get(0);
            assertThat(rest.status()).isEqualTo(StepStatus.INTERRUPTED);
            assertThat(rest.durationSeconds()).isBetween(2.9, wall);
            assertThat(wall).isLessThan(10);
            assertThat(rest.detail()).contains("interrupted by Ctrl-C").contains(" of 20.0 s")
                    .doesNotContain("waited 20.0 s");
            assertThat(r.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
        }
    }

    @Test
    void ctrlCThatAlsoKillsTheServerIsAnInterruptionWithTheWritesItGotAcknowledged() throws Exception {
        ValkeyTestServer server = ValkeyTestServer.start();
        try (ValkeyClient admin = ValkeyClient.connect(server.endpoint(), 1);
                ServerSession session = new ServerSession(ValkeyClient.connect(server.endpoint(), 8), null,
                        server.pid())) {
            RunPlan plan = EngineHarness.plan("""
                    name: ctrl_c
                    dataset: synthetic-64
                    global_config: {n_threads: 2, n_clients: 2, batch_size: 100, max_retries: 0}
                    steps:
                      - name: load
                        type: workload
                        workload: ingest
                        parameters: {target_vectors: 50000000}
                    """);
            CountDownLatch writing = new CountDownLatch(1);
            RunListener signal = new RunListener() {
                @Override
                public void stepProgress(PlannedStep step, long done, long target, double fraction) {
                    if (done > 20_000) {
                        writing.countDown();
                    }
                }
            };
            Runner runner = new Runner(plan, session, RunOptions.defaults().withOutputRoot(out).withReport(false),
                    List.of(signal));
            AtomicLong held = new AtomicLong(-1);
            Thread ctrlC = new Thread(() -> {
                try {
                    writing.await(30, TimeUnit.SECONDS);
                    // Freeze the keyspace so the count read next is what the server holds when it dies.
                    admin.command("CLIENT", "PAUSE", "10000", "WRITE");
                    held.set(admin.dbSize());
                    // Ctrl-C reaches the embedded server too: it dies first, vst hears of the stop just after.
                    ProcessHandle.of(server.pid()).ifPresent(ProcessHandle::destroyForcibly);
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                runner.stop("interrupted by Ctrl-C");
            });
            ctrlC.start();
            RunResult r = runner.run();
            ctrlC.join(5000);
            StepRecord load = r.steps().get(0);
            assertThat(load.status()).as(load.detail()).isEqualTo(StepStatus.INTERRUPTED);
            assertThat(load.detail()).contains("interrupted by Ctrl-C");
            assertThat(held.get()).isGreaterThan(20_000);
            // Acknowledged writes: all the server held, but for batches cut short in flight (2 clients × 100).
            assertThat(load.operations()).isBetween(held.get() - 200, held.get());
            assertThat(r.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
        } finally {
            server.close();
        }
    }

    /** Thousands of writes were made, and the step counts exactly the keys the server holds. */
    private static void recordsWhatTheServerHolds(StepRecord step, long held) {
        assertThat(held).isGreaterThan(1000);
        assertThat(step.operations()).as(step.detail()).isEqualTo(held);
        assertThat(step.liveVectorsAfter()).isEqualTo(held);
    }
}
