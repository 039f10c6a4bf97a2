package io.vst.valkey;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A K-nearest-neighbour FT.SEARCH: {@code <filter>=>[KNN k @field $BLOB EF_RUNTIME e AS score]} with the
 * query vector as the {@code BLOB} parameter and {@code LIMIT 0 k}, so that all k hits come back (the
 * server's default limit is 10).
 *
 * <pre>{@code
 * KnnQuery q = KnnQuery.of("idx", "vector", 10, blob).withEfRuntime(64);
 * SearchResult r = client.search(q);
 * }</pre>
 *
 * @param filter a filter expression such as {@code @category:{a}}, or {@code null} for all documents
 * @param efRuntime {@code null} leaves the index's EF_RUNTIME
 * @param returnFields extra fields to return besides the score; ignored when {@code noContent}
 * @param noContent return keys only (NOCONTENT): no scores, no fields
 */
public record KnnQuery(String index, String vectorField, int k, byte[] blob, String filter, Integer efRuntime,
        String scoreAlias, List<String> returnFields, boolean noContent) {

    public KnnQuery {
        returnFields = List.copyOf(returnFields);
    }

    /** A query that returns the score (as {@code score}) of the k nearest neighbours. */
    public static KnnQuery of(String index, String vectorField, int k, byte[] blob) {
        return new KnnQuery(index, vectorField, k, blob, null, null, "score", List.of(), false);
    }

    public KnnQuery withEfRuntime(Integer ef) {
        return new KnnQuery(index, vectorField, k, blob, filter, ef, scoreAlias, returnFields, noContent);
    }

    public KnnQuery withFilter(String newFilter) {
        return new KnnQuery(index, vectorField, k, blob, newFilter, efRuntime, scoreAlias, returnFields, noContent);
    }

    public KnnQuery withReturnFields(List<String> fields) {
        return new KnnQuery(index, vectorField, k, blob, filter, efRuntime, scoreAlias, fields, noContent);
    }

    public KnnQuery withNoContent(boolean keysOnly) {
        return new KnnQuery(index, vectorField, k, blob, filter, efRuntime, scoreAlias, returnFields, keysOnly);
    }

    /** The query expression, e.g. {@code *=>[KNN 10 @vector $BLOB EF_RUNTIME 64 AS score]}. */
    public String expression() {
        StringBuilder sb = new StringBuilder();
        sb.append(filter == null || filter.isBlank() ? "*" : filter);
        sb.append("=>[KNN ").append(k).append(" @").append(vectorField).append(" $BLOB");
        if (efRuntime != null) {
            sb.append(" EF_RUNTIME ").append(efRuntime);
        }
        sb.append(" AS ").append(scoreAlias).append(']');
        return sb.toString();
    }

    /** The full FT.SEARCH command as binary arguments, command name first. */
    public List<byte[]> toArguments() {
        List<byte[]> args = new ArrayList<>();
        add(args, "FT.SEARCH", index, expression(), "PARAMS", "2", "BLOB");
        args.add(blob);
        if (noContent) {
            add(args, "NOCONTENT");
        } else {
            add(args, "RETURN", Integer.toString(1 + returnFields.size()), scoreAlias);
            for (String f : returnFields) {
                add(args, f);
            }
        }
        add(args, "LIMIT", "0", Integer.toString(k), "DIALECT", "2");
        return args;
    }

    private static void add(List<byte[]> args, String... words) {
        for (String w : words) {
            args.add(w.getBytes(StandardCharsets.UTF_8));
        }
    }
}
