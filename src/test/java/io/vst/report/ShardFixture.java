package io.vst.report;

import io.vst.metrics.CheckpointAnalysis;
import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunDirectory;
import io.vst.rundir.RunInfo;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import io.vst.rundir.StepStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * A shard's run directory written with the run directory's own writer from known values, and every value
 * it holds kept apart, so a test can compute what the merge must give without vst's code.
 *
 * <p>Shard k starts 137 ms × k after 10:00:00 and samples every second: a baseline, five ingest samples
 * (step {@code load}), a checkpoint {@code loaded}, four query samples (step {@code search}) with recall while
 * 10 × (k + 1) vectors a sample are added, a
 * checkpoint {@code searched} compared with {@code loaded}, and a last sample. Only shard 0 has server
 * figures. Shard 1's load fails and its run fails; shard 2's search times out.
 */
final class ShardFixture {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    static final String SCENARIO = "name: sharded\nsteps:\n  - name: load\n    type: workload\n";

    /** One timeline row and the latency values recorded in the interval it closes (op null: none). */
    record Point(Sample sample, String op, long[] values) {
    }

    final int index;
    final Path dir;
    final List<Point> points = new ArrayList<>();
    final List<StepRecord> steps = new ArrayList<>();
    final List<CheckpointResult> checkpoints = new ArrayList<>();
    final Instant start;
    final Instant end;

    private ShardFixture(int index, Path dir) {
        this.index = index;
        this.dir = dir;
        this.start = T0.plusMillis(137L * index);
        this.end = start.plusMillis(10_005);
    }

    /** Writes shard {@code index} of {@code count} in group {@code group} into {@code dir}. */
    static ShardFixture write(Path dir, int index, int count, String group, String scenario) {
        ShardFixture f = new ShardFixture(index, dir);
        f.build(new Random(1000 + index));
        Map<String, Object> options = new LinkedHashMap<>();
        if (count > 0) {
            options.put("shard", index + "/" + count);
            options.put("shard_group", group);
        }
        options.put("seed", 42);
        RunInfo info = new RunInfo("vst test", "sharded", "sharded.yaml", Map.of("version", "8.0.1"), false, f.start,
                null, RunOutcome.RUNNING, null, List.of(), options);
        try (RunDirectory d = RunDirectory.create(null, dir, info, scenario)) {
            for (Point p : f.points) {
                d.append(p.sample());
                if (p.op() != null) {
                    Histogram h = histogram(p.values());
                    h.setStartTimeStamp(p.sample().time().toEpochMilli() - 1000);
                    h.setEndTimeStamp(p.sample().time().toEpochMilli());
                    d.appendLatency(p.op(), p.sample().step(), h);
                }
            }
            f.steps.forEach(d::append);
            f.checkpoints.forEach(d::append);
            boolean failed = index == 1;
            d.finish(info.finished(f.end, failed ? RunOutcome.FAILED : RunOutcome.COMPLETED,
                    failed ? "step load failed: connection reset" : null, f.steps.stream().map(StepRecord::name).toList()));
        }
        return f;
    }

    /** A run directory that holds only run.json and scenario.yaml with the given shard options. */
    static Path bare(Path dir, Map<String, Object> options, String scenario, RunOutcome outcome) {
        RunInfo info = new RunInfo("vst test", "sharded", "sharded.yaml", Map.of(), false, T0, null, RunOutcome.RUNNING,
                null, List.of(), options);
        try (RunDirectory d = RunDirectory.create(null, dir, info, scenario)) {
            if (outcome != RunOutcome.RUNNING) {
                d.finish(info.finished(T0.plusSeconds(1), outcome, null, List.of()));
            }
        }
        return dir;
    }

    static Histogram histogram(long[] values) {
        Histogram h = new Histogram(3);
        for (long v : values) {
            h.recordValue(v);
        }
        return h;
    }

    private void build(Random rnd) {
        long live = 0;
        points.add(new Point(sample(0, "", withLive(server(0), 0)), null, null));
        List<Point> load = new ArrayList<>();
        for (int j = 1; j <= 5; j++) {
            long[] v = values(rnd, 50 + rnd.nextInt(100), 1 + index);
            live += v.length;
            load.add(point(j * 1000L, "load", "ingest", v, rnd.nextInt(2), live, Double.NaN, 1.0));
        }
        points.addAll(load);
        StepStatus loadStatus = index == 1 ? StepStatus.FAILED : StepStatus.OK;
        steps.add(step("load", "workload", "ingest", loadStatus, 50, 5000 + 20L * index, 4.8 + 0.1 * index, load,
                live, index == 1 ? "connection reset" : "", "ingest"));
        CheckpointResult loaded = checkpoint("loaded", 5500, live, load, null);
        steps.add(step("loaded", "checkpoint", "", StepStatus.OK, 5400, 5600, Double.NaN, List.of(), live, "", null));
        List<Point> search = new ArrayList<>();
        for (int j = 6; j <= 9; j++) {
            long[] v = values(rnd, 20 + rnd.nextInt(60), 2 + index);
            double gap = j == 6 ? 0.6 : 1.0;
            live += 10L * (index + 1);
            search.add(point(j * 1000L + 100, "search", "query", v, 0, live, 0.8 + 0.2 * rnd.nextDouble(), gap));
        }
        points.addAll(search);
        steps.add(step("search", "workload", "query", index == 2 ? StepStatus.TIMEOUT : StepStatus.OK, 5700,
                9200 + 30L * index, 3.4, search, live, index == 2 ? "step timeout" : "", "query"));
        checkpoint("searched", 9500, live, search, loaded);
        steps.add(step("searched", "checkpoint", "", StepStatus.OK, 9450, 9550, Double.NaN, List.of(), live, "", null));
        points.add(new Point(sample(10_000, "", withLive(server(10), live)), null, null));
    }

