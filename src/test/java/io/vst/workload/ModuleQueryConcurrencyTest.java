package io.vst.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.testsupport.RealSearch;
import io.vst.valkey.IndexDefinition;
import io.vst.valkey.InfoSnapshot;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.server.ManagedServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many concurrent query connections on the real valkey-search module (FLAT, so exact): the server's own
 * counters say how many FT.SEARCH it ran and how many clients were connected while the step ran, and
 * recall verified on every query is exactly 1.0.
 */
class ModuleQueryConcurrencyTest {

    @Test
    void thirtyTwoConnectionsOnTheRealModuleAnswerEveryQueryExactly() throws Exception {
        int c = 32;
        int q = 1_500;
        try (ManagedServer server = RealSearch.start();
                ValkeyClient client = ValkeyClient.connect(server.endpoint(), 4)) {
            client.ftCreate(IndexDefinition.flat("vst_idx", "vec:", FakeContext.DIMS, IndexDefinition.Metric.L2));
            FakeContext ctx = new FakeContext(client, Map.of("n_threads", 2, "n_clients", c)).preload(FakeContext.ROWS)
                    .with("query_k", 10).with("verify_results", true).with("recall_sample_rate", 1.0)
                    .maxOperations(q);
            client.awaitIndexReady("vst_idx", Duration.ofSeconds(60));
            long before = searchCalls(client);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong mostClients = new AtomicLong();
            Thread watch = new Thread(() -> {
                while (running.get()) {
                    mostClients.accumulateAndGet(client.info("clients").aggregateLong("connected_clients", 0),
                            Math::max);
                }
            }, "test-watch-clients");
            watch.setDaemon(true);
            watch.start();
            WorkloadResult r;
            try {
                r = new QueryWorkload().run(ctx);
            } finally {
                running.set(false);
                watch.join(5_000);
            }

            assertThat(r.errors()).isZero();
            assertThat(r.operations()).isEqualTo(q);
            assertThat(searchCalls(client) - before).isEqualTo(q);
            // The step's 32 query connections, beside the test's own (pool and watcher).
            assertThat(mostClients.get()).isGreaterThanOrEqualTo(c);
            assertThat(r.recall()).isEqualTo(1.0);
            assertThat(ctx.recalls).isNotEmpty().containsOnly(1.0);
        }
    }

    private static long searchCalls(ValkeyClient client) {
        InfoSnapshot info = client.info("commandstats");
        String stat = info.aggregate().getOrDefault("cmdstat_FT.SEARCH", info.aggregate().get("cmdstat_ft.search"));
        return stat == null ? 0 : Long.parseLong(InfoSnapshot.subfields(stat).get("calls"));
    }
}
