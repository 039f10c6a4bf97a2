package io.vst.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.valkey.KnnQuery;
import io.vst.valkey.SearchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Recall as the query workload reports it, against an in-memory server that answers the exact top-k of
 * the vectors it holds (its own brute force over the bytes vst wrote) and spoils chosen answers.
 */
class QueryRecallTest {

    private static final int K = 10;
    private static final int QUERIES = 40;

    private static FakeContext context(FakeServer server) {
        return new FakeContext(server, Map.of("n_threads", 1)).preload(300).with("query_k", K)
                .with("verify_results", true).with("recall_sample_rate", 1.0).maxOperations(QUERIES);
    }

    @Test
    void anExactServerHasRecallOne() {
        FakeServer server = new FakeServer();
        FakeContext ctx = context(server);
        WorkloadResult r = new QueryWorkload().run(ctx);
        assertThat(r.recall()).isEqualTo(1.0);
        assertThat(ctx.recalls).hasSize(QUERIES).containsOnly(1.0);
    }

    @Test
    void wrongHitsCostTheirShareOfK() {
        FakeServer server = new FakeServer();
        FakeContext ctx = context(server);
        AtomicInteger answered = new AtomicInteger();
        server.answer = q -> {
            SearchResult exact = server.exact(q);
            if (answered.getAndIncrement() % 4 != 0) {
                return exact;
            }
            // every 4th answer loses its last 3 true neighbours to: a key that is not vst's, the farthest
            // vector vst wrote, and a second copy of the first hit
            List<SearchResult.Hit> hits = new ArrayList<>(exact.hits().subList(0, K - 3));
            SearchResult all = server.exact(new KnnQuery(q.index(), q.vectorField(), 300, q.blob(), null, null, "score",
                    List.of(), false));
            hits.add(new SearchResult.Hit("other:1", 0, Map.of()));
            hits.add(all.hits().get(all.hits().size() - 1));
            hits.add(exact.hits().get(0));
            return new SearchResult(exact.total(), hits);
        };
        WorkloadResult r = new QueryWorkload().run(ctx);

        int spoiled = (QUERIES + 3) / 4;
        double expected = ((QUERIES - spoiled) * 1.0 + spoiled * 0.7) / QUERIES;
        assertThat(r.recall()).isCloseTo(expected, Offset.offset(1e-12));
        assertThat(ctx.recalls).hasSize(QUERIES);
        assertThat(ctx.recalls.stream().filter(x -> Math.abs(x - 0.7) < 1e-12).count()).isEqualTo(spoiled);
        assertThat(r.detail()).contains(String.format(java.util.Locale.ROOT,
                "recall@10 %.4f over 40 verified queries (0 of them beside writes; recall verified on 40 of 40 "
                        + "sampled queries, 0 skipped because verification fell behind)", expected));
    }
}
