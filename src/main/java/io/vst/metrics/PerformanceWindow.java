package io.vst.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What the clients did between two checkpoints: per operation the count, errors, throughput and
 * latency percentiles, and the mean recall, gathered from the sampler's intervals so a checkpoint can
 * be compared with an earlier one on performance as well as memory.
 *
 * <p>Throughput is operations over the time spent doing them: the summed length of the sampling
 * intervals in which the operation ran, so idle time between steps (waits, checkpoints) does not dilute
 * it. Recall is the mean over the verified queries, each interval weighted by its query count.
 * Figures use the {@link TimelineColumns} names ({@code query_ops_per_s}, {@code query_p99_ms}, {@code recall}).
 * Thread-safe.
 *
 * <pre>{@code
 * window.add(interval, seconds);          // sampler thread, every interval
 * Map<String, Double> perf = window.take(); // checkpoint: the figures since the previous take
 * }</pre>
 */
public final class PerformanceWindow {

    /** Figures per operation, in report order. */
    public static final java.util.List<String> SUFFIXES = java.util.List.of("count", "errors", "ops_per_s", "p50_ms",
            "p99_ms", "p999_ms");

    private final Map<String, Histogram> latency = new LinkedHashMap<>();
    private final Map<String, Double> busySeconds = new LinkedHashMap<>();
    private final Map<String, Long> errors = new LinkedHashMap<>();
    private double recallSum;
    private double recallWeight;

    /** Adds one sampling interval of {@code seconds} for one operation. */
    public synchronized void add(LatencyRecorder.Interval in, double seconds) {
        String op = in.operation();
        if (in.count() > 0) {
            latency.computeIfAbsent(op, k -> new Histogram(1, LatencyRecorder.HIGHEST_MICROS, 3)).add(in.histogram());
            busySeconds.merge(op, seconds, Double::sum);
        }
        if (in.errors() > 0) {
            errors.merge(op, in.errors(), Long::sum);
        }
    }

    /** Adds the mean recall of {@code queries} verified queries (NaN: none verified). */
    public synchronized void addRecall(double meanRecall, long queries) {
        if (!Double.isNaN(meanRecall)) {
            double w = Math.max(1, queries);
            recallSum += meanRecall * w;
            recallWeight += w;
        }
    }

    /** The figures since the previous call, then starts afresh. Operations that did nothing are left out. */
    public synchronized Map<String, Double> take() {
        Map<String, Double> out = new LinkedHashMap<>();
        java.util.Set<String> ops = new java.util.LinkedHashSet<>(latency.keySet());
        ops.addAll(errors.keySet());
        for (String op : ops) {
            Histogram h = latency.get(op);
            long n = h == null ? 0 : h.getTotalCount();
            out.put(TimelineColumns.operation(op, "count"), (double) n);
            out.put(TimelineColumns.operation(op, "errors"), (double) errors.getOrDefault(op, 0L));
            if (n > 0) {
                out.put(TimelineColumns.operation(op, "ops_per_s"), n / busySeconds.get(op));
                out.put(TimelineColumns.operation(op, "p50_ms"), h.getValueAtPercentile(50) / 1000.0);
                out.put(TimelineColumns.operation(op, "p99_ms"), h.getValueAtPercentile(99) / 1000.0);
                out.put(TimelineColumns.operation(op, "p999_ms"), h.getValueAtPercentile(99.9) / 1000.0);
            }
        }
        if (recallWeight > 0) {
            out.put(TimelineColumns.RECALL, recallSum / recallWeight);
        }
        latency.clear();
        busySeconds.clear();
        errors.clear();
        recallSum = 0;
        recallWeight = 0;
        return out;
    }
}
