package io.vst.engine;

import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.metrics.Recorders;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Evaluates the metrics a {@code conditional} step may test, from the latest sample. Each name here
 * is documented in the scenario schema's metric catalogue; a value that the server did not report is
 * NaN, and a condition on NaN is false (the step says so in its record).
 */
final class ConditionMetrics {

    private static final double MB = 1024.0 * 1024.0;

    private static final Map<String, ToDoubleFunction<Sample>> BY_NAME = Map.ofEntries(
            Map.entry("memory_usage_mb", s -> s.get(TimelineColumns.USED_MEMORY) / MB),
            Map.entry("used_memory_mb", s -> s.get(TimelineColumns.USED_MEMORY) / MB),
            Map.entry("rss_mb", s -> rss(s) / MB),
            Map.entry("dataset_memory_mb", s -> s.get(TimelineColumns.USED_MEMORY_DATASET) / MB),
            Map.entry("fragmentation_ratio", s -> s.get(TimelineColumns.MEM_FRAG_RATIO)),
            Map.entry("allocator_fragmentation_ratio", s -> s.get(TimelineColumns.ALLOCATOR_FRAG_RATIO)),
            Map.entry("live_vectors", s -> s.get(TimelineColumns.LIVE_VECTORS)),
            Map.entry("num_docs", s -> s.get(TimelineColumns.SEARCH_NUM_DOCS)),
            Map.entry("search_memory_mb", s -> s.get(TimelineColumns.SEARCH_MEMORY) / MB),
            Map.entry("ops_per_second", ConditionMetrics::opsPerSecond),
            Map.entry("p50_latency_ms", s -> worst(s, "p50_ms")),
            Map.entry("p99_latency_ms", s -> worst(s, "p99_ms")),
            Map.entry("p999_latency_ms", s -> worst(s, "p999_ms")),
            Map.entry("error_count", s -> sum(s, "errors")),
            Map.entry("error_rate", ConditionMetrics::errorRate),
            Map.entry("recall", s -> s.get(TimelineColumns.RECALL)),
            Map.entry("elapsed_seconds", Sample::elapsedSeconds),
            Map.entry("dbsize", s -> s.get(TimelineColumns.DBSIZE)),
            Map.entry("maxmemory_mb", s -> s.get(TimelineColumns.MAXMEMORY) / MB),
            Map.entry("available_memory_mb", ConditionMetrics::availableMb));

    private ConditionMetrics() {
    }

    /** Names this evaluator knows. */
    static java.util.Set<String> names() {
        return BY_NAME.keySet();
    }

    /** The value of {@code metric} in {@code sample}; NaN when unknown or not reported. */
    static double value(String metric, Sample sample) {
        ToDoubleFunction<Sample> f = BY_NAME.get(metric);
        return f == null || sample == null ? Double.NaN : f.applyAsDouble(sample);
    }

    private static double rss(Sample s) {
        return s.has(TimelineColumns.PROCESS_RSS) ? s.get(TimelineColumns.PROCESS_RSS)
                : s.get(TimelineColumns.USED_MEMORY_RSS);
    }

    private static double opsPerSecond(Sample s) {
        return sum(s, "ops_per_s");
    }

    private static double sum(Sample s, String suffix) {
        double total = 0;
        for (String op : Recorders.STANDARD) {
            double v = s.get(TimelineColumns.operation(op, suffix));
            if (!Double.isNaN(v)) {
                total += v;
            }
        }
        return total;
    }

    private static double worst(Sample s, String suffix) {
        double worst = Double.NaN;
        for (String op : Recorders.STANDARD) {
            double v = s.get(TimelineColumns.operation(op, suffix));
            if (!Double.isNaN(v) && (Double.isNaN(worst) || v > worst)) {
                worst = v;
            }
        }
        return worst;
    }

    private static double errorRate(Sample s) {
        double errors = sum(s, "errors");
        double count = sum(s, "count");
        return errors + count == 0 ? 0 : errors / (errors + count);
    }

    private static double availableMb(Sample s) {
        double max = s.get(TimelineColumns.MAXMEMORY);
        if (!(max > 0)) {
            return io.vst.metrics.HostMemory.availableBytes() / MB;
        }
        return (max - s.get(TimelineColumns.USED_MEMORY)) / MB;
    }
}
