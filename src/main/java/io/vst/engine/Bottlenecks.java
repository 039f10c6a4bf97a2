package io.vst.engine;

import io.vst.metrics.HostMemory;
import io.vst.metrics.Recorders;
import io.vst.metrics.Sample;
import io.vst.metrics.ServerFigures;
import io.vst.metrics.TimelineColumns;
import io.vst.valkey.ValkeyClient;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code analyze_bottlenecks}: what most likely limits throughput right now, in words, from the
 * server's CPU use (INFO cpu, sampled twice a second apart), the clients' latency, the search module's
 * mutation queue and memory headroom.
 */
final class Bottlenecks {

    private Bottlenecks() {
    }

    static void analyze(ValkeyClient client, Sample s, long localPid, List<String> notes, Map<String, Object> raw) {
        Map<String, String> cpu0 = client.info("cpu").aggregate();
        long t0 = System.nanoTime();
        sleep(1000);
        Map<String, String> cpu1 = client.info("cpu").aggregate();
        double wall = (System.nanoTime() - t0) / 1e9;
        raw.put("info_cpu", cpu1);
        double main = (ServerFigures.number(cpu1.get("used_cpu_user_main_thread"))
                - ServerFigures.number(cpu0.get("used_cpu_user_main_thread"))
                + ServerFigures.number(cpu1.get("used_cpu_sys_main_thread"))
                - ServerFigures.number(cpu0.get("used_cpu_sys_main_thread"))) / wall;
        double all = (ServerFigures.number(cpu1.get("used_cpu_user")) - ServerFigures.number(cpu0.get("used_cpu_user"))
                + ServerFigures.number(cpu1.get("used_cpu_sys")) - ServerFigures.number(cpu0.get("used_cpu_sys"))) / wall;
        if (!Double.isNaN(main)) {
            notes.add(String.format(Locale.ROOT, "bottleneck: server main thread at %.0f%% of a core (all threads %.0f%%)%s",
                    100 * main, 100 * all, main > 0.9 ? " - the server is CPU-bound; more clients will not help" : ""));
        } else if (!Double.isNaN(all)) {
            notes.add(String.format(Locale.ROOT, "bottleneck: server CPU at %.0f%% of a core%s", 100 * all,
                    all > 0.9 ? " - the server is likely CPU-bound" : ""));
        }
        String slowest = null;
        double worst = 0;
        for (String op : Recorders.STANDARD) {
            double p99 = s.get(TimelineColumns.operation(op, "p99_ms"));
            if (!Double.isNaN(p99) && p99 > worst) {
                worst = p99;
                slowest = op;
            }
        }
        if (slowest != null) {
            notes.add(String.format(Locale.ROOT, "bottleneck: slowest operation in the last interval is %s (p99 %.2f ms)",
                    slowest, worst));
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
            notes.add(String.format(Locale.ROOT, "server process RSS %.1f MB",
                    HostMemory.processRssBytes(localPid) / (1024.0 * 1024.0)));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
