package io.vst.workload;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells workers to stop: the user pressed Ctrl-C / Stop, a step ran out of time, or a threshold
 * was crossed. Workers poll {@link #isStopped()} between batches, so a stop takes effect within one
 * batch. A child signal also stops when its parent does. Any thread.
 */
public final class StopSignal {

    private final StopSignal parent;
    private final long deadlineNanos;
    /** This signal's deadline or an ancestor's, whichever comes first. */
    private final long earliestDeadlineNanos;
    /** Shared by a root and every signal under it: how many of them have been stopped. */
    private final AtomicLong stopsInTree;
    /** The {@link #stopsInTree} at which no ancestor was found stopped. Benign races: a stale value only costs a walk. */
    private long stopsSeen;
    private final AtomicReference<String> reason = new AtomicReference<>();

    private StopSignal(StopSignal parent, long deadlineNanos) {
        this.parent = parent;
        this.deadlineNanos = deadlineNanos;
        this.earliestDeadlineNanos = parent == null ? deadlineNanos : Math.min(deadlineNanos, parent.earliestDeadlineNanos);
        this.stopsInTree = parent == null ? new AtomicLong() : parent.stopsInTree;
        // Read before looking at the ancestors: an ancestor stopped after this read moves the count on.
        this.stopsSeen = stopsInTree.get();
        for (StopSignal s = parent; s != null; s = s.parent) {
            String why = s.reason.get();
            if (why != null) {
                reason.set(why);
                break;
            }
        }
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
        if (reason.compareAndSet(null, why)) {
            stopsInTree.incrementAndGet();
        }
    }

    /**
     * Whether this signal or any above it has stopped or passed its deadline. The same few reads at any depth:
     * ancestors' deadlines are folded in when the signal is made, and the ancestors are looked at only after a
     * signal of the tree has been stopped. (A walk or a call per level made the JIT compile the workers for the
     * depth it saw first, the warm-up's, and throw that code away at the deeper step's start.)
     */
    public boolean isStopped() {
        if (reason.get() != null || System.nanoTime() >= earliestDeadlineNanos) {
            return true;
        }
        long stops = stopsInTree.get();
        return stops != stopsSeen && ancestorStopped(stops);
    }

    private boolean ancestorStopped(long stops) {
        for (StopSignal s = parent; s != null; s = s.parent) {
            if (s.reason.get() != null) {
                return true;
            }
        }
        stopsSeen = stops;
        return false;
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
