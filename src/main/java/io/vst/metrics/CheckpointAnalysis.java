package io.vst.metrics;

import static io.vst.metrics.TimelineColumns.ALLOCATOR_ACTIVE;
import static io.vst.metrics.TimelineColumns.ALLOCATOR_ALLOCATED;
import static io.vst.metrics.TimelineColumns.MEM_FRAG_RATIO;
import static io.vst.metrics.TimelineColumns.SEARCH_MEMORY;
import static io.vst.metrics.TimelineColumns.USED_MEMORY;
import static io.vst.metrics.TimelineColumns.USED_MEMORY_RSS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The arithmetic of checkpoints: memory per vector, comparisons, fragmentation and leak trends.
 * Pure functions over figures; no server access.
 */
public final class CheckpointAnalysis {

    /** Figures compared by {@code compare_with}, in report order. */
    public static final List<String> COMPARED = List.of(USED_MEMORY, USED_MEMORY_RSS,
            TimelineColumns.USED_MEMORY_DATASET, TimelineColumns.USED_MEMORY_OVERHEAD, ALLOCATOR_ALLOCATED,
            ALLOCATOR_ACTIVE, TimelineColumns.ALLOCATOR_RESIDENT, TimelineColumns.ALLOCATOR_FRAG_RATIO,
            MEM_FRAG_RATIO, TimelineColumns.PROCESS_RSS, TimelineColumns.DBSIZE, TimelineColumns.LIVE_VECTORS,
            SEARCH_MEMORY, TimelineColumns.SEARCH_NUM_DOCS);

    /** Relative growth of memory per vector across checkpoints above which a leak is suspected. */
    public static final double LEAK_GROWTH_PERCENT = 5.0;

    private CheckpointAnalysis() {
    }

    /**
     * Memory per live vector against the run's baseline (the server before the first step). Client
     * query and output buffers ({@code mem_clients_normal}) are left out of both sides: they grow
     * with {@code n_clients}, not with the vectors, and are reported beside the per-vector figures.
     *
     * @return null when no vectors are live
     */
    public static CheckpointResult.PerVector perVector(Map<String, Double> now, Map<String, Double> baseline,
                                                        long liveVectors) {
        if (liveVectors <= 0) {
            return null;
        }
        double used = withoutClients(now) - withoutClients(baseline);
        double total = used / liveVectors;
        double index = Double.NaN;
        double keyspace = Double.NaN;
        if (!Double.isNaN(get(now, SEARCH_MEMORY))) {
            double base = Double.isNaN(get(baseline, SEARCH_MEMORY)) ? 0 : get(baseline, SEARCH_MEMORY);
            index = (get(now, SEARCH_MEMORY) - base) / liveVectors;
            keyspace = total - index;
        }
        return new CheckpointResult.PerVector(total, keyspace, index);
    }

    /** Deltas of the {@link #COMPARED} figures between an earlier and a later checkpoint. */
    public static CheckpointResult.Comparison compare(String againstName, Map<String, Double> before,
                                                      Map<String, Double> after, long vectorsBefore,
                                                      long vectorsAfter, Map<String, Double> baseline) {
        Map<String, CheckpointResult.Delta> deltas = new LinkedHashMap<>();
        for (String col : COMPARED) {
            double b = get(before, col);
            double a = get(after, col);
            if (!Double.isNaN(b) && !Double.isNaN(a)) {
                deltas.put(col, CheckpointResult.Delta.of(b, a));
            }
        }
        long dv = vectorsAfter - vectorsBefore;
        double du = withoutClients(after) - withoutClients(before);
        double perVector = dv == 0 ? Double.NaN : du / dv;
        double reclaimed = Double.NaN;
        if (dv < 0 && vectorsBefore > 0) {
            // What the removed vectors cost at the earlier checkpoint, at its average price per vector.
            double usedByVectors = withoutClients(before) - withoutClients(baseline);
            double costOfRemoved = usedByVectors * (-dv) / (double) vectorsBefore;
            reclaimed = costOfRemoved <= 0 ? Double.NaN : 100.0 * (-du) / costOfRemoved;
        }
        return new CheckpointResult.Comparison(againstName, deltas, perVector, reclaimed);
    }

