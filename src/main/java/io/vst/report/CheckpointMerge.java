package io.vst.report;

import io.vst.metrics.CheckpointAnalysis;
import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Recorders;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The checkpoints of sharded runs: shard 0's (the one that read the server), with the live vector count
 * the sum of every shard's count at the checkpoint of the same name (each shard's live set is its own ids).
 * Memory per vector, the comparison with an earlier checkpoint and the memory trend are computed again
 * from those counts by {@link CheckpointAnalysis}, as the run computes them; the baseline is shard 0's first
 * sample, the server before the first step.
 *
 * <p>The work before each checkpoint ({@code performance}): counts, errors and throughputs summed over
 * the shards (they ran side by side), recall weighted by query counts, percentiles from the sum of the
 * latency histograms of every shard's samples since its previous checkpoint (left out when a shard's latency
 * log does not pair with its timeline), the server's CPU figures from shard 0.
 */
final class CheckpointMerge {

    private CheckpointMerge() {
    }

    static List<CheckpointResult> merge(List<ShardRun> shards, Map<String, Double> baseline, Instant start) {
        List<CheckpointResult> out = new ArrayList<>();
        // Identity: a ShardRun's hash would walk every histogram it holds.
        Map<ShardRun, Instant> previous = new IdentityHashMap<>();
        for (CheckpointResult c0 : shards.get(0).data().checkpoints()) {
            long live = 0;
            List<String> notes = new ArrayList<>(c0.notes() == null ? List.of() : c0.notes());
            List<CheckpointResult> same = new ArrayList<>();
            TimelineMerge.Latencies window = new TimelineMerge.Latencies();
            for (ShardRun s : shards) {
                CheckpointResult c = named(s, c0.name(), previous.get(s));
                if (c == null) {
                    notes.add("shard " + s.index() + " has no checkpoint " + c0.name() + ": its live vectors are not counted");
                    continue;
                }
                live += c.liveVectors();
                same.add(c);
                List<Sample> samples = s.data().samples();
                for (int i = 0; i < samples.size(); i++) {
                    Instant t = samples.get(i).time();
                    if ((previous.get(s) == null || t.isAfter(previous.get(s))) && !t.isAfter(c.time())) {
                        window.add(s, samples.get(i), i);
                    }
                }
                previous.put(s, c.time());
            }
            Map<String, Double> figures = new LinkedHashMap<>(c0.figures());
            figures.put(TimelineColumns.LIVE_VECTORS, (double) live);
            Map<String, Double> performance = performance(same, window);
            CheckpointResult.Comparison comparison = null;
            if (c0.comparison() != null) {
                CheckpointResult earlier = CheckpointAnalysis.find(out, c0.comparison().against());
                if (earlier != null) {
                    comparison = CheckpointAnalysis.compare(earlier.name(), earlier.figures(), figures,
                            earlier.liveVectors(), live, baseline, earlier.performance(), performance);
                }
            }
            CheckpointResult.PerVector perVector = CheckpointAnalysis.perVector(figures, baseline, live);
            double elapsed = Duration.between(start, c0.time()).toNanos() / 1e9;
            CheckpointResult.TrendVerdict trend = c0.trend() == null ? null : trend(out, c0.name(), elapsed, figures,
                    perVector);
            out.add(new CheckpointResult(c0.name(), c0.tag(), c0.time(), elapsed, live, figures, c0.raw(), perVector,
                    comparison, c0.fragmentation(), trend, c0.purged(), notes, performance));
        }
        return out;
    }

    /** The shard's first checkpoint named {@code name} after {@code after} (loops repeat no name, but be safe). */
    private static CheckpointResult named(ShardRun s, String name, Instant after) {
        for (CheckpointResult c : s.data().checkpoints()) {
            if (c.name().equals(name) && (after == null || c.time().isAfter(after))) {
                return c;
            }
        }
        return null;
    }

    private static Map<String, Double> performance(List<CheckpointResult> same, TimelineMerge.Latencies window) {
        Map<String, Double> out = new LinkedHashMap<>();
        double recallSum = 0;
        double recallWeight = 0;
        String queries = TimelineColumns.operation(Recorders.QUERY, "count");
        for (int i = 0; i < same.size(); i++) {
            Map<String, Double> p = same.get(i).performance();
            if (p == null) {
                continue;
            }
            for (Map.Entry<String, Double> e : p.entrySet()) {
                String key = e.getKey();
                if (key.endsWith("_count") || key.endsWith("_errors") || key.endsWith("_ops_per_s")) {
                    out.merge(key, e.getValue(), Double::sum);
                } else if (key.equals(TimelineColumns.RECALL)) {
                    double w = Math.max(1, p.getOrDefault(queries, 0.0));
                    recallSum += e.getValue() * w;
                    recallWeight += w;
                } else if (i == 0 && !isPercentile(key)) {
                    out.put(key, e.getValue());
                }
            }
        }
        for (String op : Recorders.STANDARD) {
            Histogram h = window.histogram(op);
            if (h != null && h.getTotalCount() > 0) {
                out.putAll(RunMerge.percentiles(op, h));
            }
        }
        if (recallWeight > 0) {
            out.put(TimelineColumns.RECALL, recallSum / recallWeight);
        }
        return out;
    }

    private static boolean isPercentile(String key) {
        return key.endsWith("_p50_ms") || key.endsWith("_p99_ms") || key.endsWith("_p999_ms");
    }

    /** The memory trend across the merged checkpoints so far and this one, as the run computes it. */
    private static CheckpointResult.TrendVerdict trend(List<CheckpointResult> before, String name, double elapsed,
                                                       Map<String, Double> figures, CheckpointResult.PerVector pv) {
        List<String> names = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        List<Double> memory = new ArrayList<>();
        List<Double> points = new ArrayList<>();
        for (CheckpointResult c : before) {
            names.add(c.name());
            times.add(c.elapsedSeconds());
            memory.add(CheckpointAnalysis.memoryWithoutBuffers(c.figures()));
            points.add(c.perVector() == null ? Double.NaN : c.perVector().totalBytes());
        }
        names.add(name);
        times.add(elapsed);
        memory.add(CheckpointAnalysis.memoryWithoutBuffers(figures));
        points.add(pv == null ? Double.NaN : pv.totalBytes());
        return CheckpointAnalysis.trend(names, times, memory, points);
    }
}
