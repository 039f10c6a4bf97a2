package io.vst.dataset;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One named dataset of the catalog. File names are relative to the data directory unless absolute.
 * {@code format} is {@code hdf5}, {@code texmex}, {@code npy} or {@code synthetic}; counts that are not
 * known are {@code null}. {@code archive} names a packed download ({@code tar.gz}) vst does not unpack.
 */
public record CatalogEntry(String name, String description, String format, String file, String queryFile,
                           String groundTruthFile, Integer dims, Metric metric, Long vectors, Integer queries,
                           Integer groundTruthK, String url, String sha256, String archive, Long seed,
                           Integer clusters) {

    /** True for generator families computed on the fly. */
    public boolean synthetic() {
        return "synthetic".equals(format);
    }

    /** Reads an entry from its YAML mapping; unknown keys are rejected with the entry named. */
    static CatalogEntry fromMap(String name, Map<?, ?> m, String origin) {
        for (Object k : m.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                throw io.vst.VstException.invalidInput("Dataset catalog " + origin + ": entry '" + name
                        + "' has unknown key '" + k + "'", "known keys: " + String.join(", ", KEYS));
            }
        }
        String metric = str(m, "metric");
        return new CatalogEntry(name, str(m, "description"), lower(str(m, "format")), str(m, "file"),
                str(m, "query_file"), str(m, "ground_truth_file"), integer(m, "dims", origin, name),
                metric == null ? null : Metric.parse(metric), number(m, "vectors", origin, name),
                integer(m, "queries", origin, name), integer(m, "ground_truth_k", origin, name), str(m, "url"),
                str(m, "sha256"), str(m, "archive"), number(m, "seed", origin, name), integer(m, "clusters", origin, name));
    }

    /** The YAML mapping of this entry, nulls left out, in a stable key order. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "description", description);
        put(m, "format", format);
        put(m, "file", file);
        put(m, "query_file", queryFile);
        put(m, "ground_truth_file", groundTruthFile);
        put(m, "dims", dims);
        put(m, "metric", metric == null ? null : metric.fileName());
        put(m, "vectors", vectors);
        put(m, "queries", queries);
        put(m, "ground_truth_k", groundTruthK);
        put(m, "url", url);
        put(m, "sha256", sha256);
        put(m, "archive", archive);
        put(m, "seed", seed);
        put(m, "clusters", clusters);
        return m;
    }

    private static final java.util.List<String> KEYS = java.util.List.of("description", "format", "file",
            "query_file", "ground_truth_file", "dims", "metric", "vectors", "queries", "ground_truth_k", "url",
            "sha256", "archive", "seed", "clusters");

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static String str(Map<?, ?> m, String k) {
        Object v = m.get(k);
        return v == null ? null : v.toString();
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static Long number(Map<?, ?> m, String k, String origin, String name) {
        Object v = m.get(k);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw io.vst.VstException.invalidInput("Dataset catalog " + origin + ": entry '" + name + "' key '" + k
                + "' must be a number, got '" + v + "'", null);
    }

    private static Integer integer(Map<?, ?> m, String k, String origin, String name) {
        Long v = number(m, k, origin, name);
        return v == null ? null : Math.toIntExact(v);
    }
}
