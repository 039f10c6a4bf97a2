package io.vst.workload;

import java.util.concurrent.locks.LockSupport;

/**
 * The clock an open-loop schedule runs on ({@code queries_per_second}, {@code target_ops_per_second}):
 * when each operation is due, how long to park until then, and when it ended, so latency is measured from
 * the intended start. {@link #SYSTEM} in runs; tests inject a clock they advance themselves.
 */
interface PacingClock {

    /** {@link System#nanoTime()} and {@link LockSupport#parkNanos(long)}. */
    PacingClock SYSTEM = new PacingClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void park(long nanos) {
            LockSupport.parkNanos(nanos);
        }
    };

    /** The current time in nanoseconds, on an arbitrary origin. */
    long nanoTime();

    /** Waits about {@code nanos} (it may return early). */
    void park(long nanos);

    /** Parks until {@link #nanoTime()} reaches {@code when}; false when the step stops or its time is up first. */
    default boolean waitUntil(long when, WorkloadContext ctx) {
        while (true) {
            long left = when - nanoTime();
            if (left <= 0) {
                return true;
            }
            if (ctx.stop().isStopped() || ctx.timeIsUp()) {
                return false;
            }
            park(Math.min(left, 50_000_000L));
        }
    }
}
