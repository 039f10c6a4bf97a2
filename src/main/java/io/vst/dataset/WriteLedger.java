package io.vst.dataset;

import java.util.Arrays;

/**
 * Which ids have a write or delete in flight, and the sequence number of the last event (send or
 * acknowledgement) of each id, for recall under churn. Not thread-safe: {@link LiveSet} guards it.
 *
 * <p>An id is <em>settled since</em> sequence {@code s} when nothing is in flight for it now, its last
 * event is not after {@code s}, and it is not ambiguous. Then its state on the server has not changed
 * since {@code s} and is the state the client recorded. Two operations in flight for one id at once
 * (e.g. two concurrent updates) leave the server's final state unknown: the id is ambiguous until a later
 * operation runs alone on it.
 *
 * <p>Per id of capacity it keeps one byte (operations in flight) and one bit (ambiguous); the event
 * numbers (8 bytes per id) are allocated on the first {@link #sequence} call, that is only when recall is
 * verified: events before that need no number, because a view taken later sees them either finished or
 * still in flight.
 *
 * <p>Ids here are indexes: {@link LiveSet} passes an id less its base, and {@link #shift}s the arrays when
 * it lowers that base.
 */
final class WriteLedger {

    /** Operations in flight per id; at this many the id is simply ambiguous (counts stop growing). */
    private static final byte MAX_COUNT = Byte.MAX_VALUE;

    private byte[] inFlight = new byte[1024];
    private long[] ambiguous = new long[16];
    private int idsInFlight;
    private long sequence;
    private long resetAt;
    private long[] lastEvent;

    /** An operation on {@code id} is about to be sent. */
    void begin(long id) {
        int i = grow(id);
        int count = inFlight[i];
        if (count > 0) {
            ambiguous[i >>> 6] |= 1L << i;
        } else {
            ambiguous[i >>> 6] &= ~(1L << i);
            idsInFlight++;
        }
        if (count < MAX_COUNT) {
            inFlight[i] = (byte) (count + 1);
        }
        stamp(i);
    }

    /** An operation on {@code id} was answered (success or error reply) and its outcome recorded. */
    void end(long id) {
        int i = grow(id);
        if (inFlight[i] > 0 && inFlight[i] < MAX_COUNT) {
            inFlight[i]--;
            if (inFlight[i] == 0) {
                idsInFlight--;
            }
        }
        // Stamped even when nothing was in flight (an answer arriving after a reset): it changed the server.
        stamp(i);
    }

    /** The current sequence number: a view of "now" for {@link #settledSince}. */
    long sequence() {
        if (lastEvent == null) {
            lastEvent = new long[inFlight.length];
        }
        return sequence;
    }

    /** Whether nothing happened to {@code id} after {@code since} and nothing is in flight for it. */
    boolean settledSince(long since, long id) {
        if (since < resetAt) {
            return false;
        }
        if (id < 0 || id >= inFlight.length) {
            return true;
        }
        int i = (int) id;
        if (inFlight[i] != 0 || (ambiguous[i >>> 6] & (1L << i)) != 0) {
            return false;
        }
        return lastEvent == null || i >= lastEvent.length || lastEvent[i] <= since;
    }

    /** Whether any operation is in flight, or any event happened after {@code since}. */
    boolean busySince(long since) {
        return idsInFlight > 0 || sequence > since;
    }

    /** Forgets everything in flight: the caller no longer knows what the server holds. */
    void reset() {
        Arrays.fill(inFlight, (byte) 0);
        Arrays.fill(ambiguous, 0L);
        idsInFlight = 0;
        resetAt = ++sequence;
    }

    /** Makes room for the ids up to {@code last} ({@link LiveSet#reserve}). */
    void reserve(int last) {
        grow(last);
    }

    /** Puts {@code n} (a multiple of 64) untouched ids before the first: every index moves up by {@code n}. */
    void shift(int n) {
        byte[] f = new byte[inFlight.length + n];
        System.arraycopy(inFlight, 0, f, n, inFlight.length);
        inFlight = f;
        ambiguous = LiveSet.shifted(ambiguous, n >>> 6);
        if (lastEvent != null) {
            lastEvent = LiveSet.shifted(lastEvent, n);
        }
    }

    private int grow(long id) {
        int i = (int) id;
        if (i >= inFlight.length) {
            int n = Math.max(inFlight.length * 2, i + 1);
            inFlight = Arrays.copyOf(inFlight, n);
            ambiguous = Arrays.copyOf(ambiguous, (n >>> 6) + 1);
        }
        return i;
    }

    private void stamp(int i) {
        sequence++;
        if (lastEvent == null) {
            return;
        }
        if (i >= lastEvent.length) {
            lastEvent = Arrays.copyOf(lastEvent, Math.max(lastEvent.length * 2, i + 1));
        }
        lastEvent[i] = sequence;
    }
}
