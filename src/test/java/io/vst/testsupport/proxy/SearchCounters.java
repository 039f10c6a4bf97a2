package io.vst.testsupport.proxy;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Query counters and recent search latencies reported in the emulated {@code INFO SEARCH}. */
public final class SearchCounters {

    private static final int WINDOW = 4096;

    final AtomicLong successful = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong hybrid = new AtomicLong();
    final AtomicLong vector = new AtomicLong();
    final AtomicLong nonVector = new AtomicLong();
    final AtomicLong busyNanos = new AtomicLong();
    private final long[] hnswMicros = new long[WINDOW];
    private final long[] flatMicros = new long[WINDOW];
    private long hnswCount;
    private long flatCount;

    /** Records one successful vector search's duration. */
    synchronized void recordLatency(boolean hnsw, long nanos) {
        busyNanos.addAndGet(nanos);
        long micros = nanos / 1000;
        if (hnsw) {
            hnswMicros[(int) (hnswCount++ % WINDOW)] = micros;
        } else {
            flatMicros[(int) (flatCount++ % WINDOW)] = micros;
        }
    }

    /** {@code p50=..,p99=..,p99.9=..} over the recent window, in microseconds. */
    synchronized String latencyLine(boolean hnsw) {
        long count = Math.min(WINDOW, hnsw ? hnswCount : flatCount);
        long[] sorted = Arrays.copyOf(hnsw ? hnswMicros : flatMicros, (int) count);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "p50=%.3f,p99=%.3f,p99.9=%.3f", percentile(sorted, 0.5),
                percentile(sorted, 0.99), percentile(sorted, 0.999));
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)];
    }
}
