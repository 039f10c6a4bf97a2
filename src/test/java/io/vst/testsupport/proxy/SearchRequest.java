package io.vst.testsupport.proxy;

import io.vst.testsupport.proxy.IndexDefinition.VectorAttribute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code FT.SEARCH idx query [PARAMS n k v..] [RETURN n f..] [NOCONTENT] [LIMIT off num]
 * [DIALECT d] [TIMEOUT ms]}; the query is {@code filter} or {@code filter=>[KNN k @field $blob
 * [EF_RUNTIME e] [AS name]]}.
 *
 * @param filter the hash filter ({@code *} = all)
 * @param knn the vector clause, or {@code null} for a filter-only query
 * @param returnFields fields to return, or {@code null} for all
 * @param noContent keys only
 * @param offset LIMIT offset
 * @param count LIMIT count (default 10)
 */
public record SearchRequest(QueryFilter filter, Knn knn, List<String> returnFields, boolean noContent,
        int offset, int count) {

    static final int MAX_KNN = 10_000;

    /**
     * The vector part of a query.
     *
     * @param k neighbours wanted
     * @param attribute the vector attribute searched
     * @param query the query vector
     * @param scoreName the score field name ({@code __field_score} or the AS name)
     */
    public record Knn(int k, VectorAttribute attribute, float[] query, String scoreName) { }

    /** Parses arguments after the index name against the index's schema. */
    static SearchRequest parse(List<String> args, List<byte[]> rawArgs, IndexDefinition definition) {
        Map<String, byte[]> params = new HashMap<>();
        List<String> returnFields = null;
        boolean noContent = false;
        int offset = 0;
        int count = 10;
        int at = 3;
        while (at < args.size()) {
            String option = SchemaParser.upper(args.get(at++));
            switch (option) {
                case "PARAMS" -> {
                    int n = number(args, at++, "PARAMS");
                    if (n % 2 != 0 || at + n > args.size()) {
                        throw new SearchError("Bad arguments for PARAMS: Expected an even number of names and values");
                    }
                    for (int i = 0; i < n; i += 2) {
                        params.put(args.get(at + i), rawArgs.get(at + i + 1));
                    }
                    at += n;
                }
                case "RETURN" -> {
                    int n = number(args, at++, "RETURN");
                    if (at + n > args.size()) {
                        throw new SearchError("Bad arguments for RETURN: Expected " + n + " fields");
                    }
                    returnFields = new ArrayList<>(args.subList(at, at + n));
                    at += n;
                }
                case "NOCONTENT" -> noContent = true;
                case "LIMIT" -> {
                    offset = number(args, at++, "LIMIT");
                    count = number(args, at++, "LIMIT");
                }
                case "DIALECT" -> {
                    int dialect = number(args, at++, "DIALECT");
                    if (dialect < 2 || dialect > 4) {
                        throw new SearchError("DIALECT requires a value between 2 and 4");
                    }
                }
                case "TIMEOUT" -> number(args, at++, "TIMEOUT");
                default -> throw new SearchError("Unexpected argument `" + args.get(at - 1) + "`");
            }
        }
        String query = args.get(2);
        int arrow = query.indexOf("=>");
        QueryFilter filter = QueryFilter.parse(arrow < 0 ? query : query.substring(0, arrow), definition, params);
        Knn knn = arrow < 0 ? null : knn(query.substring(arrow + 2).trim(), definition, params);
        return new SearchRequest(filter, knn, returnFields == null ? null : List.copyOf(returnFields), noContent,
                offset, count);
    }

    private static Knn knn(String clause, IndexDefinition definition, Map<String, byte[]> params) {
        if (!clause.startsWith("[") || !clause.endsWith("]")) {
            throw new SearchError("Invalid query: expected `[KNN k @field $param]` after `=>`");
        }
        String[] tokens = clause.substring(1, clause.length() - 1).trim().split("\\s+");
        if (tokens.length < 4 || !SchemaParser.upper(tokens[0]).equals("KNN") || !tokens[2].startsWith("@")
                || !tokens[3].startsWith("$")) {
            throw new SearchError("Invalid query: expected `[KNN k @field $param]` after `=>`");
        }
        String kText = QueryFilter.substitute(tokens[1], params);
        int k;
        try {
            k = Integer.parseInt(kText);
        } catch (NumberFormatException e) {
            throw new SearchError("Invalid range: KNN parameter `" + kText + "` is not an integer");
        }
        if (k <= 0 || k > MAX_KNN) {
            throw new SearchError("Invalid range: Value " + (k <= 0 ? "below minimum" : "above maximum")
                    + "; KNN parameter must be a positive integer greater than 0 and cannot exceed " + MAX_KNN + ".");
        }
        String scoreName = "__" + tokens[2].substring(1) + "_score";
        for (int i = 4; i < tokens.length; i += 2) {
            if (i + 1 >= tokens.length) {
                throw new SearchError("Invalid query: missing value after `" + tokens[i] + "`");
            }
            String word = SchemaParser.upper(tokens[i]);
            if (word.equals("AS")) {
                scoreName = tokens[i + 1];
            } else if (word.equals("EF_RUNTIME")) {
                String ef = QueryFilter.substitute(tokens[i + 1], params);
                if (!ef.matches("[1-9][0-9]{0,8}")) {
                    throw new SearchError("Invalid range: EF_RUNTIME `" + ef + "` must be a positive integer");
                }
            } else {
                throw new SearchError("Unexpected argument `" + tokens[i] + "`");
            }
        }
        String field = tokens[2].substring(1);
        if (!(definition.attribute(field).orElse(null) instanceof VectorAttribute vector)) {
            throw new SearchError("Index field `" + field + "` does not exist or is not a vector field");
        }
        byte[] blob = params.get(tokens[3].substring(1));
        if (blob == null) {
            throw new SearchError("Parameter `" + tokens[3].substring(1) + "` not found");
        }
        if (blob.length != vector.byteLength()) {
            throw new SearchError("Error parsing vector similarity parameters: query vector blob size ("
                    + blob.length + ") does not match index's expected size (" + vector.byteLength() + ").");
        }
        return new Knn(k, vector, IndexStats.floats(blob), scoreName);
    }

    private static int number(List<String> args, int at, String option) {
        if (at >= args.size()) {
            throw new SearchError("Bad arguments for " + option + ": Missing argument");
        }
        try {
            int value = Integer.parseInt(args.get(at));
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            throw new SearchError("Bad arguments for " + option + ": `" + args.get(at) + "` is not a number");
        }
        throw new SearchError("Bad arguments for " + option + ": `" + args.get(at) + "` is negative");
    }
}
