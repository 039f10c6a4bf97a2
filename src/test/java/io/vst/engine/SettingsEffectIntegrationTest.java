package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.rundir.RunOutcome;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each global_config setting of the guide changes what the run does, seen from the server (INFO stats and
 * commandstats, errorstats, the MONITOR stream) or in the run's own vst.log: connections, batch sizes, read-back checks,
 * per-batch logging and error reports.
 */
class SettingsEffectIntegrationTest {

    @TempDir
    Path work;

    /** What one run did, seen from the server. */
    /**
     * @param connections connections the server accepted during the run (INFO stats)
     * @param writers distinct client connections that sent HSETs (the server's MONITOR stream)
     */
    record Seen(RunResult result, long connections, long reads, long exists, long hget, long oomErrors, int writers,
                List<String> log) {
    }

    private static void awaitQuietly(MonitorTap tap, int hsets) {
        try {
            tap.awaitKeys("HSET", hsets);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading MONITOR", e);
        }
    }

    /** INFO errorstats: how many error replies with this prefix the server sent. */
    private static long errorCount(ValkeyClient client, String prefix) {
        for (String line : client.command("INFO", "errorstats").split("\r?\n")) {
            if (line.startsWith("errorstat_" + prefix + ":count=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1).trim());
            }
        }
        return 0;
    }

    /** Ingests {@code target} vectors after running each {@code setup} command (words split at spaces). */
    private Seen ingest(String config, int target, int batch, String... setup) throws IOException {
        String yaml = "name: settings\ndataset: synthetic-8\nglobal_config: {" + config + "}\nsteps:\n"
                + "  - name: load\n    type: workload\n    workload: ingest\n"
                + "    parameters: {target_vectors: " + target + ", batch_size: " + batch + "}\n";
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient client = ValkeyClient.connect(server.endpoint(), 1);
                MonitorTap tap = new MonitorTap(server.port())) {
            for (String command : setup) {
                client.command(command.split(" "));
            }
            long connections = CommandStats.connectionsReceived(client);
            long reads = stat(client, "total_reads_processed");
            RunResult r = EngineHarness.run(yaml, server.endpoint(), server.pid(), work.resolve("runs"));
            long connected = CommandStats.connectionsReceived(client) - connections;
            long read = stat(client, "total_reads_processed") - reads;
            List<String> log = Files.readAllLines(r.directory().resolve("vst.log"));
            if (setup.length == 0) {
                awaitQuietly(tap, target);
            }
            return new Seen(r, connected, read, CommandStats.calls(client, "exists"), CommandStats.calls(client, "hget"),
                    errorCount(client, "OOM"), tap.clientsOf("HSET").size(), log);
        }
    }

