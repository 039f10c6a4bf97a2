package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.rundir.RunOutcome;
import io.vst.rundir.RunDirectory;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that dies mid-run: a clean failure with an intact run directory, or a completed retry. */
class FailureIntegrationTest {

    @TempDir
    Path out;

    private static final String LONG_INGEST = """
            name: t
            dataset: synthetic-256
            global_config:
              n_threads: 2
              n_clients: 2
              batch_size: 200
              max_retries: %d
              retry_delay: %s
              metrics_collection_interval: 0.2
            steps:
              - name: load
                type: workload
                workload: ingest
                parameters: {target_vectors: %d}
            """;

    @Test
    void serverKilledMidIngestFailsTheRunCleanly() throws Exception {
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            AtomicBoolean killed = new AtomicBoolean();
            RunListener killer = new RunListener() {
                @Override
                public void stepProgress(PlannedStep step, long done, long target, double fraction) {
                    if (done > 2000 && killed.compareAndSet(false, true)) {
                        ProcessHandle.of(server.pid()).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            };
            RunResult r = EngineHarness.run(String.format(Locale.ROOT, LONG_INGEST, 1, "0.2", 400_000), server.endpoint(),
                    server.pid(), out, killer);
            assertThat(killed).isTrue();
            assertThat(r.outcome()).isEqualTo(RunOutcome.FAILED);
            assertThat(r.message()).contains("load");
            assertThat(Files.readString(r.directory().resolve(RunDirectory.RUN_JSON)))
                    .contains("\"outcome\" : \"failed\"");
            assertThat(Files.readAllLines(r.directory().resolve(RunDirectory.STEPS)).get(1)).contains("failed");
            assertThat(Files.readAllLines(r.directory().resolve(RunDirectory.TIMELINE)).size()).isGreaterThan(1);
        }
    }

    @Test
    void serverRestartedWithinRetriesIsNoticedAndFailsTheRunWithTheServersCount() throws Exception {
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            int port = server.port();
            AtomicBoolean restarted = new AtomicBoolean();
            Process[] replacement = new Process[1];
            RunListener restarter = new RunListener() {
                @Override
                public void stepProgress(PlannedStep step, long done, long target, double fraction) {
                    if (done > 2000 && restarted.compareAndSet(false, true)) {
                        Thread t = new Thread(() -> {
                            server.server().stop();
                            replacement[0] = startOnPort(port);
                        }, "test-restarter");
                        t.start();
                    }
                }
            };
            try {
                RunResult r = EngineHarness.run(String.format(Locale.ROOT, LONG_INGEST, 30, "0.2", 20_000), server.endpoint(),
                        server.pid(), out, restarter);
                assertThat(restarted).isTrue();
                // The retries reconnect, but the first server's data died with it: vst's count is stale, so
                // the run says so and fails; the live count recorded is what the new server holds.
                assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.FAILED);
                assertThat(r.message()).contains("restarted during the run");
                try (ValkeyClient c = ValkeyClient.connect(server.endpoint(), 1)) {
                    assertThat(r.steps().get(0).liveVectorsAfter()).isEqualTo(c.dbSize());
                }
                assertThat(Files.readString(r.directory().resolve(RunDirectory.LOG))).contains("retrying");
            } finally {
                if (replacement[0] != null) {
                    replacement[0].destroyForcibly().waitFor();
                }
            }
        }
    }

    /** A plain valkey-server on a given loopback port (the restarted server keeps the address). */
    private static Process startOnPort(int port) {
        try {
            Path dir = Files.createTempDirectory("vst-restart");
            Process p = new ProcessBuilder("valkey-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
            long end = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < end) {
                try {
                    new java.net.Socket("127.0.0.1", port).close();
                    return p;
                } catch (java.io.IOException notYet) {
                    Thread.sleep(50);
                }
            }
            return p;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
