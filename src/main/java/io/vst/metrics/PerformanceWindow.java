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
 * The server's CPU use is measured over the same busy intervals ({@link #SERVER_CPU_CORES}), so a
 * checkpoint taken after the work judges the CPU while the work ran, not the idle moment it runs in.
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

    /** Server CPU use while work ran, in cores (1.0 = one core busy): all threads, and the main thread. */
    public static final String SERVER_CPU_CORES = "server_cpu_cores";
    public static final String SERVER_MAIN_CPU_CORES = "server_main_thread_cpu_cores";
    /** Seconds of the sampling intervals in which any operation ran. */
    public static final String BUSY_SECONDS = "busy_seconds";

    private final Map<String, Histogram> latency = new LinkedHashMap<>();
    private final double[] lastCpu = {Double.NaN, Double.NaN};
    private final double[] busyCpu = new double[2];
    private final double[] busyCpuWall = new double[2];
    private double busyWall;
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

    /**
     * Adds the server figures of one sample that closes an interval of {@code seconds}: when work ran in
     * it ({@code busy}), the server's CPU time over the interval counts toward the CPU use while working.
     */
    public synchronized void addServer(Map<String, Double> values, double seconds, boolean busy) {
        String[] columns = {TimelineColumns.SERVER_CPU, TimelineColumns.SERVER_MAIN_CPU};
        if (busy) {
            busyWall += seconds;
        }
        for (int i = 0; i < columns.length; i++) {
            Double cpu = values.get(columns[i]);
            double now = cpu == null ? Double.NaN : cpu;
            if (busy && !Double.isNaN(now) && !Double.isNaN(lastCpu[i]) && now >= lastCpu[i]) {
                busyCpu[i] += now - lastCpu[i];
                busyCpuWall[i] += seconds;
            }
            lastCpu[i] = now;
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
        if (busyWall > 0) {
            out.put(BUSY_SECONDS, busyWall);
        }
        String[] cores = {SERVER_CPU_CORES, SERVER_MAIN_CPU_CORES};
        for (int i = 0; i < cores.length; i++) {
            if (busyCpuWall[i] > 0) {
                out.put(cores[i], busyCpu[i] / busyCpuWall[i]);
            }
            busyCpu[i] = 0;
            busyCpuWall[i] = 0;
        }
        busyWall = 0;
        latency.clear();
        busySeconds.clear();
        errors.clear();
        recallSum = 0;
        recallWeight = 0;
        return out;
    }
}
