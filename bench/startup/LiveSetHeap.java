import io.vst.dataset.LiveSet;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Heap a live set of N ids takes with recall verification on (ids written through begin / addAcknowledged,
 * as the ingest does, and a query's view taken so that the last event of each id is kept), plus one
 * ground-truth snapshot over it: the part of vst's heap that grows with the scenario's scale.
 *
 *   java -Xmx512m -cp target/classes bench/startup/LiveSetHeap.java [N]      default 5000000
 */
public final class LiveSetHeap {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        long before = used();
        LiveSet live = new LiveSet(42);
        long[] batch = new long[100];
        long view = live.view();
        for (int from = 0; from < n; from += batch.length) {
            int k = Math.min(batch.length, n - from);
            for (int i = 0; i < k; i++) {
                batch[i] = from + i;
            }
            live.begin(batch, k);
            live.addAcknowledged(batch, k);
            if (from % 1_000_000 == 0) {
                view = live.view();
            }
        }
        long[] truth = live.settledSnapshot(view);
        long after = used();
        System.out.printf(Locale.ROOT, "live set of %,d ids with verification: %.1f MiB of heap (%.1f B per id),"
                        + " snapshot of %,d ids included; max heap %d MiB%n", live.size(),
                (after - before) / 1048576.0, (after - before) / (double) n, truth.length,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static long used() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
