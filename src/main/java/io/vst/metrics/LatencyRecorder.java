package io.vst.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Wait-free latency and outcome recording for one operation type (ingest, query, ...).
 *
 * <p>Worker threads call {@link #recordNanos(long)} / {@link #recordError()} from any thread without
 * locking; the sampler thread calls {@link #takeInterval()} once per interval and gets the histogram of
 * everything recorded since the previous call (HdrHistogram's {@link Recorder} flips buffers).
 * Values are stored in microseconds with 3 significant digits, up to one hour.
 *
 * <pre>{@code
 * LatencyRecorder query = recorders.get("query");
 * long start = System.nanoTime();
 * search(...);
 * query.recordNanos(System.nanoTime() - start);
 * }</pre>
 */
public final class LatencyRecorder {

    /** Highest trackable latency: one hour in microseconds. */
    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final String operation;
    private final LatencyRecorder parent;
    private final Recorder recorder = new Recorder(1, HIGHEST_MICROS, 3);
    private final LongAdder errors = new LongAdder();
    /** Record calls so far (a batch counts once), counted after the value is in: see {@link #takeInterval}. */
    private final LongAdder recorded = new LongAdder();
    private long recordedAtLastTake;
    private long lastErrors;
    /** What {@link #takeInterval} returns for an interval with nothing recorded; never recorded into. */
    private Histogram empty;
    /** The histogram the previous {@link #takeInterval} returned, recycled by the next. */
    private Histogram previous;

    public LatencyRecorder(String operation) {
        this(operation, null);
    }

    /**
     * A recorder that also records everything into {@code parent} (a step's recorder feeding the run's),
     * so the step can summarise its own latencies while the run's timeline sees all of them.
     */
    public LatencyRecorder(String operation, LatencyRecorder parent) {
        this.operation = operation;
        this.parent = parent;
    }

    public String operation() {
        return operation;
    }

    /** Records one successful operation that took {@code nanos}; any thread, wait-free. */
    public void recordNanos(long nanos) {
        recorder.recordValue(clamp(nanos / 1_000L));
        recorded.increment();
        if (parent != null) {
            parent.recordNanos(nanos);
        }
    }

    /**
     * Records one operation measured from its intended start time (coordinated-omission corrected: a
     * request that had to wait for an earlier one is charged the wait). Any thread.
     */
    public void recordFromIntendedStart(long intendedStartNanos, long endNanos) {
        recordNanos(Math.max(0, endNanos - intendedStartNanos));
    }

    /**
     * Records the latency of one pipelined batch as the latency of each of its {@code count} items.
     * Any thread.
     */
    public void recordBatch(long nanos, int count) {
        if (count <= 0) {
            return;
        }
        recorder.recordValueWithCount(clamp(nanos / 1_000L), count);
        recorded.increment();
        if (parent != null) {
            parent.recordBatch(nanos, count);
        }
    }

    /** Counts one failed operation; any thread. */
    public void recordError() {
        errors.increment();
        if (parent != null) {
            parent.recordError();
        }
    }

    /** Counts {@code n} failed operations; any thread. */
    public void recordErrors(long n) {
        errors.add(n);
        if (parent != null) {
            parent.recordErrors(n);
        }
    }



    /**
     * Returns everything recorded since the previous call. Sampler thread only (not thread-safe
     * against itself). The histogram returned is valid until the next call, which records into it again:
     * a new ~190 KB histogram (one hour at 3 significant digits) each interval, and the log writer's
     * encoding buffer sized to it, cost the sampler more than all it reads from the server.
     *
     * <p>An operation nothing recorded since the previous call is not flipped: clearing its histogram is
     * most of a sample's cost when a step runs one operation of four. A record counts itself after its
     * value is in, so a value this call does not see is in the histogram the next call flips.
     */
    public synchronized Interval takeInterval() {
        long now = recorded.sum();
        Histogram h;
        if (now == recordedAtLastTake) {
            if (empty == null) {
                empty = new Histogram(1, HIGHEST_MICROS, 3);
            }
            h = empty;
        } else {
            h = recorder.getIntervalHistogram(previous);
            previous = h;
            recordedAtLastTake = now;
        }
        long e = errors.sum();
        long errorsInInterval = e - lastErrors;
        lastErrors = e;
        return new Interval(operation, h, errorsInInterval);
    }

    private static long clamp(long micros) {
        if (micros < 1) {
            return 1;
        }
        return Math.min(micros, HIGHEST_MICROS);
    }

    /** What one operation type did during one sampling interval. */
    public record Interval(String operation, Histogram histogram, long errors) {
        public long count() {
            return histogram.getTotalCount();
        }
    }
}
