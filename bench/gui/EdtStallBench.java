import io.vst.gui.MainFrame;
import io.vst.gui.Workbench;
import io.vst.gui.WorkbenchOptions;
import io.vst.gui.action.WorkbenchAction;
import io.vst.gui.run.RunController;
import io.vst.gui.settings.WorkbenchSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.prefs.Preferences;
import javax.swing.SwingUtilities;

/**
 * Drives a full-speed run with the workbench window open and reports the worst EDT stall and the heap
 * after the run, beside a reference: the same window idle for the same probe time.
 *
 * <p>The probe posts an empty task to the EDT every 10 ms from its own thread and records how long each
 * waited; the worst wait is the longest the window could not react. Run by bench/gui/run.sh.
 *
 * <p>Usage: {@code EdtStallBench SECONDS WORK_DIR}
 */
public final class EdtStallBench {

    static final String SCENARIO = """
            name: gui_soak
            description: Grow and shrink at full speed, sampling ten times a second
            dataset: synthetic-128
            global_config:
              n_threads: 2
              n_clients: 4
              batch_size: 500
              metrics_collection_interval: 0.1
            steps:
              - name: cycles
                type: loop
                iterations: 1000
                steps:
                  - name: grow_${loop_index}
                    type: workload
                    workload: ingest
                    parameters:
                      target_vectors: 100000
                  - name: shrink_${loop_index}
                    type: workload
                    workload: shrink
                    parameters:
                      target_vectors: 20000
                  - name: look_${loop_index}
                    type: checkpoint
            """;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        Path work = Path.of(args.length > 1 ? args[1] : "target/bench-gui");
        Files.createDirectories(work);
        Path file = work.resolve("gui_soak.yaml");
        Files.writeString(file, SCENARIO);
        WorkbenchSettings settings = new WorkbenchSettings(Preferences.userRoot().node("io/vst/workbench-bench"));
        long t0 = System.nanoTime();
        MainFrame f = Workbench.open(WorkbenchOptions.defaults().withScenario(file.toString())
                .withRunsRoot(work.resolve("runs")).withTheme("light").withSettings(settings));
        long openMs = (System.nanoTime() - t0) / 1_000_000;
        onEdt(() -> f.setBounds(0, 0, 1600, 1000));
        Thread.sleep(2000);
        long[] idle = probe(Math.min(30, seconds) * 1000L, () -> false);
        long heapBefore = usedHeapAfterGc();
        long[] gcBefore = gcTotals();
        onEdt(() -> f.actions().perform(WorkbenchAction.RUN));
        long runStart = System.nanoTime();
        long[] busy = probe(seconds * 1000L, () -> false);
        int memoryPoints = call(() -> f.liveCharts().pointCount("memory"));
        double worstTick = call(() -> f.runController().worstTickMillis());
        onEdt(() -> f.actions().perform(WorkbenchAction.STOP));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (call(() -> f.runController().state()) != RunController.State.IDLE && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        double ranSeconds = (System.nanoTime() - runStart) / 1e9;
        long[] gcAfter = gcTotals();
        long heapAfter = usedHeapAfterGc();
        Path dir = call(() -> f.runController().lastRunDirectory());
        long samples = dir == null ? -1 : Files.lines(dir.resolve("timeline.csv")).count() - 1;
        onEdt(f::dispose);
        onEdt(() -> { });
        settings.clear();
        System.out.printf(Locale.ROOT, "window visible after          %d ms%n", openMs);
        System.out.printf(Locale.ROOT, "run                           %.0f s at full speed, %d timeline samples, "
                + "memory chart holds %d points%n", ranSeconds, samples, memoryPoints);
        System.out.printf(Locale.ROOT, "%-30s %12s %12s %8s%n", "EDT wait (ms)", "idle window", "during run", "ratio");
        row("worst", idle[idle.length - 1], busy[busy.length - 1]);
        row("p99.9", pct(idle, 0.999), pct(busy, 0.999));
        row("p99", pct(idle, 0.99), pct(busy, 0.99));
        row("p50", pct(idle, 0.50), pct(busy, 0.50));
        System.out.printf(Locale.ROOT, "heap used after GC            %.1f MiB before the run, %.1f MiB after%n",
                heapBefore / 1048576.0, heapAfter / 1048576.0);
        System.out.printf(Locale.ROOT, "longest view update (one tick) %.1f ms of EDT work%n", worstTick);
        System.out.printf(Locale.ROOT, "GC during the run              %d collections, %d ms in total%n",
                gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
        System.out.printf(Locale.ROOT, "target EDT stall p99.9 < 100 ms: %s (worst %.1f ms)%n",
                pct(busy, 0.999) / 1e6 < 100 ? "met" : "NOT met", busy[busy.length - 1] / 1e6);
        System.out.printf(Locale.ROOT, "load average at the end        %.1f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.exit(0);
    }

    private static void row(String name, long idleNanos, long busyNanos) {
        System.out.printf(Locale.ROOT, "%-30s %12.1f %12.1f %8.1f%n", name, idleNanos / 1e6, busyNanos / 1e6,
                idleNanos == 0 ? Double.NaN : (double) busyNanos / idleNanos);
    }

    private static long pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    /** Posts an empty task every 10 ms for {@code millis} and returns the sorted waits in nanoseconds. */
    private static long[] probe(long millis, java.util.function.BooleanSupplier stop) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        long[] waits = new long[(int) (millis / 10) + 16];
        int n = 0;
        while (System.nanoTime() < end && n < waits.length && !stop.getAsBoolean()) {
            AtomicLong ran = new AtomicLong();
            long posted = System.nanoTime();
            SwingUtilities.invokeLater(() -> ran.set(System.nanoTime()));
            while (ran.get() == 0) {
                Thread.sleep(1);
            }
            waits[n++] = ran.get() - posted;
            Thread.sleep(10);
        }
        long[] out = Arrays.copyOf(waits, n);
        Arrays.sort(out);
        return out;
    }

    /** Collections and milliseconds spent in them so far, over every collector. */
    private static long[] gcTotals() {
        long count = 0;
        long millis = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void onEdt(Runnable r) throws Exception {
        SwingUtilities.invokeAndWait(r);
    }

    private static <T> T call(java.util.concurrent.Callable<T> c) throws Exception {
        Object[] out = new Object[1];
        Exception[] err = new Exception[1];
        SwingUtilities.invokeAndWait(() -> {
            try {
                out[0] = c.call();
            } catch (Exception e) {
                err[0] = e;
            }
        });
        if (err[0] != null) {
            throw err[0];
        }
        @SuppressWarnings("unchecked")
        T t = (T) out[0];
        return t;
    }
}
