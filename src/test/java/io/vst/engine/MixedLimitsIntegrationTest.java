package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.rundir.RunOutcome;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mixed step's max_vectors and target_ops_per_second, seen from the server and the wall clock. */
class MixedLimitsIntegrationTest {

    @TempDir
    Path work;

    private static String mixed(String parameters) {
        return "name: limits\ndataset: synthetic-8\nglobal_config: {n_threads: 2}\nsteps:\n"
                + "  - name: grow\n    type: workload\n    workload: mixed\n    max_operations: 2000\n"
                + "    parameters: {ingest_ratio: 1, ingest_batch_size: 10, " + parameters + "}\n";
    }

    @Test
    void maxVectorsStopsIngestsAtThatManyLiveVectors() {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient client = ValkeyClient.connect(server.endpoint(), 1)) {
            RunResult r = EngineHarness.run(mixed("max_vectors: 500"), server.endpoint(), server.pid(),
                    work.resolve("runs"));
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(client.dbSize()).isEqualTo(500);
            assertThat(CommandStats.calls(client, "hset")).isEqualTo(500);
            assertThat(r.steps().get(0).operations()).isEqualTo(500);
        }
    }

    @Test
    void targetOpsPerSecondPacesOperationsNotBatches() {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient client = ValkeyClient.connect(server.endpoint(), 1)) {
            long t0 = System.nanoTime();
            RunResult r = EngineHarness.run(mixed("target_ops_per_second: 2000"), server.endpoint(), server.pid(),
                    work.resolve("runs"));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(CommandStats.calls(client, "hset")).isEqualTo(2000);
            // 2,000 operations at 2,000 per second: the last batch starts at 0.995 s (by batch it would be 2 ms).
            assertThat(r.steps().get(0).durationSeconds()).isGreaterThanOrEqualTo(0.9);
            assertThat(seconds).isGreaterThanOrEqualTo(0.9);
        }
    }
}
