package io.vst.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.valkey.SearchResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mixed workload's operation shares, counted by the in-memory server itself: HSETs of new keys
 * (ingests), HSETs of keys it holds (updates), DELs and KNN queries.
 */
class MixedWorkloadTest {

    private static final int PRELOADED = 500;

    /** The answers do not matter here: every query gets an empty one. */
    private static FakeContext context(FakeServer server, long operations, Object... parameters) {
        server.answer = q -> new SearchResult(0, List.of());
        FakeContext ctx = new FakeContext(server, Map.of("n_threads", 1)).preload(PRELOADED).maxOperations(operations);
        for (int i = 0; i < parameters.length; i += 2) {
            ctx.with((String) parameters[i], parameters[i + 1]);
        }
        return ctx;
    }

    /**
     * The picker is deterministic (the next batch goes to the type furthest behind its share), so each
     * share is within one batch of {@code ratio × N}: far inside the 3-sigma binomial bound a random
     * picker would need ({@code 3·sqrt(N·p·(1-p))}, 66 operations for the ingest share here).
     */
    @Test
    void eachOperationTypeGetsItsShareOfTheOperationsWithinOneBatch() {
        FakeServer server = new FakeServer();
        long n = 2_000;
        FakeContext ctx = context(server, n, "ingest_ratio", 0.4, "query_ratio", 0.3, "update_ratio", 0.2,
                "delete_ratio", 0.1, "ingest_batch_size", 10, "query_batch_size", 5);
        long preloadWrites = server.ingests.get();
        WorkloadResult r = new MixedWorkload().run(ctx);

        long ingests = server.ingests.get() - preloadWrites;
        long[] seen = {ingests, server.queries.get(), server.updates.get(), server.deletes.get()};
        double[] ratios = {0.4, 0.3, 0.2, 0.1};
        int[] batch = {10, 5, 10, 10};
        for (int i = 0; i < 4; i++) {
            double expected = ratios[i] * n;
            double binomial = 3 * Math.sqrt(n * ratios[i] * (1 - ratios[i]));
            assertThat(Math.abs(seen[i] - expected)).as("type %d: %d of %d", i, seen[i], n)
                    .isLessThanOrEqualTo(Math.min(batch[i], binomial));
        }
        assertThat(seen[0] + seen[1] + seen[2] + seen[3]).isEqualTo(n);
        assertThat(r.operations()).isEqualTo(n);
        assertThat(r.detail()).startsWith(String.format(Locale.ROOT,
                "%,d operations: %,d vectors ingested (%.1f %%), %,d queries (%.1f %%), %,d updated (%.1f %%), "
                        + "%,d deleted (%.1f %%); live %,d", n, seen[0], 100.0 * seen[0] / n, seen[1],
                100.0 * seen[1] / n, seen[2], 100.0 * seen[2] / n, seen[3], 100.0 * seen[3] / n,
                server.hashes.size()));
        assertThat(server.storedKeys()).isEqualTo(ctx.liveKeys());
    }

    @Test
    void sharesHoldWhateverTheBatchSizes() {
        FakeServer server = new FakeServer();
        long n = 3_000;
        // one query batch of 50 against ingest batches of 1: shares are of operations, not of batches
        FakeContext ctx = context(server, n, "ingest_ratio", 0.5, "query_ratio", 0.5, "ingest_batch_size", 1,
                "query_batch_size", 50);
        long preloadWrites = server.ingests.get();
        new MixedWorkload().run(ctx);
        assertThat(Math.abs(server.ingests.get() - preloadWrites - n / 2.0)).isLessThanOrEqualTo(50);
        assertThat(Math.abs(server.queries.get() - n / 2.0)).isLessThanOrEqualTo(50);
        assertThat(server.searchCalls.get()).isEqualTo((server.queries.get() + 49) / 50);
    }

    @Test
    void queryRatioZeroSendsNoSearch() {
        FakeServer server = new FakeServer();
        FakeContext ctx = context(server, 1_000, "ingest_ratio", 0.5, "query_ratio", 0.0, "update_ratio", 0.3,
                "delete_ratio", 0.2, "verify_results", true);
        long preloadWrites = server.ingests.get();
        WorkloadResult r = new MixedWorkload().run(ctx);
        assertThat(server.searchCalls).hasValue(0);
        assertThat(server.queries).hasValue(0);
        assertThat(ctx.log).noneMatch(l -> l.contains("recall"));
        assertThat(server.ingests.get() - preloadWrites + server.updates.get() + server.deletes.get())
                .isEqualTo(1_000).isEqualTo(r.operations());
        assertThat(r.recall()).isNaN();
    }
}
