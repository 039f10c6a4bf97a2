package io.vst.testsupport.proxy;

import io.vst.testsupport.proxy.IndexCatalog.Entry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Answers {@code FT.SEARCH} by exact brute force over the hashes read from the backend, in the reply
 * shape valkey-search 1.2.1 sends under both protocols: {@code [total, key, [field, value, ...], ...]},
 * the score first in each record, then the hash fields in the backend's order.
 */
final class FtSearchCommand {

    private static final Duration SCAN_BUDGET = Duration.ofSeconds(60);

    private record Hit(HashDocument document, float score) { }

    private FtSearchCommand() {
    }

    static RespValue execute(List<String> args, List<byte[]> rawArgs, IndexCatalog catalog, RespConnection link,
            int truncateTo, SearchProxy.WrongHits wrong) throws IOException {
        if (args.size() < 3) {
            throw SearchError.arity("FT.SEARCH");
        }
        long started = System.nanoTime();
        Entry entry = catalog.get(args.get(1));
        SearchRequest request = SearchRequest.parse(args, rawArgs, entry.definition());
        List<Hit> hits = new ArrayList<>();
        List<Hit> outside = new ArrayList<>();
        for (HashDocument document : DocumentScan.scan(link, entry.definition(), SCAN_BUDGET)) {
            boolean passes = request.filter().matches(document);
            if (request.knn() == null) {
                if (passes) {
                    hits.add(new Hit(document, 0f));
                }
                continue;
            }
            byte[] vector = document.fields().get(request.knn().attribute().identifier());
            if (vector != null && vector.length == request.knn().attribute().byteLength()) {
                float score = VectorDistance.distance(request.knn().attribute().metric(), request.knn().query(),
                        IndexStats.floats(vector));
                (passes ? hits : outside).add(new Hit(document, score));
            }
        }
        // Equal distances are ordered by key so that replies are repeatable.
        Comparator<Hit> order = Comparator.comparingDouble(Hit::score).thenComparing(h -> h.document().key());
        hits.sort(order);
        int wanted = request.knn() == null ? hits.size() : Math.min(hits.size(), request.knn().k());
        wanted = Math.min(wanted, truncateTo);
        List<Hit> results = new ArrayList<>(hits.subList(0, wanted));
        if (request.knn() != null && wrong.count() > 0) {
            outside.sort(order);
            replaceLast(results, wrong.outsideFilter() ? outside : hits.subList(wanted, hits.size()), wrong);
        }
        count(catalog.counters(), entry, request, System.nanoTime() - started);
        return reply(request, results);
    }

    /**
     * Puts wrong documents in place of the last neighbours: the nearest of {@code outside} the filter, or
     * the farthest of the documents that pass it but are not among the results.
     */
    private static void replaceLast(List<Hit> results, List<Hit> candidates, SearchProxy.WrongHits wrong) {
        int n = Math.min(Math.min(wrong.count(), results.size()), candidates.size());
        for (int i = 0; i < n; i++) {
            Hit replacement = wrong.outsideFilter() ? candidates.get(i) : candidates.get(candidates.size() - 1 - i);
            results.set(results.size() - 1 - i, replacement);
        }
    }

    private static void count(SearchCounters counters, Entry entry, SearchRequest request, long nanos) {
        counters.successful.incrementAndGet();
        if (request.knn() == null) {
            counters.nonVector.incrementAndGet();
            return;
        }
        counters.vector.incrementAndGet();
        if (!request.filter().clauses().isEmpty()) {
            counters.hybrid.incrementAndGet();
        }
        counters.recordLatency(request.knn().attribute().hnsw(), nanos);
    }

    private static RespValue reply(SearchRequest request, List<Hit> results) {
        List<RespValue> items = new ArrayList<>();
        items.add(new RespValue.Int(results.size()));
        int end = (int) Math.min(results.size(), (long) request.offset() + request.count());
        for (int i = request.offset(); i < end; i++) {
            Hit hit = results.get(i);
            items.add(RespValue.bulk(hit.document().key()));
            if (!request.noContent()) {
                items.add(new RespValue.Array(fields(request, hit)));
            }
        }
        return new RespValue.Array(items);
    }

    private static List<RespValue> fields(SearchRequest request, Hit hit) {
        List<RespValue> fields = new ArrayList<>();
        String scoreName = request.knn() == null ? null : request.knn().scoreName();
        String score = VectorDistance.format(hit.score());
        Map<String, byte[]> hash = hit.document().fields();
        if (request.returnFields() == null) {
            if (scoreName != null) {
                fields.add(RespValue.bulk(scoreName));
                fields.add(RespValue.bulk(score));
            }
            hash.forEach((name, value) -> {
                fields.add(RespValue.bulk(name));
                fields.add(RespValue.bulk(value));
            });
            return fields;
        }
        for (String name : request.returnFields()) {
            if (name.equals(scoreName)) {
                fields.add(RespValue.bulk(name));
                fields.add(RespValue.bulk(score));
            } else if (hash.containsKey(name)) {
                fields.add(RespValue.bulk(name));
                fields.add(RespValue.bulk(hash.get(name)));
            }
        }
        return fields;
    }
}
