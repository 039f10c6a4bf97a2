package io.vst.dataset;

import io.vst.VstException;
import java.util.Locale;

/**
 * A vector distance as valkey-search reports it: {@link #L2} is the squared Euclidean distance,
 * {@link #COSINE} is {@code 1 - cos(a, b)}, {@link #IP} is {@code 1 - dot(a, b)}. Smaller is nearer.
 *
 * <pre>{@code
 * Metric m = Metric.parse("angular");          // COSINE, the ann-benchmarks spelling
 * float d = m.distance(a, b);                  // 1 - cos(a, b)
 * }</pre>
 */
public enum Metric {
    L2("L2"),
    COSINE("COSINE"),
    IP("IP");

    private final String serverName;

    Metric(String serverName) {
        this.serverName = serverName;
    }

    /** The {@code DISTANCE_METRIC} argument of FT.CREATE. */
    public String serverName() {
        return serverName;
    }

    /**
     * Parses the names used by vst, ann-benchmarks and valkey-search: {@code l2}, {@code euclidean},
     * {@code cosine}, {@code angular}, {@code ip}, {@code dot} (any case).
     *
     * @throws VstException INVALID_INPUT for any other name
     */
    public static Metric parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "l2", "euclidean":
                return L2;
            case "cosine", "angular":
                return COSINE;
            case "ip", "dot", "inner_product":
                return IP;
            default:
                throw VstException.invalidInput("Unknown distance metric '" + text + "'",
                        "use one of l2 (euclidean), cosine (angular), ip (dot)");
        }
    }

    /** Lower-case name used in files and the catalog ({@code l2}, {@code cosine}, {@code ip}). */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The ann-benchmarks {@code distance} attribute value: euclidean, angular, dot. */
    public String annBenchmarksName() {
        switch (this) {
            case L2:
                return "euclidean";
            case COSINE:
                return "angular";
            default:
                return "dot";
        }
    }

    /** The distance between two vectors of equal length, as the server would score it. */
    public float distance(float[] a, float[] b) {
        int n = a.length;
        double dot = 0;
        double na = 0;
        double nb = 0;
        double l2 = 0;
        for (int i = 0; i < n; i++) {
            double x = a[i];
            double y = b[i];
            double diff = x - y;
            l2 += diff * diff;
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        switch (this) {
            case L2:
                return (float) l2;
            case IP:
                return (float) (1.0 - dot);
            default:
                double denom = Math.sqrt(na) * Math.sqrt(nb);
                return denom == 0 ? 1f : (float) (1.0 - dot / denom);
        }
    }
}
