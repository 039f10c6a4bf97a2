package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepStatus;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.ValkeyEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that restarts (empty, same port) in the middle of an ingest is noticed by its run_id, the step
 * fails saying so, and the live count recorded is what the new server holds (DBSIZE), not vst's stale
 * count. The test runs its own valkey-server child so it can kill and restart it on the same port.
 */
@Timeout(120)
class ServerRestartIntegrationTest {

    @TempDir
    Path tmp;

    @Test
    void aServerRestartedMidIngestFailsTheStepAndTheCountsComeFromTheServer() throws Exception {
        ValkeyTestServer.requireBinary();
        int port = freePort();
        AtomicReference<Process> server = new AtomicReference<>(startServer(port, "first"));
        try {
            ValkeyEndpoint endpoint = ValkeyEndpoint.parse("valkey://127.0.0.1:" + port);
            CountDownLatch written = new CountDownLatch(1);
            CountDownLatch restarted = new CountDownLatch(1);
            RunListener restarter = new RunListener() {
                @Override
                public void stepProgress(PlannedStep step, long done, long target, double fraction) {
                    if (done > 20_000) {
                        written.countDown();
                    }
                }
            };
            Thread chaos = new Thread(() -> {
                try {
                    if (written.await(60, TimeUnit.SECONDS)) {
                        server.get().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                        server.set(startServer(port, "second"));
                        restarted.countDown();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "test-restart");
            chaos.start();
            RunResult r = EngineHarness.run("""
                    name: restart
                    dataset: synthetic-16
                    global_config: {n_threads: 2, n_clients: 2, batch_size: 100, max_retries: 100,
                                    retry_delay: 0.05, metrics_collection_interval: 0.2}
                    steps:
                      - name: load
                        type: workload
                        workload: ingest
                        parameters: {target_vectors: 2000000}
                    """, endpoint, -1, tmp.resolve("runs"), restarter);
            chaos.join(30_000);
            assertThat(restarted.getCount()).as("the server was restarted").isZero();
            StepRecord load = r.steps().get(0);
            long held;
            try (ValkeyClient admin = ValkeyClient.connect(endpoint, 1)) {
                held = admin.dbSize();
            }
            assertThat(load.status()).isEqualTo(StepStatus.FAILED);
            assertThat(load.detail()).contains("restarted during the run").contains("run_id");
            assertThat(load.liveVectorsAfter()).as(load.detail()).isEqualTo(held);
            assertThat(load.operations()).isGreaterThan(held);
            assertThat(r.outcome()).isEqualTo(RunOutcome.FAILED);
            assertThat(r.message()).contains("restarted").contains(String.format(java.util.Locale.ROOT, "%,d", held));
        } finally {
            server.get().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process startServer(int port, String name) {
        try {
            Path dir = Files.createDirectories(tmp.resolve(name));
            Process p = new ProcessBuilder(ServerPath.binary(), "--port", Integer.toString(port), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    return p;
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
            }
            p.destroyForcibly();
            throw new IllegalStateException("valkey-server did not listen on " + port + " within 10 s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The valkey-server the test servers use. */
    private static final class ServerPath {
        static String binary() {
            return io.vst.valkey.server.ManagedServer.resolveBinary(null).toString();
        }
    }
}
