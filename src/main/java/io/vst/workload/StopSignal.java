package io.vst.workload;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells workers to stop: the user pressed Ctrl-C / Stop, a step ran out of time, or a threshold
 * was crossed. Workers poll {@link #isStopped()} between batches, so a stop takes effect within one
 * batch. A child signal also stops when its parent does. Any thread.
 */
public final class StopSignal {

    private final StopSignal parent;
    private final long deadlineNanos;
    private final AtomicReference<String> reason = new AtomicReference<>();

    private StopSignal(StopSignal parent, long deadlineNanos) {
        this.parent = parent;
        this.deadlineNanos = deadlineNanos;
    }

    /** A root signal with no deadline. */
    public static StopSignal root() {
        return new StopSignal(null, Long.MAX_VALUE);
    }

    /** A child that also stops when this one does, or when {@code seconds} have passed (≤0: never). */
    public StopSignal child(double seconds) {
        long deadline = seconds > 0 ? System.nanoTime() + (long) (seconds * 1e9) : Long.MAX_VALUE;
        return new StopSignal(this, deadline);
    }

    /** Asks everything under this signal to stop; the first reason wins. */
    public void stop(String why) {
        reason.compareAndSet(null, why);
    }

    public boolean isStopped() {
        return reason.get() != null || System.nanoTime() >= deadlineNanos
                || (parent != null && parent.isStopped());
    }

    /** Whether the deadline (not an explicit stop) ended this signal. */
    public boolean timedOut() {
        return reason.get() == null && System.nanoTime() >= deadlineNanos;
    }

    /** Why it stopped, or null. */
    public String reason() {
        String r = reason.get();
        if (r != null) {
            return r;
        }
        if (System.nanoTime() >= deadlineNanos) {
            return StopReason.DEADLINE.spelling();
        }
        return parent == null ? null : parent.reason();
    }

    /** Sleeps up to {@code millis}, waking early when stopped; returns whether it is stopped. */
    public boolean sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (!isStopped()) {
            long left = (end - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            try {
                Thread.sleep(Math.min(left, 50));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(StopReason.INTERRUPTED.spelling());
            }
        }
        return true;
    }
}
