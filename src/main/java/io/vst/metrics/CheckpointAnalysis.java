package io.vst.metrics;

import static io.vst.metrics.TimelineColumns.ALLOCATOR_ACTIVE;
import static io.vst.metrics.TimelineColumns.ALLOCATOR_ALLOCATED;
import static io.vst.metrics.TimelineColumns.MEM_FRAG_RATIO;
import static io.vst.metrics.TimelineColumns.SEARCH_MEMORY;
import static io.vst.metrics.TimelineColumns.USED_MEMORY;
import static io.vst.metrics.TimelineColumns.USED_MEMORY_RSS;

import io.vst.units.Units;
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
            MEM_FRAG_RATIO, TimelineColumns.MEM_CLIENTS_NORMAL, TimelineColumns.HASHTABLE_REHASHING, TimelineColumns.PROCESS_RSS, TimelineColumns.DBSIZE,
            TimelineColumns.LIVE_VECTORS,
            SEARCH_MEMORY, TimelineColumns.SEARCH_NUM_DOCS);

    /** Relative growth of memory per vector across checkpoints above which a leak is suspected. */
    public static final double LEAK_GROWTH_PERCENT = 5.0;

    private CheckpointAnalysis() {
    }

    /**
     * Memory per live vector against the run's baseline (the server before the first step). Client
     * query and output buffers ({@code mem_clients_normal}) are left out of both sides: they grow
     * with {@code n_clients}, not with the vectors, and are reported beside the per-vector figures. So is
     * the old bucket array of a key-table rehash in progress ({@code mem_overhead_db_hashtable_rehashing}):
     * the server frees it when the rehash ends, without a write, so it is the cost of the moment the
     * figures were read, not of the vectors (see {@link #memoryWithoutBuffers}).
     *
     * @return null when no vectors are live
     */
    public static CheckpointResult.PerVector perVector(Map<String, Double> now, Map<String, Double> baseline,
                                                        long liveVectors) {
        if (liveVectors <= 0) {
            return null;
        }
        double used = memoryWithoutBuffers(now) - memoryWithoutBuffers(baseline);
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

    /** Performance figures compared by {@code compare_with}, in report order (see {@link PerformanceWindow}). */
    public static final List<String> COMPARED_PERFORMANCE;

    static {
        List<String> perf = new ArrayList<>();
        for (String op : Recorders.STANDARD) {
            for (String suffix : List.of("ops_per_s", "p50_ms", "p99_ms", "p999_ms")) {
                perf.add(TimelineColumns.operation(op, suffix));
            }
        }
        perf.add(TimelineColumns.RECALL);
        COMPARED_PERFORMANCE = List.copyOf(perf);
    }

    /**
     * Deltas between an earlier and a later checkpoint: the {@link #COMPARED} memory figures, and the
     * {@link #COMPARED_PERFORMANCE} figures of the work before each (null performance: none compared).
     */
    public static CheckpointResult.Comparison compare(String againstName, Map<String, Double> before,
                                                      Map<String, Double> after, long vectorsBefore,
                                                      long vectorsAfter, Map<String, Double> baseline,
                                                      Map<String, Double> performanceBefore,
                                                      Map<String, Double> performanceAfter) {
        Map<String, CheckpointResult.Delta> deltas = deltas(COMPARED, before, after);
        Map<String, CheckpointResult.Delta> performance = deltas(COMPARED_PERFORMANCE, performanceBefore,
                performanceAfter);
        long dv = vectorsAfter - vectorsBefore;
        double du = memoryWithoutBuffers(after) - memoryWithoutBuffers(before);
        double perVector = dv == 0 ? Double.NaN : du / dv;
        double reclaimed = Double.NaN;
        if (dv < 0 && vectorsBefore > 0) {
            // What the removed vectors cost at the earlier checkpoint, at its average price per vector.
            double usedByVectors = memoryWithoutBuffers(before) - memoryWithoutBuffers(baseline);
            double costOfRemoved = usedByVectors * (-dv) / (double) vectorsBefore;
            reclaimed = costOfRemoved <= 0 ? Double.NaN : 100.0 * (-du) / costOfRemoved;
        }
        return new CheckpointResult.Comparison(againstName, deltas, perVector, reclaimed, performance);
    }

    private static Map<String, CheckpointResult.Delta> deltas(List<String> columns, Map<String, Double> before,
                                                             Map<String, Double> after) {
        Map<String, CheckpointResult.Delta> deltas = new LinkedHashMap<>();
        for (String col : columns) {
            double b = get(before, col);
            double a = get(after, col);
            if (!Double.isNaN(b) && !Double.isNaN(a)) {
                deltas.put(col, CheckpointResult.Delta.of(b, a));
            }
        }
        return deltas;
    }

    /**
     * The earlier checkpoint {@code compare_with} names: the one of that name (loop-expanded names such
     * as {@code snap_1} for {@code snap_${loop_index}} are names), else the latest with that tag, else the
     * latest run of a step of that name (a loop body step {@code name[i]}, a periodic one {@code name#n}).
     *
     * @param history checkpoints taken so far, oldest first
     * @return null when none matches
     */
    public static CheckpointResult find(List<CheckpointResult> history, String wanted) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).name().equals(wanted)) {
                return history.get(i);
            }
        }
        for (int i = history.size() - 1; i >= 0; i--) {
            if (wanted.equals(history.get(i).tag())) {
                return history.get(i);
            }
        }
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).name().replaceFirst("(\\[\\d+]|#\\d+)$", "").equals(wanted)) {
                return history.get(i);
            }
        }
        return null;
    }

    /**
     * Fragmentation figures with a plain reading that weighs both layers: the allocator's own
     * fragmentation (allocator_active / allocator_allocated) and the process's (RSS / used_memory,
     * mem_fragmentation_ratio), the latter split into pages the allocator retains (allocator_resident −
     * allocator_active, which MEMORY PURGE can return) and memory outside the allocator (RSS −
     * allocator_resident). A ratio only counts when the bytes behind it reach
     * {@link #SIGNIFICANT_FRAGMENTATION_BYTES}: a nearly empty server has a large RSS ratio from its
     * fixed start-up memory alone.
     */
    public static CheckpointResult.Fragmentation fragmentation(Map<String, Double> now) {
        double allocated = get(now, ALLOCATOR_ALLOCATED);
        double active = get(now, ALLOCATOR_ACTIVE);
        double allocRatio = get(now, TimelineColumns.ALLOCATOR_FRAG_RATIO);
        if (Double.isNaN(allocRatio) && allocated > 0) {
            allocRatio = active / allocated;
        }
        double allocBytes = active - allocated;
        double rss = get(now, USED_MEMORY_RSS);
        double rssRatio = get(now, MEM_FRAG_RATIO);
        if (Double.isNaN(rssRatio) && get(now, USED_MEMORY) > 0) {
            rssRatio = rss / get(now, USED_MEMORY);
        }
        double rssBytes = rss - get(now, USED_MEMORY);
        double resident = get(now, TimelineColumns.ALLOCATOR_RESIDENT);
        double retained = resident - active;
        double outside = rss - resident;
        int allocLevel = level(allocRatio, allocBytes);
        int rssLevel = level(rssRatio, rssBytes);
        String verdict;
        if (allocLevel < 0 && rssLevel < 0) {
            verdict = "unknown: the server reports neither allocator nor RSS figures";
        } else if (Math.max(allocLevel, rssLevel) == 0) {
            verdict = String.format(Locale.ROOT, "healthy: allocator fragmentation %s, RSS fragmentation %s",
                    ratio(allocRatio, allocBytes), ratio(rssRatio, rssBytes));
        } else {
            String grade = Math.max(allocLevel, rssLevel) == 1 ? "moderate" : "high";
            StringBuilder b = new StringBuilder(grade).append(": ");
            if (rssLevel >= allocLevel) {
                b.append("RSS fragmentation ").append(ratio(rssRatio, rssBytes)).append(" above used_memory");
                if (!Double.isNaN(retained) && !Double.isNaN(outside)) {
                    b.append(" (").append(Units.bytes(retained)).append(" retained by the allocator, ")
                            .append(Units.bytes(outside)).append(" outside it)");
                }
                b.append("; allocator fragmentation ").append(ratio(allocRatio, allocBytes));
            } else {
                b.append("allocator fragmentation ").append(ratio(allocRatio, allocBytes))
                        .append("; RSS fragmentation ").append(ratio(rssRatio, rssBytes));
            }
            boolean purgeable = !Double.isNaN(retained) && retained >= Math.max(allocBytes, outside);
            b.append(Math.max(allocLevel, rssLevel) < 2 ? ""
                    : purgeable ? "; MEMORY PURGE (force_gc) may return the retained pages"
                    : "; activedefrag may help");
            verdict = b.toString();
        }
        return new CheckpointResult.Fragmentation(allocRatio, allocBytes, rssRatio, rssBytes, verdict, retained,
                outside);
    }

    /** Shortest span of checkpoints, in seconds, over which a per-hour growth is put in words. */
    public static final int MIN_FIT_SECONDS = 600;

    /** Text a trend's explanation carries when its checkpoints span too little time for a per-hour figure. */
    static final String NO_PER_HOUR_FIT = "no per-hour fit";

    /** Whether a trend's per-hour fits are shown to people (its checkpoints span at least MIN_FIT_SECONDS). */
    public static boolean showsPerHourFit(CheckpointResult.TrendVerdict t) {
        return t != null && t.perVectorPerHour() != null && t.explanation() != null
                && !t.explanation().contains(NO_PER_HOUR_FIT);
    }

    /** Bytes of fragmentation below which a ratio is not judged (start-up memory dominates small servers). */
    public static final double SIGNIFICANT_FRAGMENTATION_BYTES = 16.0 * 1024 * 1024;

    /** −1 unknown, 0 healthy, 1 moderate, 2 high. */
    private static int level(double ratio, double bytes) {
        if (Double.isNaN(ratio)) {
            return -1;
        }
        if (ratio < 1.1 || !(bytes >= SIGNIFICANT_FRAGMENTATION_BYTES)) {
            return 0;
        }
        return ratio < 1.5 ? 1 : 2;
    }

    private static String ratio(double ratio, double bytes) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.3f (%s)", ratio, Units.bytes(bytes));
    }

    /**
     * Judges the trend of memory across checkpoints (oldest first) and fits it against time: memory
     * growth per hour, and growth of memory per live vector per hour, each a least-squares line with
     * its R² and the standard error of its slope. A steady rise of memory per vector by more than
     * {@link #LEAK_GROWTH_PERCENT} percent from the first to the last checkpoint, with a rising fit and
     * most steps rising, is a suspected leak: the server keeps more memory for each vector as time goes on.
     *
     * @param names checkpoint names
     * @param elapsedSeconds when each checkpoint was taken, seconds since the run started
     * @param memoryBytes used_memory less client buffers and a rehash's old key table at each checkpoint
     * @param bytesPerVector memory per live vector at each checkpoint (NaN: no vectors; the point is left out)
     */
    public static CheckpointResult.TrendVerdict trend(List<String> names, List<Double> elapsedSeconds,
                                                      List<Double> memoryBytes, List<Double> bytesPerVector) {
        List<Double> points = new ArrayList<>();
        List<String> used = new ArrayList<>();
        List<Double> hours = new ArrayList<>();
        List<Double> memory = new ArrayList<>();
        for (int i = 0; i < bytesPerVector.size(); i++) {
            Double p = bytesPerVector.get(i);
            if (p != null && !p.isNaN() && !p.isInfinite()) {
                points.add(p);
                used.add(names.get(i));
                hours.add(elapsedSeconds.get(i) / 3600.0);
                memory.add(memoryBytes.get(i));
            }
        }
        if (points.size() < 3) {
            return new CheckpointResult.TrendVerdict(MemoryTrend.INSUFFICIENT_DATA, points, used, Double.NaN,
                    "a trend needs at least three checkpoints with live vectors; found " + points.size(), null, null);
        }
        double[] x = hours.stream().mapToDouble(Double::doubleValue).toArray();
        LinearFit perVectorFit = LinearFit.of(x, points.stream().mapToDouble(Double::doubleValue).toArray());
        LinearFit memoryFit = LinearFit.of(x, memory.stream().mapToDouble(Double::doubleValue).toArray());
        double first = points.get(0);
        double last = points.get(points.size() - 1);
        double growth = first == 0 ? Double.NaN : 100.0 * (last - first) / Math.abs(first);
        int rises = 0;
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i) > points.get(i - 1)) {
                rises++;
            }
        }
        boolean mostlyRising = rises * 2 > points.size() - 1;
        boolean leak = growth > LEAK_GROWTH_PERCENT && perVectorFit.slope() > 0 && mostlyRising;
        double spanSeconds = (x[x.length - 1] - x[0]) * 3600.0;
        // A line through a few seconds of checkpoints says nothing about an hour (seen: "+413 MiB ± 1.56 GiB
        // per hour" from a 15 s run): below MIN_FIT_SECONDS the text gives no per-hour figure (the fits stay
        // in checkpoints.jsonl and the CSV with their R² and standard error).
        boolean fitted = spanSeconds >= MIN_FIT_SECONDS;
        String explanation = String.format(Locale.ROOT,
                "memory per live vector went from %s to %s (%+.1f%%) over %d checkpoints, rising %d of %d times; "
                        + "%s; %s",
                Units.bytes(first), Units.bytes(last), growth, points.size(), rises, points.size() - 1,
                fitted ? "fit: " + describe(perVectorFit) + " per vector per hour, memory " + describe(memoryFit)
                        + " per hour"
                        : String.format(Locale.ROOT, "%s: the checkpoints span %.0f s, under %d s", NO_PER_HOUR_FIT,
                                spanSeconds, MIN_FIT_SECONDS),
                leak ? "the server holds more memory per vector as the run goes on"
                        : "no steady growth beyond " + LEAK_GROWTH_PERCENT + "%");
        return new CheckpointResult.TrendVerdict(leak ? MemoryTrend.LEAK_SUSPECTED : MemoryTrend.STABLE, points, used, growth,
                explanation, memoryFit, perVectorFit);
    }

    /**
     * The performance side of a comparison in words, one clause per operation and recall:
     * {@code query 1,500 ops/s (-25.0%), p99 6.00 ms (+50.0%); recall 0.9000 (-0.0500)}; "" when nothing compares.
     */
    public static String describePerformance(CheckpointResult.Comparison c) {
        if (c == null || c.performance() == null || c.performance().isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String op : Recorders.STANDARD) {
            CheckpointResult.Delta rate = c.performance().get(TimelineColumns.operation(op, "ops_per_s"));
            CheckpointResult.Delta p99 = c.performance().get(TimelineColumns.operation(op, "p99_ms"));
            List<String> clause = new ArrayList<>();
            if (rate != null) {
                clause.add(Units.rate(rate.after()) + " (" + Units.percentDelta(rate.percent()) + ")");
            }
            if (p99 != null) {
                clause.add(String.format(Locale.ROOT, "p99 %.2f ms (%s)", p99.after(), Units.percentDelta(p99.percent())));
            }
            if (!clause.isEmpty()) {
                parts.add(op + " " + String.join(", ", clause));
            }
        }
        CheckpointResult.Delta recall = c.performance().get(TimelineColumns.RECALL);
        if (recall != null) {
            parts.add(String.format(Locale.ROOT, "recall %.4f (%+.4f)", recall.after(), recall.delta()));
        }
        return String.join("; ", parts);
    }

    /** {@code +1.20 KiB ± 80 B (R² 0.990)}: a fitted slope in bytes, its standard error and R². */
    public static String describe(LinearFit f) {
        if (Double.isNaN(f.slope())) {
            return "n/a (the checkpoints share one instant)";
        }
        String err = Double.isNaN(f.slopeStdError()) ? "" : " ± " + Units.bytes(f.slopeStdError());
        String r2 = Double.isNaN(f.rSquared()) ? "" : String.format(Locale.ROOT, " (R² %.3f)", f.rSquared());
        return Units.bytesDelta(f.slope()) + err + r2;
    }

    /**
     * used_memory less the client buffers and less the old key table of a rehash in progress (a figure the
     * server does not report counts 0). At 20,000 keys that table is 131,072 B: 6.6 B of about 900 per
     * 128-d vector, there at one checkpoint and gone at the next.
     */
    public static double memoryWithoutBuffers(Map<String, Double> m) {
        return get(m, USED_MEMORY) - orZero(m, TimelineColumns.MEM_CLIENTS_NORMAL)
                - orZero(m, TimelineColumns.HASHTABLE_REHASHING);
    }

    private static double orZero(Map<String, Double> m, String key) {
        double v = get(m, key);
        return Double.isNaN(v) ? 0 : v;
    }

    private static double get(Map<String, Double> m, String key) {
        Double v = m == null ? null : m.get(key);
        return v == null ? Double.NaN : v;
    }
}