    private static long stat(ValkeyClient client, String field) {
        for (String line : client.command("INFO", "stats").split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim());
            }
        }
        throw new IllegalStateException("INFO stats has no " + field);
    }

    private static void completed(Seen s) {
        assertThat(s.result().outcome()).as(s.result().message()).isEqualTo(RunOutcome.COMPLETED);
    }

    /** Two completed ingests of 2,000 vectors in batches of 50, under each config. */
    private Seen[] twoRuns(String first, String second) throws IOException {
        Seen[] runs = {ingest(first, 2000, 50), ingest(second, 2000, 50)};
        completed(runs[0]);
        completed(runs[1]);
        return runs;
    }

    @Test
    void nClientsPerThreadSetsTheConnectionsTheWorkersOpen() throws IOException {
        // 20,000 vectors in 400 batches: enough work that each of the 10 connections sends some, however the
        // workers share the batches out.
        Seen[] runs = {ingest("n_threads: 2, n_clients: 2", 20000, 50),
            ingest("n_threads: 2, n_clients: 2, n_clients_per_thread: 5", 20000, 50)};
        completed(runs[0]);
        completed(runs[1]);
        // 2 x 5 = 10 worker connections instead of 2, each sending HSETs.
        assertThat(runs[0].writers()).isEqualTo(2);
        assertThat(runs[1].writers()).isEqualTo(10);
        assertThat(runs[1].connections()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void redisPoolSizeCapsTheConnections() throws IOException {
        // 400 batches: enough that every pooled connection sends some, however fast the machine answers
        // (40 batches once went out on one connection).
        Seen[] runs = {ingest("n_threads: 4, n_clients: 8", 20000, 50),
            ingest("n_threads: 4, n_clients: 8, redis_pool_size: 3", 20000, 50)};
        completed(runs[0]);
        completed(runs[1]);
        assertThat(runs[0].writers()).isEqualTo(8);
        assertThat(runs[1].writers()).as("8 worker connections down to 3").isEqualTo(3);
    }

    @Test
    void withoutConnectionPoolingEveryBatchOpensAConnection() throws IOException {
        Seen[] runs = twoRuns("n_threads: 1, n_clients: 1", "n_threads: 1, n_clients: 1, use_connection_pooling: false");
        Seen pooled = runs[0];
        Seen unpooled = runs[1];
        // 40 batches: the pooled run reuses its connections, the unpooled one opens one per batch (the first
        // may be a connection the pool already had).
        assertThat(pooled.writers()).isEqualTo(1);
        assertThat(unpooled.writers()).isEqualTo(40);
        assertThat(unpooled.connections()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void maxBatchSizeCapsBatchesAndDetailedLoggingLogsEachOne() throws IOException {
        Seen capped = ingest("n_threads: 1, n_clients: 1, max_batch_size: 10, enable_detailed_logging: true", 1000,
                1000);
        Seen uncapped = ingest("n_threads: 1, n_clients: 1", 1000, 1000);
        completed(capped);
        completed(uncapped);
        // The server read the 100 batches of 10 in at least 100 reads; one batch of 1000 needs a handful.
        assertThat(capped.reads()).isGreaterThanOrEqualTo(100);
        assertThat(uncapped.reads()).isLessThan(50);
        assertThat(capped.log().stream().filter(l -> l.contains(" DEBUG load ingest: batch of 10 on ")))
                .hasSize(100);
        assertThat(uncapped.log()).noneMatch(l -> l.contains(" DEBUG "));
    }

    @Test
    void verifyOperationsReadsWhatWasWrittenBack() throws IOException {
        Seen verified = ingest("verify_operations: true", 500, 100);
        Seen plain = ingest("", 500, 100);
        Seen skipped = ingest("verify_operations: true, skip_verification: true", 500, 100);
        completed(verified);
        completed(plain);
        completed(skipped);
        assertThat(verified.exists()).isEqualTo(500);
        assertThat(verified.hget()).isEqualTo(100);
        assertThat(plain.exists() + plain.hget()).isZero();
        assertThat(skipped.exists() + skipped.hget()).isZero();
    }

    @Test
    void detailedErrorReportingListsEachDistinctErrorWithItsFirstOccurrence() throws IOException {
        // maxmemory 1 byte with noeviction: the server refuses every HSET with an OOM error.
        String config = "n_threads: 1, n_clients: 1, continue_on_error: true";
        String[] full = {"CONFIG SET maxmemory-policy noeviction", "CONFIG SET maxmemory 1"};
        Seen detailed = ingest(config, 100, 20, full);
        Seen brief = ingest(config + ", detailed_error_reporting: false", 100, 20, full);
        assertThat(detailed.oomErrors()).as("the server's count").isEqualTo(100);
        assertThat(detailed.result().steps().get(0).errors()).isEqualTo(100);
        assertThat(detailed.log()).anyMatch(l -> l.contains(" WARN load: 100 errors: 100 x \"")
                && l.contains("OOM command not allowed") && l.contains("(first at 20") && l.contains("on key vec:0)"));
        assertThat(detailed.result().steps().get(0).detail()).contains("errors: 100 x \"").contains("OOM");
        assertThat(brief.oomErrors()).isEqualTo(100);
        assertThat(brief.result().steps().get(0).errors()).isEqualTo(100);
        assertThat(brief.log()).noneMatch(l -> l.contains(" x \"") || l.contains("first at"));
        assertThat(brief.result().steps().get(0).detail()).contains("first error: ").contains("OOM")
                .doesNotContain("first at");
    }
}
