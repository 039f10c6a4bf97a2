package io.vst.report;

import io.vst.rundir.StepRecord;
import io.vst.rundir.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * steps.csv of sharded runs joined by step name, in shard 0's order (a step only later shards ran comes
 * after). Per step:
 * <ul>
 *   <li>operations, errors and live vectors after: summed (each shard's live set is its own ids);</li>
 *   <li>start the earliest, end the latest; the time spent on the operations runs from the earliest start
 *       to the latest end of a shard's operations (each shard's {@code active_s} counted from its own start),
 *       so the rate is the summed operations over the span in which any shard worked;</li>
 *   <li>status the worst: failed &gt; timeout, interrupted or stopped &gt; ok &gt; skipped;</li>
 *   <li>recall the mean of the shards' recall weighted by their query counts, NaN when no shard measured it;</li>
 *   <li>time to searchable the longest; latency per operation: the count summed, the percentiles from the
 *       sum of the shards' latency-log histograms of the step (exact), NaN where a shard logged none.</li>
 * </ul>
 */
final class StepMerge {

    private StepMerge() {
    }

    static List<StepRecord> merge(List<ShardRun> shards) {
        Map<String, List<StepRecord>> byName = new LinkedHashMap<>();
        Map<String, List<ShardRun>> owners = new LinkedHashMap<>();
        for (ShardRun s : shards) {
            for (StepRecord r : s.data().steps()) {
                byName.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
                owners.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(s);
            }
        }
        // Each shard's latency per operation and step, read once (identity: a ShardRun's hash would walk its
        // histograms).
        Map<ShardRun, Map<String, Map<String, Histogram>>> logs = new IdentityHashMap<>();
        for (ShardRun s : shards) {
            Map<String, Map<String, Histogram>> byOp = new LinkedHashMap<>();
            s.data().latencyOperations().forEach(op -> byOp.put(op, s.data().latencyByStep(op)));
            logs.put(s, byOp);
        }
        List<StepRecord> out = new ArrayList<>();
        byName.forEach((name, records) -> out.add(merge(records, owners.get(name), logs)));
        return out;
    }

    private static StepRecord merge(List<StepRecord> records, List<ShardRun> owners,
                                    Map<ShardRun, Map<String, Map<String, Histogram>>> logs) {
        StepRecord first = records.get(0);
        StepStatus status = first.status();
        Instant start = first.startedAt();
        Instant end = first.endedAt();
        long operations = 0;
        long errors = 0;
        long live = 0;
        double searchable = Double.NaN;
        double recallSum = 0;
        double recallWeight = 0;
        StringBuilder detail = new StringBuilder(first.detail() == null ? "" : first.detail());
        for (int i = 0; i < records.size(); i++) {
            StepRecord r = records.get(i);
            if (rank(r.status()) > rank(status)) {
                status = r.status();
            }
            start = r.startedAt().isBefore(start) ? r.startedAt() : start;
            end = r.endedAt().isAfter(end) ? r.endedAt() : end;
            operations += r.operations();
            errors += r.errors();
            live += r.liveVectorsAfter();
            if (!Double.isNaN(r.timeToSearchableSeconds())) {
                searchable = Double.isNaN(searchable) ? r.timeToSearchableSeconds()
                        : Math.max(searchable, r.timeToSearchableSeconds());
            }
            if (!Double.isNaN(r.recall())) {
                StepRecord.LatencySummary q = r.latency().get(io.vst.metrics.Recorders.QUERY);
                double w = q != null && q.count() > 0 ? q.count() : Math.max(1, r.operations());
                recallSum += r.recall() * w;
                recallWeight += w;
            }
            if (i > 0 && r.status().isFailure() && r.detail() != null && !r.detail().isBlank()) {
                detail.append(detail.length() == 0 ? "" : "; ").append("shard ").append(owners.get(i).index())
                        .append(": ").append(r.status().spelling()).append(", ").append(r.detail());
            }
        }
        double active = Double.NaN;
        for (StepRecord r : records) {
            if (!Double.isNaN(r.activeSeconds())) {
                double until = (r.startedAt().toEpochMilli() - start.toEpochMilli()) / 1000.0 + r.activeSeconds();
                active = Double.isNaN(active) ? until : Math.max(active, until);
            }
        }
        return new StepRecord(first.name(), first.type(), first.workload(), status, start, end, active, operations,
                errors, live, searchable, recallWeight > 0 ? recallSum / recallWeight : Double.NaN,
                latency(first.name(), records, owners, logs), detail.toString());
    }

    private static Map<String, StepRecord.LatencySummary> latency(String step, List<StepRecord> records,
            List<ShardRun> owners, Map<ShardRun, Map<String, Map<String, Histogram>>> logs) {
        Set<String> ops = new LinkedHashSet<>();
        records.forEach(r -> ops.addAll(r.latency().keySet()));
        String tag = step.replaceAll("[\\s,]", "_");
        Map<String, StepRecord.LatencySummary> out = new LinkedHashMap<>();
        for (String op : ops) {
            long count = 0;
            double max = Double.NaN;
            Histogram sum = new Histogram(3);
            boolean complete = true;
            for (int i = 0; i < records.size(); i++) {
                StepRecord.LatencySummary l = records.get(i).latency().get(op);
                if (l == null) {
                    continue;
                }
                count += l.count();
                max = Double.isNaN(max) ? l.maxMs() : Math.max(max, l.maxMs());
                Histogram logged = logs.get(owners.get(i)).getOrDefault(op, Map.of()).get(tag);
                if (logged == null) {
                    complete = false;
                } else {
                    sum.add(logged);
                }
            }
            if (complete && sum.getTotalCount() > 0) {
                out.put(op, new StepRecord.LatencySummary(count, sum.getValueAtPercentile(50) / 1000.0,
                        sum.getValueAtPercentile(90) / 1000.0, sum.getValueAtPercentile(99) / 1000.0,
                        sum.getValueAtPercentile(99.9) / 1000.0, sum.getMaxValue() / 1000.0));
            } else {
                out.put(op, new StepRecord.LatencySummary(count, Double.NaN, Double.NaN, Double.NaN, Double.NaN, max));
            }
        }
        return out;
    }

    /** failed &gt; timeout, interrupted, stopped &gt; ok &gt; skipped. */
    static int rank(StepStatus s) {
        return switch (s) {
            case FAILED -> 3;
            case TIMEOUT, INTERRUPTED, STOPPED -> 2;
            case OK -> 1;
            case SKIPPED -> 0;
        };
    }
}
