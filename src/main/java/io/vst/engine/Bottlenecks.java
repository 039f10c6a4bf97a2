package io.vst.engine;

import io.vst.metrics.HostMemory;
import io.vst.metrics.Recorders;
import io.vst.metrics.Sample;
import io.vst.metrics.PerformanceWindow;
import io.vst.metrics.TimelineColumns;
import io.vst.units.Units;
import io.vst.valkey.ValkeyClient;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code analyze_bottlenecks}: what most likely limited throughput while the work before this
 * checkpoint ran, in words: the server's CPU use measured over the sampling intervals in which that
 * work ran (not at the idle moment the checkpoint runs in), the slowest operation's p99 over the same
 * work, the search module's mutation queue and memory headroom.
 */
final class Bottlenecks {

    private Bottlenecks() {
    }

    /**
     * @param performance the work since the previous checkpoint ({@link PerformanceWindow} figures)
     */
    static void analyze(ValkeyClient client, Sample s, Map<String, Double> performance, long localPid,
                        List<String> notes, Map<String, Object> raw) {
        raw.put("info_cpu", client.info("cpu").aggregate());
        double busy = performance.getOrDefault(PerformanceWindow.BUSY_SECONDS, 0.0);
        double main = performance.getOrDefault(PerformanceWindow.SERVER_MAIN_CPU_CORES, Double.NaN);
        double all = performance.getOrDefault(PerformanceWindow.SERVER_CPU_CORES, Double.NaN);
        String over = " over the " + Units.duration(busy) + " of work since the previous checkpoint";
        if (busy <= 0) {
            notes.add("bottleneck: no work ran since the previous checkpoint; nothing to judge (put the checkpoint "
                    + "right after the workload, or inside a parallel step with interval_seconds)");
        } else if (!Double.isNaN(main)) {
            notes.add(String.format(Locale.ROOT,
                    "bottleneck: server main thread at %.0f%% of a core (all threads %.0f%%)%s%s", 100 * main,
                    100 * all, over, main > 0.9 ? " - the server is CPU-bound; more clients will not help" : ""));
        } else if (!Double.isNaN(all)) {
            notes.add(String.format(Locale.ROOT, "bottleneck: server CPU at %.0f%% of a core%s%s", 100 * all, over,
                    all > 0.9 ? " - the server is likely CPU-bound" : ""));
        }
        String slowest = null;
        double worst = 0;
        for (String op : Recorders.STANDARD) {
            double p99 = performance.getOrDefault(TimelineColumns.operation(op, "p99_ms"), Double.NaN);
            if (!Double.isNaN(p99) && p99 > worst) {
                worst = p99;
                slowest = op;
            }
        }
        if (slowest != null) {
            notes.add(String.format(Locale.ROOT,
                    "bottleneck: slowest operation since the previous checkpoint is %s (p99 %.2f ms)", slowest, worst));
        }
        double queue = s.get(TimelineColumns.SEARCH_MUTATION_QUEUE);
        if (queue > 0) {
            notes.add(String.format(Locale.ROOT,
                    "bottleneck: the search index lags writes (mutation queue %.0f); indexing is the limit", queue));
        }
        double max = s.get(TimelineColumns.MAXMEMORY);
        double used = s.get(TimelineColumns.USED_MEMORY);
        double headroom = max > 0 ? max - used : HostMemory.availableBytes();
        if (!Double.isNaN(headroom) && !Double.isNaN(used) && headroom < 0.1 * (used + headroom)) {
            notes.add("bottleneck: less than 10% memory headroom left" + (max > 0 ? " under maxmemory" : " on this machine"));
        }
        if (localPid > 0) {
            notes.add("server process RSS " + Units.bytes(HostMemory.processRssBytes(localPid)));
        }
    }
}