    /** Fragmentation figures with a plain reading. */
    public static CheckpointResult.Fragmentation fragmentation(Map<String, Double> now) {
        double allocated = get(now, ALLOCATOR_ALLOCATED);
        double active = get(now, ALLOCATOR_ACTIVE);
        double allocRatio = get(now, TimelineColumns.ALLOCATOR_FRAG_RATIO);
        if (Double.isNaN(allocRatio) && allocated > 0) {
            allocRatio = active / allocated;
        }
        double allocBytes = active - allocated;
        double rssRatio = get(now, MEM_FRAG_RATIO);
        double rssBytes = get(now, USED_MEMORY_RSS) - get(now, USED_MEMORY);
        String verdict;
        if (Double.isNaN(allocRatio)) {
            verdict = "unknown: the server reports no allocator figures";
        } else if (allocRatio < 1.1) {
            verdict = String.format(Locale.ROOT, "healthy: allocator fragmentation %.3f", allocRatio);
        } else if (allocRatio < 1.5) {
            verdict = String.format(Locale.ROOT, "moderate: allocator fragmentation %.3f (%s wasted)",
                    allocRatio, Bytes.human(allocBytes));
        } else {
            verdict = String.format(Locale.ROOT,
                    "high: allocator fragmentation %.3f (%s wasted); MEMORY PURGE or activedefrag may help",
                    allocRatio, Bytes.human(allocBytes));
        }
        return new CheckpointResult.Fragmentation(allocRatio, allocBytes, rssRatio, rssBytes, verdict);
    }

    /**
     * Judges the trend of memory per live vector across checkpoints (oldest first). A steady rise of
     * more than {@link #LEAK_GROWTH_PERCENT} percent from the first to the last, with most steps
     * rising, is a suspected leak: the server keeps more memory for each vector as time goes on.
     */
    public static CheckpointResult.TrendVerdict trend(List<String> names, List<Double> bytesPerVector) {
        List<Double> points = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (int i = 0; i < bytesPerVector.size(); i++) {
            Double p = bytesPerVector.get(i);
            if (p != null && !p.isNaN() && !p.isInfinite()) {
                points.add(p);
                used.add(names.get(i));
            }
        }
        if (points.size() < 3) {
            return new CheckpointResult.TrendVerdict("INSUFFICIENT_DATA", points, used, Double.NaN,
                    "a trend needs at least three checkpoints with live vectors; found " + points.size());
        }
        double first = points.get(0);
        double last = points.get(points.size() - 1);
        double growth = first == 0 ? Double.NaN : 100.0 * (last - first) / Math.abs(first);
        int rises = 0;
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i) > points.get(i - 1)) {
                rises++;
            }
        }
        double slope = slope(points);
        boolean mostlyRising = rises * 2 > points.size() - 1;
        boolean leak = growth > LEAK_GROWTH_PERCENT && slope > 0 && mostlyRising;
        String explanation = String.format(Locale.ROOT,
                "memory per live vector went from %s to %s (%+.1f%%) over %d checkpoints, rising %d of %d times; "
                        + "%s",
                Bytes.human(first), Bytes.human(last), growth, points.size(), rises, points.size() - 1,
                leak ? "the server holds more memory per vector as the run goes on"
                        : "no steady growth beyond " + LEAK_GROWTH_PERCENT + "%");
        return new CheckpointResult.TrendVerdict(leak ? "LEAK_SUSPECTED" : "STABLE", points, used, growth,
                explanation);
    }

    /** Least-squares slope of the points against their index. */
    static double slope(List<Double> points) {
        int n = points.size();
        double meanX = (n - 1) / 2.0;
        double meanY = points.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - meanX) * (points.get(i) - meanY);
            den += (i - meanX) * (i - meanX);
        }
        return den == 0 ? 0 : num / den;
    }

    /** used_memory less the client buffers (a server that does not report them: used_memory as is). */
    static double withoutClients(Map<String, Double> m) {
        double clients = get(m, TimelineColumns.MEM_CLIENTS_NORMAL);
        return get(m, USED_MEMORY) - (Double.isNaN(clients) ? 0 : clients);
    }

    private static double get(Map<String, Double> m, String key) {
        Double v = m == null ? null : m.get(key);
        return v == null ? Double.NaN : v;
    }
}
