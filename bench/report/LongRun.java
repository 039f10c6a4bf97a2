import io.vst.metrics.CheckpointAnalysis;
import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunDirectory;
import io.vst.rundir.RunInfo;
import io.vst.rundir.StepRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * Writes a synthetic run directory of a long soak: SAMPLES one-second samples (default 36,000 = 10 h),
 * a step every 30 minutes, a checkpoint every hour, a query latency interval every second. The figures
 * are made up (seeded) to have the shape of a real run; they only exercise the report's speed.
 *
 * <p>Usage: {@code java -cp target/vst-0.1.0-all.jar bench/report/LongRun.java OUT_ROOT [SAMPLES]}
 */
public final class LongRun {

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 36_000;
        Random rnd = new Random(42);
        Instant t0 = Instant.parse("2026-11-27T00:00:00Z");
        RunInfo info = new RunInfo("vst bench", "long_soak", "bench/report/LongRun.java",
                Map.of("server", "valkey", "version", "8.0.1"), true, t0, null, "running", null, List.of(), Map.of());
        List<String> steps = new ArrayList<>();
        try (RunDirectory dir = RunDirectory.create(root, null, info, "name: long_soak\n# synthetic\n")) {
            Map<String, Double> baseline = null;
            Map<String, Double> firstCheckpoint = null;
            long firstLive = 0;
            List<String> names = new ArrayList<>();
            List<Double> perVector = new ArrayList<>();
            Instant stepStart = t0;
            long stepOps = 0;
            for (int i = 0; i < samples; i++) {
                String step = "soak_" + (i / 1800);
                long live = Math.min(1_000_000, 100L * i);
                double used = 1_000_000 + live * 900.0 + rnd.nextGaussian() * 50_000;
                Map<String, Double> v = new LinkedHashMap<>();
                v.put(TimelineColumns.USED_MEMORY, used);
                v.put(TimelineColumns.USED_MEMORY_RSS, used * 1.2);
                v.put(TimelineColumns.USED_MEMORY_DATASET, used * 0.85);
                v.put(TimelineColumns.USED_MEMORY_OVERHEAD, used * 0.15);
                v.put(TimelineColumns.ALLOCATOR_ALLOCATED, used * 0.98);
                v.put(TimelineColumns.ALLOCATOR_ACTIVE, used * 1.05);
                v.put(TimelineColumns.ALLOCATOR_RESIDENT, used * 1.1);
                v.put(TimelineColumns.ALLOCATOR_FRAG_RATIO, 1.05 + rnd.nextDouble() * 0.02);
                v.put(TimelineColumns.MEM_FRAG_RATIO, 1.2 + rnd.nextDouble() * 0.02);
                v.put(TimelineColumns.LIVE_VECTORS, (double) live);
                v.put(TimelineColumns.DBSIZE, (double) live);
                v.put(TimelineColumns.SEARCH_MEMORY, live * 300.0);
                v.put(TimelineColumns.SEARCH_NUM_DOCS, (double) live);
                v.put("query_ops_per_s", 500 + rnd.nextGaussian() * 20);
                v.put("query_count", 500.0);
                v.put("query_errors", 0.0);
                v.put("query_p50_ms", 1 + rnd.nextDouble());
                v.put("query_p99_ms", 4 + rnd.nextDouble() * 2);
                v.put("query_p999_ms", 8 + rnd.nextDouble() * 4);
                v.put("query_max_ms", 10 + rnd.nextDouble() * 20);
                v.put(TimelineColumns.RECALL, 0.95 + rnd.nextDouble() * 0.04);
                Instant now = t0.plusSeconds(i + 1);
                dir.append(new Sample(now, i + 1, step, v));
                if (baseline == null) {
                    baseline = v;
                }
                Histogram h = new Histogram(3_600_000_000L, 3);
                for (int q = 0; q < 500; q++) {
                    h.recordValue(500 + (long) (Math.abs(rnd.nextGaussian()) * 1500));
                }
                dir.appendLatency("query", step, h);
                stepOps += 500;
                if ((i + 1) % 1800 == 0 || i == samples - 1) {
                    dir.append(new StepRecord(step, "workload", "query", "ok", stepStart, now, stepOps, 0, live, Double.NaN,
                            0.97, Map.of("query", new StepRecord.LatencySummary(stepOps, 1.5, 5.0, 10.0, 30.0)), ""));
                    steps.add(step);
                    stepStart = now;
                    stepOps = 0;
                }
                if ((i + 1) % 3600 == 0) {
                    String name = "hour_" + ((i + 1) / 3600);
                    CheckpointResult.PerVector pv = CheckpointAnalysis.perVector(v, baseline, live);
                    names.add(name);
                    perVector.add(pv.totalBytes());
                    if (firstCheckpoint == null) {
                        firstCheckpoint = v;
                        firstLive = live;
                    }
                    dir.append(new CheckpointResult(name, null, now, i + 1, live, v, Map.of(), pv,
                            CheckpointAnalysis.compare("hour_1", firstCheckpoint, v, firstLive, live, baseline),
                            CheckpointAnalysis.fragmentation(v), CheckpointAnalysis.trend(names, perVector), false,
                            List.of()));
                }
            }
            dir.finish(info.finished(t0.plusSeconds(samples + 1), "completed", null, steps));
            System.out.println(dir.path());
        }
    }
}
