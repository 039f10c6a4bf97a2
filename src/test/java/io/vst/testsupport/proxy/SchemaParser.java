package io.vst.testsupport.proxy;

import io.vst.testsupport.proxy.IndexDefinition.Attribute;
import io.vst.testsupport.proxy.IndexDefinition.Metric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code FT.CREATE} arguments into an {@link IndexDefinition}, with valkey-search's error texts
 * where the recorded fixtures show them.
 *
 * <pre>{@code
 * IndexDefinition idx = SchemaParser.parse(List.of("FT.CREATE", "idx", "ON", "HASH", "PREFIX", "1", "v:",
 *         "SCHEMA", "vec", "VECTOR", "FLAT", "6", "TYPE", "FLOAT32", "DIM", "4", "DISTANCE_METRIC", "L2"));
 * }</pre>
 */
public final class SchemaParser {

    static final int DEFAULT_CAPACITY = 10_240;
    private static final Set<String> VECTOR_PARAMETERS = Set.of("TYPE", "DIM", "DISTANCE_METRIC", "M",
            "EF_CONSTRUCTION", "EF_RUNTIME", "INITIAL_CAP", "BLOCK_SIZE");
    private static final Set<String> VALUED_OPTIONS = Set.of("SCORE", "SCORE_FIELD", "LANGUAGE", "MINSTEMSIZE",
            "PUNCTUATION");
    private static final Set<String> FLAG_OPTIONS = Set.of("NOOFFSETS", "WITHOFFSETS", "NOSTOPWORDS");

    private final List<String> args;
    private int next;

    private SchemaParser(List<String> args) {
        this.args = args;
        this.next = 2;
    }

    /** The definition, or a {@link SearchError} with the text the real module sends. */
    public static IndexDefinition parse(List<String> args) {
        if (args.size() < 3) {
            throw SearchError.arity("FT.CREATE");
        }
        return new SchemaParser(args).parseDefinition();
    }

    private IndexDefinition parseDefinition() {
        String name = args.get(1);
        List<String> prefixes = new ArrayList<>();
        boolean skipInitialScan = false;
        while (next < args.size() && !upper(args.get(next)).equals("SCHEMA")) {
            String option = upper(take("option"));
            if (option.equals("ON")) {
                String type = upper(take("ON"));
                if (!type.equals("HASH")) {
                    throw new SearchError("Only ON HASH indexes are emulated, not `" + type + "`");
                }
            } else if (option.equals("PREFIX")) {
                int count = integer("PREFIX", take("PREFIX"));
                for (int i = 0; i < count; i++) {
                    prefixes.add(take("PREFIX"));
                }
            } else if (option.equals("SKIPINITIALSCAN")) {
                skipInitialScan = true;
            } else if (VALUED_OPTIONS.contains(option)) {
                take(option);
            } else if (!FLAG_OPTIONS.contains(option)) {
                throw new SearchError("Unexpected argument `" + args.get(next - 1) + "`");
            }
        }
        if (next >= args.size()) {
            throw new SearchError("Missing argument: SCHEMA");
        }
        next++;
        List<Attribute> attributes = new ArrayList<>();
        while (next < args.size()) {
            attributes.add(parseAttribute());
        }
        if (attributes.isEmpty()) {
            throw new SearchError("Missing argument: at least one attribute after SCHEMA");
        }
        return new IndexDefinition(name, List.copyOf(prefixes), List.copyOf(attributes), skipInitialScan);
    }

    private Attribute parseAttribute() {
        String identifier = take("attribute");
        String alias = identifier;
        if (next < args.size() && upper(args.get(next)).equals("AS")) {
            next++;
            alias = take("AS");
        }
        String type = upper(take("attribute type"));
        Attribute attribute = switch (type) {
            case "VECTOR" -> parseVector(identifier, alias);
            case "TAG" -> parseTag(identifier, alias);
            case "NUMERIC" -> new IndexDefinition.NumericAttribute(identifier, alias);
            default -> throw fieldError(identifier, "Unknown argument `" + type + "`");
        };
        if (next < args.size() && upper(args.get(next)).equals("SORTABLE")) {
            next++;
        }
        return attribute;
    }

    private Attribute parseTag(String identifier, String alias) {
        String separator = ",";
        boolean caseSensitive = false;
        while (next < args.size()) {
            String word = upper(args.get(next));
            if (word.equals("SEPARATOR")) {
                next++;
                separator = take("SEPARATOR");
            } else if (word.equals("CASESENSITIVE")) {
                next++;
                caseSensitive = true;
            } else {
                break;
            }
        }
        return new IndexDefinition.TagAttribute(identifier, alias, separator, caseSensitive);
    }

    private Attribute parseVector(String identifier, String alias) {
        String algorithm = upper(take("vector algorithm"));
        if (!algorithm.equals("HNSW") && !algorithm.equals("FLAT")) {
            throw fieldError(identifier, "Unknown argument `" + algorithm + "`");
        }
        int declared = integer("nargs", take("nargs"));
        Map<String, String> values = new HashMap<>();
        int got = 0;
        while (got < declared && next + 1 < args.size() && VECTOR_PARAMETERS.contains(upper(args.get(next)))) {
            values.put(upper(args.get(next)), args.get(next + 1));
            next += 2;
            got += 2;
        }
        if (got != declared) {
            throw fieldError(identifier, "Expected " + declared + " parameters for " + algorithm + " but got "
                    + got + " parameters.");
        }
        String type = values.get("TYPE");
        if (type != null && !upper(type).equals("FLOAT32")) {
            throw fieldError(identifier, badValue("TYPE", type));
        }
        String metricText = values.get("DISTANCE_METRIC");
        Metric metric;
        try {
            metric = metricText == null ? null : Metric.valueOf(upper(metricText));
        } catch (IllegalArgumentException e) {
            throw fieldError(identifier, badValue("DISTANCE_METRIC", metricText));
        }
        if (type == null || metric == null || !values.containsKey("DIM")) {
            String missing = type == null ? "TYPE" : metric == null ? "DISTANCE_METRIC" : "DIM";
            throw fieldError(identifier, "Missing argument `" + missing + "`");
        }
        return new IndexDefinition.VectorAttribute(identifier, alias, algorithm.equals("HNSW"),
                positive(identifier, values, "DIM", 0), metric, positive(identifier, values, "M", 16),
                positive(identifier, values, "EF_CONSTRUCTION", 200), positive(identifier, values, "EF_RUNTIME", 10),
                positive(identifier, values, "INITIAL_CAP", DEFAULT_CAPACITY),
                positive(identifier, values, "BLOCK_SIZE", 1024));
    }

    private static int positive(String identifier, Map<String, String> values, String name, int fallback) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            throw fieldError(identifier, badValue(name, text));
        }
        throw fieldError(identifier, badValue(name, text));
    }

    private static String badValue(String parameter, String value) {
        return "Error parsing value for the parameter `" + parameter + "` - Unknown argument `" + value + "`";
    }

    private static SearchError fieldError(String identifier, String detail) {
        return new SearchError("Invalid field type for field `" + identifier + "`: " + detail);
    }

    private String take(String what) {
        if (next >= args.size()) {
            throw new SearchError("Missing argument: " + what);
        }
        return args.get(next++);
    }

    private static int integer(String what, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new SearchError("Bad arguments for " + what + ": `" + text + "` is not an integer");
        }
    }

    static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }
}