    private Point point(long atMillis, String step, String op, long[] v, int errors, long live, double recall,
                        double seconds) {
        Histogram h = histogram(v);
        Map<String, Double> m = withLive(server((int) (atMillis / 1000)), live);
        m.put(op + "_count", (double) v.length);
        m.put(op + "_errors", (double) errors);
        m.put(op + "_ops_per_s", v.length / seconds);
        m.put(op + "_p50_ms", h.getValueAtPercentile(50) / 1000.0);
        m.put(op + "_p99_ms", h.getValueAtPercentile(99) / 1000.0);
        m.put(op + "_p999_ms", h.getValueAtPercentile(99.9) / 1000.0);
        m.put(op + "_max_ms", h.getMaxValue() / 1000.0);
        if (!Double.isNaN(recall)) {
            m.put(TimelineColumns.RECALL, recall);
        }
        return new Point(sample(atMillis, step, m), op, v);
    }

    private CheckpointResult checkpoint(String name, long atMillis, long live, List<Point> window,
                                        CheckpointResult against) {
        Map<String, Double> figures = withLive(server((int) (atMillis / 1000)), live);
        Sample s = sample(atMillis, name, figures);
        points.add(new Point(s, null, null));
        Map<String, Double> perf = new LinkedHashMap<>();
        String op = window.get(0).op();
        Histogram h = new Histogram(3);
        double recallSum = 0;
        double queries = 0;
        for (Point p : window) {
            h.add(histogram(p.values()));
            if (p.sample().has(TimelineColumns.RECALL)) {
                recallSum += p.sample().get(TimelineColumns.RECALL) * p.values().length;
                queries += p.values().length;
            }
        }
        perf.put(op + "_count", (double) h.getTotalCount());
        perf.put(op + "_errors", window.stream().mapToDouble(p -> p.sample().get(op + "_errors")).sum());
        perf.put(op + "_ops_per_s", h.getTotalCount() / (double) window.size());
        perf.putAll(RunMerge.percentiles(op, h));
        if (queries > 0) {
            perf.put(TimelineColumns.RECALL, recallSum / queries);
        }
        perf.put("server_cpu_cores", index == 0 ? 0.75 : Double.NaN);
        Map<String, Double> base = server(0);
        CheckpointResult.Comparison cmp = against == null ? null : CheckpointAnalysis.compare(against.name(),
                against.figures(), figures, against.liveVectors(), live, base, against.performance(), perf);
        CheckpointResult c = new CheckpointResult(name, null, s.time(), atMillis / 1000.0, live, figures, Map.of(),
                CheckpointAnalysis.perVector(figures, base, live), cmp, null, null, false, List.of(), perf);
        checkpoints.add(c);
        return c;
    }

    private StepRecord step(String name, String type, String workload, StepStatus status, long fromMillis,
                            long toMillis, double active, List<Point> work, long live, String detail, String op) {
        long ops = 0;
        long errors = 0;
        Histogram h = new Histogram(3);
        double recallSum = 0;
        for (Point p : work) {
            ops += p.values().length;
            errors += (long) p.sample().get(op + "_errors");
            h.add(histogram(p.values()));
            recallSum += p.sample().has(TimelineColumns.RECALL) ? p.sample().get(TimelineColumns.RECALL)
                    * p.values().length : 0;
        }
        Map<String, StepRecord.LatencySummary> latency = new LinkedHashMap<>();
        if (op != null) {
            latency.put(op, new StepRecord.LatencySummary(h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                    h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0));
        }
        double recall = "query".equals(op) ? recallSum / ops : Double.NaN;
        return new StepRecord(name, type, workload, status, start.plusMillis(fromMillis), start.plusMillis(toMillis),
                active, ops, errors, live, Double.NaN, recall, latency, detail);
    }

    private Sample sample(long atMillis, String step, Map<String, Double> values) {
        return new Sample(start.plusMillis(atMillis), atMillis / 1000.0, step, values);
    }

    /** Shard 0's server figures at second {@code second}; none for the other shards. */
    private Map<String, Double> server(int second) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (index == 0) {
            m.put(TimelineColumns.USED_MEMORY, 1_000_000.0 + 90_000.0 * second);
            m.put(TimelineColumns.MEM_CLIENTS_NORMAL, 20_000.0 + 700.0 * second);
            m.put(TimelineColumns.DBSIZE, 100.0 * second);
        }
        return m;
    }

    private static Map<String, Double> withLive(Map<String, Double> m, long live) {
        m.put(TimelineColumns.LIVE_VECTORS, (double) live);
        return m;
    }

    private static long[] values(Random rnd, int n, int scale) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = 150 + (long) (Math.abs(rnd.nextGaussian()) * 2500 * scale) + (rnd.nextInt(50) == 0 ? 40_000 : 0);
        }
        return v;
    }
}
