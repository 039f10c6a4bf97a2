package io.vst.dataset;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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
 * <p>The per-id event numbers (8 bytes per id of capacity) are allocated on the first {@link #sequence}
 * call, that is only when recall is verified; events before that need no number, because a view taken
 * later sees them either finished or still in flight.
 */
final class WriteLedger {

    private final Map<Long, Integer> inFlight = new HashMap<>();
    private final Set<Long> ambiguous = new HashSet<>();
    private long sequence;
    private long resetAt;
    private long[] lastEvent;

    /** An operation on {@code id} is about to be sent. */
    void begin(long id) {
        int count = inFlight.merge(id, 1, Integer::sum);
        if (count > 1) {
            ambiguous.add(id);
        } else {
            ambiguous.remove(id);
        }
        stamp(id);
    }

    /** An operation on {@code id} was answered (success or error reply) and its outcome recorded. */
    void end(long id) {
        Integer count = inFlight.get(id);
        if (count != null && count == 1) {
            inFlight.remove(id);
        } else if (count != null) {
            inFlight.put(id, count - 1);
        }
        // Stamped even when nothing was in flight (an answer arriving after a reset): it changed the server.
        stamp(id);
    }

    /** The current sequence number: a view of "now" for {@link #settledSince}. */
    long sequence() {
        if (lastEvent == null) {
            lastEvent = new long[1024];
        }
        return sequence;
    }

    /** Whether nothing happened to {@code id} after {@code since} and nothing is in flight for it. */
    boolean settledSince(long since, long id) {
        if (since < resetAt || inFlight.containsKey(id) || ambiguous.contains(id)) {
            return false;
        }
        return lastEvent == null || id >= lastEvent.length || lastEvent[(int) id] <= since;
    }

    /** Whether any operation is in flight, or any event happened after {@code since}. */
    boolean busySince(long since) {
        return !inFlight.isEmpty() || sequence > since;
    }

    /** Clears the bits of every id in flight or ambiguous from {@code words} (a bitmap of ids). */
    void clearUnsettled(long[] words) {
        for (Long id : inFlight.keySet()) {
            clear(words, id);
        }
        for (Long id : ambiguous) {
            clear(words, id);
        }
    }

    /** The last event number of {@code id}: 0 when none was recorded, the reset's when everything was reset since. */
    long lastEvent(long id) {
        long own = lastEvent == null || id >= lastEvent.length ? 0 : lastEvent[(int) id];
        return Math.max(own, resetAt);
    }

    /** Forgets everything in flight: the caller no longer knows what the server holds. */
    void reset() {
        inFlight.clear();
        ambiguous.clear();
        resetAt = ++sequence;
    }

    private void stamp(long id) {
        sequence++;
        if (lastEvent == null) {
            return;
        }
        if (id >= lastEvent.length) {
            lastEvent = Arrays.copyOf(lastEvent, (int) Math.max(lastEvent.length * 2L, id + 1));
        }
        lastEvent[(int) id] = sequence;
    }

    private static void clear(long[] words, long id) {
        int w = (int) (id >>> 6);
        if (w < words.length) {
            words[w] &= ~(1L << id);
        }
    }
}
