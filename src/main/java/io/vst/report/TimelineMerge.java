package io.vst.report;

import io.vst.metrics.Recorders;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The merged timeline of sharded runs, aligned on wall-clock time.
 *
 * <p>The rows are shard 0's samples, with its server columns as they are (only shard 0 reads the
 * server); each row stands for the sampling interval that ends at its time. Every sample of every shard
 * belongs to the first row at or after it, so each sample counts in exactly one row; samples of other
 * shards after shard 0's last one get rows of their own, one per sampling interval (shard 0's median gap)
 * after that last one, without server columns. The client columns ({@link TimelineColumns}) per row:
 * <ul>
 *   <li>{@code <op>_count}, {@code <op>_errors}: the sum over the samples the row holds;</li>
 *   <li>{@code <op>_ops_per_s}: the sum over the shards of each shard's rate at the row's time (the rate
 *       of its sampling interval that contains that instant): the shards run side by side;</li>
 *   <li>{@code <op>_p50_ms}, {@code _p99_ms}, {@code _p999_ms}, {@code _max_ms}: from the sum of the
 *       latency histograms logged with the samples the row holds (exact, not an average of percentiles);
 *       when a shard's latency log does not pair with its timeline, the percentiles of that operation are
 *       left out and {@code _max_ms} is the largest of the samples' maxima;</li>
 *   <li>{@code live_vectors}: the sum over the shards of each shard's latest count at or before the row's
 *       time (each shard's live set is its own ids);</li>
 *   <li>{@code recall}: the mean of the samples' recall the row holds, each weighted by its query count
 *       (at least 1, as a checkpoint weighs it); absent where no shard measured recall.</li>
 * </ul>
 */
final class TimelineMerge {

    private static final double DEFAULT_INTERVAL_SECONDS = 1.0;

    private TimelineMerge() {
    }

    /** The merged rows, oldest first, elapsed seconds counted from {@code start}. */
    static List<Sample> merge(List<ShardRun> shards, Instant start) {
        List<Sample> base = shards.get(0).data().samples();
        TreeMap<Instant, Row> rows = new TreeMap<>();
        for (Sample s : base) {
            rows.putIfAbsent(s.time(), new Row(s.time(), s.step(), s.values()));
        }
        Instant last = base.isEmpty() ? start : base.get(base.size() - 1).time();
        long stepNanos = intervalNanos(base);
        for (ShardRun shard : shards) {
            List<Sample> samples = shard.data().samples();
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.get(i);
                Map.Entry<Instant, Row> at = rows.ceilingEntry(s.time());
                if (at == null) {
                    long n = (Duration.between(last, s.time()).toNanos() + stepNanos - 1) / stepNanos;
                    Instant t = last.plusNanos(n * stepNanos);
                    at = Map.entry(t, rows.computeIfAbsent(t, k -> new Row(k, s.step(), Map.of())));
                }
                at.getValue().latencies.add(shard, s, i);
            }
        }
        List<List<Sample>> all = shards.stream().map(s -> s.data().samples()).toList();
        List<Instant[]> times = all.stream().map(TimelineMerge::times).toList();
        List<Instant> starts = shards.stream().map(s -> s.data().start() == null ? start : s.data().start()).toList();
        List<Sample> out = new ArrayList<>();
        for (Row row : rows.values()) {
            out.add(row.sample(all, times, starts, start));
        }
        return out;
    }

    /** Shard 0's median gap between samples: its sampling interval. */
    private static long intervalNanos(List<Sample> samples) {
        long[] gaps = new long[Math.max(0, samples.size() - 1)];
        for (int i = 1; i < samples.size(); i++) {
            gaps[i - 1] = Duration.between(samples.get(i - 1).time(), samples.get(i).time()).toNanos();
        }
        Arrays.sort(gaps);
        long median = gaps.length == 0 ? 0 : gaps[gaps.length / 2];
        return median > 0 ? median : (long) (DEFAULT_INTERVAL_SECONDS * 1e9);
    }

    /** The index of the latest of {@code times} at or before {@code t}, or -1. */
    private static int atOrBefore(Instant[] times, Instant t) {
        int i = Arrays.binarySearch(times, t);
        return i >= 0 ? last(times, i) : -i - 2;
    }

    /** The index of the first of {@code times} at or after {@code t} (whose interval holds {@code t}), or -1. */
    private static int covering(Instant[] times, Instant t) {
        int i = Arrays.binarySearch(times, t);
        if (i >= 0) {
            while (i > 0 && times[i - 1].equals(t)) {
                i--;
            }
            return i;
        }
        return -i - 1 < times.length ? -i - 1 : -1;
    }

    private static int last(Instant[] times, int i) {
        int j = i;
        while (j + 1 < times.length && times[j + 1].equals(times[i])) {
            j++;
        }
        return j;
    }

    private static Instant[] times(List<Sample> samples) {
        return samples.stream().map(Sample::time).toArray(Instant[]::new);
    }

    private static final class Row {
        final Instant time;
        final String step;
        final Map<String, Double> server;
        final Latencies latencies = new Latencies();

        Row(Instant time, String step, Map<String, Double> server) {
            this.time = time;
            this.step = step;
            this.server = server;
        }

        Sample sample(List<List<Sample>> shards, List<Instant[]> times, List<Instant> starts, Instant start) {
            Map<String, Double> values = new LinkedHashMap<>(server);
            values.keySet().removeIf(Latencies::isClientColumn);
            double live = 0;
            boolean anyLive = false;
            Map<String, Double> rates = new LinkedHashMap<>();
            for (int k = 0; k < shards.size(); k++) {
                List<Sample> samples = shards.get(k);
                int at = atOrBefore(times.get(k), time);
                Sample now = at < 0 ? null : samples.get(at);
                if (now != null && now.has(TimelineColumns.LIVE_VECTORS)) {
                    live += now.get(TimelineColumns.LIVE_VECTORS);
                    anyLive = true;
                }
                int c = covering(times.get(k), time);
                // Before a shard's run began its first interval does not hold the row's time: no rate yet.
                Sample cover = c < 0 || (c == 0 && time.isBefore(starts.get(k))) ? null : samples.get(c);
                for (String op : Recorders.STANDARD) {
                    String col = TimelineColumns.operation(op, "ops_per_s");
                    if (cover != null && cover.has(col)) {
                        rates.merge(col, cover.get(col), Double::sum);
                    }
                }
            }
            if (anyLive) {
                values.put(TimelineColumns.LIVE_VECTORS, live);
            }
            values.putAll(rates);
            latencies.putInto(values);
            double elapsed = Duration.between(start, time).toNanos() / 1e9;
            return new Sample(time, elapsed, step, values);
        }
    }

    /**
     * What a set of shard samples did: counts and errors summed, latency histograms summed, recall weighed
     * by queries. Shared by the merged timeline rows and the merged checkpoints' performance.
     */
    static final class Latencies {
        private final Map<String, Histogram> histograms = new LinkedHashMap<>();
        private final Map<String, Double> sums = new LinkedHashMap<>();
        private final Map<String, Double> maxima = new LinkedHashMap<>();
        private final java.util.Set<String> inexact = new java.util.HashSet<>();
        private double recallSum;
        private double recallWeight;

        static boolean isClientColumn(String column) {
            if (column.equals(TimelineColumns.RECALL) || column.equals(TimelineColumns.LIVE_VECTORS)) {
                return true;
            }
            for (String op : Recorders.STANDARD) {
                if (column.startsWith(op + "_") && TimelineColumns.OPERATION_SUFFIXES.contains(
                        column.substring(op.length() + 1))) {
                    return true;
                }
            }
            return false;
        }

        /** Adds {@code s}, the sample at {@code index} of {@code shard}'s samples. */
        void add(ShardRun shard, Sample s, int index) {
            for (String op : Recorders.STANDARD) {
                for (String suffix : List.of("count", "errors")) {
                    String col = TimelineColumns.operation(op, suffix);
                    if (s.has(col)) {
                        sums.merge(col, s.get(col), Double::sum);
                    }
                }
                String max = TimelineColumns.operation(op, "max_ms");
                if (s.has(max)) {
                    maxima.merge(max, s.get(max), Math::max);
                }
                Histogram[] paired = shard.paired().get(op);
                if (paired == null) {
                    inexact.add(op);
                } else if (paired[index] != null) {
                    histograms.computeIfAbsent(op, k -> new Histogram(3))
                            .add(paired[index]);
                }
            }
            if (s.has(TimelineColumns.RECALL)) {
                String queries = TimelineColumns.operation(Recorders.QUERY, "count");
                double w = Math.max(1, s.has(queries) ? s.get(queries) : 0);
                recallSum += s.get(TimelineColumns.RECALL) * w;
                recallWeight += w;
            }
        }

        /** The merged histogram of {@code op}, or null when none was logged or a shard's log did not pair. */
        Histogram histogram(String op) {
            return inexact.contains(op) ? null : histograms.get(op);
        }

        /** Writes the summed counts, the percentiles and the weighted recall into {@code values}. */
        void putInto(Map<String, Double> values) {
            values.putAll(sums);
            values.putAll(maxima);
            for (String op : Recorders.STANDARD) {
                Histogram h = histogram(op);
                if (h != null && h.getTotalCount() > 0) {
                    values.putAll(RunMerge.percentiles(op, h));
                    values.put(TimelineColumns.operation(op, "max_ms"), h.getMaxValue() / 1000.0);
                }
            }
            if (recallWeight > 0) {
                values.put(TimelineColumns.RECALL, recallSum / recallWeight);
            }
        }
    }
}
