package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import io.vst.valkey.server.ManagedServer;
import io.vst.valkey.server.ManagedServerOptions;
import io.vst.valkey.ValkeyClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mixed step's ratios are shares of operations: the real valkey-search server's own INFO commandstats
 * (calls of HSET, DEL and FT.SEARCH) show the realised mix, and the step detail reports the same counts.
 */
class MixedRatioIntegrationTest {

    private static final Path BIN = Path.of("../shared/valkey-search/bin").toAbsolutePath().normalize();

    @TempDir
    Path work;

    @Test
    void theRealisedMixFollowsTheRatiosOfOperationsNotOfBatches() {
        assumeThat(Files.isRegularFile(BIN.resolve("libsearch.so"))).as("real valkey-search in " + BIN).isTrue();
        ManagedServerOptions o = ManagedServerOptions.defaults().withBinary(BIN.resolve("valkey-server"))
                .withModule(BIN.resolve("libsearch.so"));
        // Batches of 100 writes against batches of 10 queries: a mix by batch would be far off the ratios.
        String yaml = "name: mix\ndataset: synthetic-8\nindex: {algorithm: flat}\n"
                + "global_config: {n_threads: 2, n_clients: 2}\nsteps:\n"
                + "  - name: churn\n    type: workload\n    workload: mixed\n    max_operations: 20000\n"
                + "    parameters: {ingest_ratio: 0.3, query_ratio: 0.5, update_ratio: 0.1, delete_ratio: 0.1,\n"
                + "                 ingest_batch_size: 100, query_batch_size: 10, query_k: 5}\n";
        try (ManagedServer server = ManagedServer.start(o);
                ValkeyClient client = ValkeyClient.connect(server.endpoint(), 1)) {
            RunResult r = EngineHarness.run(yaml, server.endpoint(), server.pid(), work.resolve("runs"));
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            StepRecord churn = r.steps().get(0);
            long hset = CommandStats.calls(client, "hset");
            long del = CommandStats.calls(client, "del");
            long search = CommandStats.calls(client, "FT.SEARCH");
            long total = hset + del + search;
            assertThat(total).as("operations the server ran").isEqualTo(20_000);
            assertThat(hset / (double) total).as("HSET share (ingest + update)").isCloseTo(0.4, within(0.02));
            assertThat(del / (double) total).as("DEL share").isCloseTo(0.1, within(0.02));
            assertThat(search / (double) total).as("FT.SEARCH share").isCloseTo(0.5, within(0.02));
            // The step detail reports the same realised mix the server counted.
            Matcher m = Pattern.compile("([\\d,]+) vectors ingested .*?, ([\\d,]+) queries .*?, ([\\d,]+) updated "
                    + ".*?, ([\\d,]+) deleted").matcher(churn.detail());
            assertThat(m.find()).as(churn.detail()).isTrue();
            assertThat(number(m.group(1)) + number(m.group(3))).isEqualTo(hset);
            assertThat(number(m.group(2))).isEqualTo(search);
            assertThat(number(m.group(4))).isEqualTo(del);
            assertThat(churn.operations()).isEqualTo(total);
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }

    private static long number(String s) {
        return Long.parseLong(s.replace(",", ""));
    }
}
