package io.vst.valkey;

import io.vst.valkey.resp.Resp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed reply of a KNN {@code FT.SEARCH}: the total the server reports and the hits in reply order
 * (nearest first).
 *
 * <p>{@code total} is the KNN count, not the number of hits returned: without {@code LIMIT 0 K}
 * valkey-search returns at most 10 hits. Scores are distances as valkey-search reports them: squared
 * Euclidean for L2, {@code 1 - cos} for COSINE, {@code 1 - dot} for IP.
 */
public record SearchResult(long total, List<Hit> hits) {

    public SearchResult {
        hits = List.copyOf(hits);
    }

    /**
     * One result document.
     *
     * @param score the distance, or {@code NaN} when the reply carried no score field
     * @param fields every returned field except the score, as raw bytes (vectors are binary)
     */
    public record Hit(String key, double score, Map<String, byte[]> fields) {

        public Hit {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        /** A returned field as UTF-8 text, or {@code null} when absent. */
        public String fieldText(String name) {
            byte[] v = fields.get(name);
            return v == null ? null : new String(v, StandardCharsets.UTF_8);
        }
    }

    /** The hit keys in reply order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            keys.add(h.key());
        }
        return keys;
    }

    /**
     * Parses an FT.SEARCH reply (the same array shape under RESP2 and RESP3).
     *
     * @param scoreField the name the score is returned under: the {@code AS} alias, or
     *     {@code __<vectorField>_score} when the query has no alias
     */
    static SearchResult parse(Object reply, String scoreField) {
        List<Object> list = Resp.asList(reply);
        if (list.isEmpty()) {
            throw Resp.shape("an FT.SEARCH reply starting with the total", "an empty array");
        }
        long total = Resp.asLong(list.get(0));
        List<Hit> hits = new ArrayList<>();
        int i = 1;
        while (i < list.size()) {
            String key = Resp.text(list.get(i));
            i++;
            // With NOCONTENT the keys follow each other; otherwise each key is followed by its field array.
            if (i < list.size() && list.get(i) instanceof List<?>) {
                hits.add(hit(key, list.get(i), scoreField));
                i++;
            } else {
                hits.add(new Hit(key, Double.NaN, Map.of()));
            }
        }
        return new SearchResult(total, hits);
    }

    private static Hit hit(String key, Object fieldArray, String scoreField) {
        double score = Double.NaN;
        Map<String, byte[]> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : Resp.asPairs(fieldArray)) {
            if (e.getKey().equals(scoreField)) {
                score = Resp.asDouble(e.getValue());
            } else {
                fields.put(e.getKey(), Resp.bytes(e.getValue()));
            }
        }
        return new Hit(key, score, fields);
    }
}
