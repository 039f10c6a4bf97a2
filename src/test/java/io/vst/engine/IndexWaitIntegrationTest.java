package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepStatus;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.testsupport.proxy.SearchProxy;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.ValkeyEndpoint;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest's write rate and its time-to-searchable are reported apart, and the wait for the index ends
 * with the step timeout or {@code 600 s × --time-scale}, saying so. The test-only search proxy makes the
 * index lag (it reports fewer documents than the keys the real server behind it holds).
 */
@Timeout(90)
class IndexWaitIntegrationTest {

    private static final String INGEST = """
            name: lag
            dataset: synthetic-8
            index: {algorithm: FLAT, distance_metric: L2}
            global_config: {n_threads: 2, n_clients: 2, batch_size: 100}
            steps:
              - name: load
                type: workload
                workload: ingest
                %s
                parameters: {target_vectors: %d}
            """;

    @TempDir
    Path out;

    private SearchProxy proxy;
    private ValkeyEndpoint endpoint;
    private ValkeyClient backend;

    @BeforeEach
    void start() {
        ValkeyTestServer.requireBinary();
        proxy = SearchProxy.start();
        endpoint = ValkeyEndpoint.parse("valkey://127.0.0.1:" + proxy.port());
        backend = ValkeyClient.connect(ValkeyEndpoint.parse("valkey://127.0.0.1:" + proxy.backendPort()), 1);
    }

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void theWriteRateLeavesOutTheWaitForTheIndex() throws Exception {
        long target = 20_000;
        double delay = 2.0;
        proxy.limitIndexedDocuments(0);
        AtomicLong writesDoneNanos = new AtomicLong();
        AtomicLong stepStartNanos = new AtomicLong();
        RunListener releaser = new RunListener() {
            @Override
            public void stepStarted(PlannedStep step) {
                stepStartNanos.set(System.nanoTime());
                Thread t = new Thread(() -> {
                    // The test's own clock: when the server holds every key, the writing is over.
                    long deadline = System.nanoTime() + 60_000_000_000L;
                    while (backend.dbSize() < target && System.nanoTime() < deadline) {
                        sleep(0.002);
                    }
                    writesDoneNanos.set(System.nanoTime());
                    sleep(delay);
                    proxy.limitIndexedDocuments(Long.MAX_VALUE);
                }, "test-index-release");
                t.setDaemon(true);
                t.start();
            }
        };
        RunResult r = EngineHarness.run(String.format(Locale.ROOT, INGEST, "", target), endpoint, -1, out, releaser);
        StepRecord load = r.steps().get(0);
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
        long held = backend.dbSize();
        assertThat(load.operations()).isEqualTo(held).isEqualTo(target);
        double writeSeconds = (writesDoneNanos.get() - stepStartNanos.get()) / 1e9;
        // vst's writing started after the step did and ended when the server held every key, give or take the lag
        // between the test's poll and vst's last reply (tens to hundreds of ms on a loaded machine): margins of half
        // the delay, so that counting the index wait as writing (at least delay more) or not timing it (about 0 s)
        // still fails.
        double margin = delay / 2;
        assertThat(load.operationsPerSecond()).as(load.detail())
                .isGreaterThanOrEqualTo(held / (writeSeconds + margin));
        assertThat(load.timeToSearchableSeconds()).isBetween(delay - margin, delay + 1.0);
        assertThat(load.activeSeconds()).isLessThan(load.durationSeconds() - delay + margin);
        assertThat(load.detail()).contains(io.vst.units.Units.rate(load.operationsPerSecond()) + " over ");
    }

    @Test
    void documentsThatNeverBecomeSearchableEndTheWaitAfter600sTimesTheTimeScale() {
        proxy.limitIndexedDocuments(0);
        RunPlan plan = EngineHarness.plan(String.format(Locale.ROOT, INGEST, "", 500), new PlanOptions(0.005, null));
        long t0 = System.nanoTime();
        RunResult r = EngineHarness.run(plan, endpoint, -1, out);
        double wall = (System.nanoTime() - t0) / 1e9;
        StepRecord load = r.steps().get(0);
        assertThat(load.status()).isEqualTo(StepStatus.TIMEOUT);
        assertThat(load.detail()).contains("not searchable").contains("reports 0 of 500 documents")
                .contains("limit 600 s × time scale 0.005");
        assertThat(load.operations()).isEqualTo(backend.dbSize()).isEqualTo(500);
        assertThat(load.timeToSearchableSeconds()).isNaN();
        // 600 s × 0.005 = 3 s of waiting, not 600
        assertThat(load.durationSeconds()).isBetween(3.0, wall);
        assertThat(wall).isLessThan(15);
    }

    @Test
    void theStepTimeoutEndsTheWaitForTheIndex() {
        proxy.limitIndexedDocuments(100);
        long t0 = System.nanoTime();
        RunResult r = EngineHarness.run(String.format(Locale.ROOT, INGEST, "timeout_seconds: 2", 500), endpoint, -1, out);
        double wall = (System.nanoTime() - t0) / 1e9;
        StepRecord load = r.steps().get(0);
        assertThat(load.status()).isEqualTo(StepStatus.TIMEOUT);
        assertThat(load.detail()).startsWith("Step timeout after 2 seconds")
                .contains("not searchable").contains("reports 100 of 500 documents");
        assertThat(load.operations()).isEqualTo(500);
        assertThat(wall).isLessThan(10);
    }

    private static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
