import io.vst.metrics.Sample;
import io.vst.report.RunMerge;
import io.vst.report.ReportWriter;
import io.vst.report.ReportFormat;
import io.vst.rundir.RunDirectory;
import io.vst.rundir.RunInfo;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import io.vst.rundir.StepStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * Writes SHARDS synthetic shard run directories of SAMPLES one-second samples each (a query interval of
 * 200 values logged with every sample, a step every 600 samples), then times {@code RunMerge.merge} on them
 * (REPS times, each into a new output) and, apart, the report of the merged run alone. The figures are
 * made up (seeded); they only exercise the merge's speed.
 *
 * <p>Usage: {@code java -cp CLASSPATH bench/merge/ShardRuns.java OUT_ROOT [SHARDS] [SAMPLES] [REPS]}
 */
public final class ShardRuns {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int shards = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 3600;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        List<Path> dirs = new ArrayList<>();
        for (int k = 0; k < shards; k++) {
            dirs.add(shard(root.resolve("shard-" + k), k, shards, samples));
        }
        for (int r = 0; r < reps; r++) {
            Path out = root.resolve("merged-" + r);
            long t0 = System.nanoTime();
            RunMerge.merge(dirs, out, false);
            double merge = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            ReportWriter.write(out, root.resolve("report-" + r), ReportFormat.all());
            double report = (System.nanoTime() - t1) / 1e9;
            System.out.printf(Locale.ROOT, "rep %d: merge %.2f s (the merged run's report alone, again: %.2f s), "
                    + "%d shards x %d samples, hlog %d bytes each%n", r, merge, report, shards, samples,
                    Files.size(dirs.get(0).resolve("latency/query.hlog")));
        }
    }

    private static Path shard(Path dir, int index, int count, int samples) {
        Random rnd = new Random(1000 + index);
        Instant t0 = Instant.parse("2026-11-27T00:00:00Z").plusMillis(137L * index);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("shard", index + "/" + count);
        options.put("shard_group", "bench-merge");
        RunInfo info = new RunInfo("vst bench", "merge_bench", "bench/merge/ShardRuns.java", Map.of("version", "8.1.1"),
                false, t0, null, RunOutcome.RUNNING, null, List.of(), options);
        List<String> steps = new ArrayList<>();
        try (RunDirectory d = RunDirectory.create(null, dir, info, "name: merge_bench\n# synthetic\n")) {
            Instant stepStart = t0;
            Histogram stepTotal = new Histogram(3);
            for (int i = 0; i < samples; i++) {
                String step = "soak_" + (i / 600);
                Instant now = t0.plusSeconds(i + 1);
                Histogram h = new Histogram(3);
                for (int q = 0; q < 200; q++) {
                    h.recordValue(300 + (long) (Math.abs(rnd.nextGaussian()) * 1500));
                }
                h.setStartTimeStamp(now.toEpochMilli() - 1000);
                h.setEndTimeStamp(now.toEpochMilli());
                stepTotal.add(h);
                Map<String, Double> v = new LinkedHashMap<>();
                v.put("used_memory", 1_000_000.0 + 900.0 * i);
                v.put("live_vectors", 100.0 * i);
                v.put("query_count", (double) h.getTotalCount());
                v.put("query_errors", 0.0);
                v.put("query_ops_per_s", (double) h.getTotalCount());
                v.put("query_p50_ms", h.getValueAtPercentile(50) / 1000.0);
                v.put("query_p99_ms", h.getValueAtPercentile(99) / 1000.0);
                v.put("query_p999_ms", h.getValueAtPercentile(99.9) / 1000.0);
                d.append(new Sample(now, i + 1, step, v));
                d.appendLatency("query", step, h);
                if ((i + 1) % 600 == 0 || i == samples - 1) {
                    d.append(new StepRecord(step, "workload", "query", StepStatus.OK, stepStart, now, Double.NaN,
                            stepTotal.getTotalCount(), 0, 100L * i, Double.NaN, Double.NaN, Map.of("query", new StepRecord.LatencySummary(
                            stepTotal.getTotalCount(), stepTotal.getValueAtPercentile(50) / 1000.0,
                            stepTotal.getValueAtPercentile(90) / 1000.0, stepTotal.getValueAtPercentile(99) / 1000.0, stepTotal.getValueAtPercentile(99.9) / 1000.0,
                            stepTotal.getMaxValue() / 1000.0)), ""));
                    steps.add(step);
                    stepStart = now;
                    stepTotal = new Histogram(3);
                }
            }
            d.finish(info.finished(t0.plusSeconds(samples + 1), RunOutcome.COMPLETED, null, steps));
        }
        return dir;
    }
}
