package io.vst.workload;

import java.util.concurrent.atomic.AtomicLong;

/** A {@link PacingClock} that only moves when parked or {@link #advance advanced}: no real waiting. */
final class FakeClock implements PacingClock {

    /** Where the clock starts, away from 0 so that no "time 0" can pass for a real instant. */
    static final long T0 = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(T0);

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void park(long nanos) {
        now.addAndGet(nanos);
    }

    /** Moves the clock on by {@code nanos}, as a server taking that long to answer. */
    void advance(long nanos) {
        now.addAndGet(nanos);
    }
}
