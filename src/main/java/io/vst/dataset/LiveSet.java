package io.vst.dataset;

import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * The ids the client believes are live on the server: a bitmap for membership and snapshots plus
 * an insertion-order log for oldest/newest removal. About 10 bytes per id of capacity (bitmap bits,
 * int position, int log slot) plus one byte and a bit for operations in flight, so 10M ids cost ~100 MB
 * and no boxing; once recall is verified, 8 more (the last event number of each id). The arrays hold the
 * ids from the lowest one seen to the highest (rounded to 64), not every id from 0: 1,000 ids from a
 * start_index of 300,000,000 take kilobytes. Ids must be below 2^31.
 * Thread-safe (all methods synchronize on the set).
 *
 * <p>For recall under churn it also records which writes and deletes are in flight (sent, not yet
 * answered): writers call {@link #begin} before sending and one of {@link #addAcknowledged},
 * {@link #end}, {@link #removalAcknowledged} or {@link #removalFailed} once the reply is in. Ids taken
 * for removal stay <em>present</em> (on the server) until their delete is answered. A query takes
 * {@link #view()} (one number, nothing copied) before it is sent; ground truth for it is computed over
 * {@link #settledSnapshot(long)}, and a returned id counts only when {@link #settledSince} holds.
 *
 * <pre>{@code
 * LiveSet live = new LiveSet(42);
 * live.addRange(0, 1_000_000);
 * long[] gone = live.takeForRemoval(250_000, RemovalStrategy.RANDOM);   // now DEL these keys
 * live.begin(gone[0]);                      // just before its DEL is sent
 * live.removalAcknowledged(gone[0]);        // its reply came back
 * long[] ids = live.snapshot();                                        // ground truth over what is left
 * }</pre>
 */
public final class LiveSet {

    private static final int NONE = -1;
    /**
     * Heap per id between the lowest and the highest one held, whether live or not: its position (4 bytes), its
     * in-flight byte and its bits (3/8 byte), rounded up; the arrays are indexed by id less {@link #base}.
     */
    public static final double HEAP_BYTES_PER_ID = 5.5;

    private final SplittableRandom random;
    private long[] bits = new long[16];
    private long[] leaving = new long[16];
    private final WriteLedger ledger = new WriteLedger();
    private int[] position = new int[1024];
    private int[] log = new int[1024];
    private int head;
    private int tail;
    private int size;
    /** Ids taken for removal whose deletes are not answered yet: still held by the server. */
    private int leavingCount;
    private int maxId = -1;
    /**
     * The id at index 0 of every id-indexed array here and in the ledger: a multiple of 64 (so a bitmap word
     * holds the same ids at any base), set by the first id and lowered when a lower one comes.
     */
    private int base;
    /** Whether {@link #base} is set: the arrays are placed from the first id the set is given. */
    private boolean placed;

    /** @param seed seed of the {@link RemovalStrategy#RANDOM} choice */
    public LiveSet(long seed) {
        this.random = new SplittableRandom(seed);
        Arrays.fill(position, NONE);
    }

    public synchronized int size() {
        return size;
    }

    /**
     * The ids the server holds as far as vst knows: the live ones plus those taken for removal whose
     * deletes are not answered yet. A snapshot taken in the middle of a shrink counts these.
     */
    public synchronized int presentCount() {
        return size + leavingCount;
    }

    public synchronized boolean contains(long id) {
        return id >= base && id <= maxId && (bits[(int) ((id - base) >>> 6)] & (1L << id)) != 0;
    }

    /** Adds {@code id} as the newest; false if it was already live. */
    public synchronized boolean add(long id) {
        int i = checkId(id);
        if (contains(i)) {
            return false;
        }
        ensure(i);
        if (tail == log.length) {
            compactOrGrow();
        }
        bits[(i - base) >>> 6] |= 1L << i;
        position[i - base] = tail;
        log[tail++] = i;
        size++;
        maxId = Math.max(maxId, i);
        return true;
    }

    /** Adds ids {@code from} (inclusive) to {@code to} (exclusive) in order. */
    public synchronized void addRange(long from, long to) {
        for (long id = from; id < to; id++) {
            add(id);
        }
    }

    /** Adds every id set in {@code ids}, in ascending order, each as the newest; returns how many were not live. */
    public synchronized int addAll(BitSet ids) {
        int added = 0;
        for (int id = ids.nextSetBit(0); id >= 0; id = ids.nextSetBit(id + 1)) {
            if (add(id)) {
                added++;
            }
        }
        return added;
    }

    /** Removes {@code id}; false if it was not live. */
    public synchronized boolean remove(long id) {
        if (!contains(id)) {
            return false;
        }
        int i = (int) id;
        bits[(i - base) >>> 6] &= ~(1L << i);
        position[i - base] = NONE;
        size--;
        return true;
    }

    /**
     * Chooses up to {@code k} live ids by {@code strategy}, removes them from the set and returns them
     * (in removal order). Re-{@link #add} any whose deletion then fails on the server.
     */
    public synchronized long[] take(int k, RemovalStrategy strategy) {
        int n = Math.min(k, size);
        long[] out = new long[n];
        switch (strategy) {
            case OLDEST -> {
                for (int c = 0; c < n; head++) {
                    if (valid(head)) {
                        out[c++] = log[head];
                        remove(log[head]);
                    }
                }
            }
            case NEWEST -> {
                for (int c = 0; c < n; ) {
                    tail--;
                    if (valid(tail)) {
                        out[c++] = log[tail];
                        remove(log[tail]);
                    }
                }
            }
            case RANDOM -> {
                for (int c = 0; c < n; ) {
                    if (tail - head > 2 * size + 64) {
                        compact();
                    }
                    int p = head + random.nextInt(tail - head);
                    if (valid(p)) {
                        out[c++] = log[p];
                        remove(log[p]);
                    }
                }
            }
            case EXPANSION_PRIORITY -> {
                // ids n*N+row grow with n, so scanning from the highest id down takes expansions first
                int c = 0;
                for (int w = words() - 1; w >= 0 && c < n; w--) {
                    while (bits[w] != 0 && c < n) {
                        int bit = 63 - Long.numberOfLeadingZeros(bits[w]);
                        long id = base + ((long) w << 6) + bit;
                        out[c++] = id;
                        remove(id);
                    }
                }
            }
            default -> throw new IllegalStateException(strategy.name());
        }
        return out;
    }

    /**
     * Like {@link #take}, but the ids stay present for recall until {@link #removalAcknowledged} (the
     * delete was answered), {@link #removalFailed} or {@link #keep} (it was never sent).
     */
    public synchronized long[] takeForRemoval(int k, RemovalStrategy strategy) {
        long[] out = take(k, strategy);
        for (long id : out) {
            long bit = 1L << id;
            int w = (int) ((id - base) >>> 6);
            if ((leaving[w] & bit) == 0) {
                leaving[w] |= bit;
                leavingCount++;
            }
        }
        return out;
    }

    /** The delete of {@code id} (taken for removal) succeeded: gone from the server. */
    public synchronized void removalAcknowledged(long id) {
        clearLeaving(id);
        remove(id);
        ledger.end(index(id));
    }

    /** The delete of {@code id} (taken for removal) failed: still live. */
    public synchronized void removalFailed(long id) {
        clearLeaving(id);
        add(id);
        ledger.end(id - base); // add made room for it
    }

    /** {@code ids} were taken for removal but their deletes were never sent: live again. */
    public synchronized void keep(long[] ids, int from) {
        for (int i = from; i < ids.length; i++) {
            clearLeaving(ids[i]);
            add(ids[i]);
        }
    }

    /**
     * Makes room for the ids from {@code from} (inclusive) to {@code to} (exclusive) at once. An ingest that
     * knows its range calls it first: its arrays are then sized once, where growing them id by id doubled them
     * past the range (a 2.2 GB array after a 1.1 GB one, both held during the copy).
     */
    public synchronized void reserve(long from, long to) {
        if (to > from) {
            ensure(checkId(from));
            int last = checkId(to - 1);
            ensure(last);
            ledger.reserve(last - base);
        }
    }

    /** A write or delete of {@code id} is about to be sent. */
    public synchronized void begin(long id) {
        int i = checkId(id);
        ensure(i);
        ledger.begin(i - base);
    }

    /** {@link #begin} for {@code ids[0..n)}, under one lock. */
    public synchronized void begin(long[] ids, int n) {
        for (int i = 0; i < n; i++) {
            begin(ids[i]);
        }
    }

    /** {@link #addAcknowledged} for {@code ids[0..n)}, under one lock. */
    public synchronized void addAcknowledged(long[] ids, int n) {
        for (int i = 0; i < n; i++) {
            addAcknowledged(ids[i]);
        }
    }

    /**
     * Drops the live ids among {@code ids[from..to)}, keeping the others in order from {@code from};
     * returns the end of the kept ones. One lock for a whole batch of {@link #contains} checks.
     */
    public synchronized int dropLive(long[] ids, int from, int to) {
        int kept = from;
        for (int i = from; i < to; i++) {
            if (!contains(ids[i])) {
                ids[kept++] = ids[i];
            }
        }
        return kept;
    }

    /** The write of {@code id} succeeded: it is live now. */
    public synchronized void addAcknowledged(long id) {
        add(id);
        ledger.end(id - base); // add made room for it
    }

    /** The operation on {@code id} was answered and its outcome recorded (or it failed and changed nothing). */
    public synchronized void end(long id) {
        ledger.end(index(id));
    }

    /** A view of now for recall: the sequence number of the last send or answer. Nothing is copied. */
    public synchronized long view() {
        return ledger.sequence();
    }

    /**
     * Whether {@code id} is settled since {@code view}: no operation on it was in flight at that moment or
     * sent or answered after it, and no two overlapped. A settled id is present on the server exactly as
     * this set (and the vector versions) record it, since that moment.
     */
    public synchronized boolean settledSince(long view, long id) {
        return ledger.settledSince(view, id - base);
    }

    /** Whether any operation is in flight now or was sent or answered after {@code view}. */
    public synchronized boolean busySince(long view) {
        return ledger.busySince(view);
    }

    /**
     * The ids present on the server (live, or taken for removal and not yet deleted) that are settled since
     * {@code view}, in ascending order. Later events can still unsettle some: check {@link #settledSince}
     * again after using the ids.
     */
    public synchronized long[] settledSnapshot(long view) {
        long[] out = new long[size];
        int c = 0;
        int words = words();
        for (int w = 0; w < words; w++) {
            long word = bits[w] | leaving[w];
            while (word != 0) {
                long i = ((long) w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
                if (ledger.settledSince(view, i)) {
                    if (c == out.length) {
                        out = Arrays.copyOf(out, Math.max(16, out.length * 2));
                    }
                    out[c++] = base + i;
                }
            }
        }
        return c == out.length ? out : Arrays.copyOf(out, c);
    }

    /** Forgets every id, and everything in flight: the server holds none of them any more. */
    public synchronized void clear() {
        take(size, RemovalStrategy.OLDEST);
        Arrays.fill(leaving, 0L);
        leavingCount = 0;
        ledger.reset();
    }

    /** The live ids in ascending order. */
    public synchronized long[] snapshot() {
        long[] out = new long[size];
        int c = 0;
        int words = words();
        for (int w = 0; w < words; w++) {
            long word = bits[w];
            while (word != 0) {
                int bit = Long.numberOfTrailingZeros(word);
                out[c++] = base + ((long) w << 6) + bit;
                word &= word - 1;
            }
        }
        return out;
    }

    /** The live ids from oldest to newest insertion. */
    public synchronized long[] insertionOrder() {
        long[] out = new long[size];
        int c = 0;
        for (int p = head; p < tail; p++) {
            if (valid(p)) {
                out[c++] = log[p];
            }
        }
        return out;
    }

    private boolean valid(int p) {
        int id = log[p];
        return id <= maxId && position[id - base] == p;
    }

    private void compactOrGrow() {
        if (tail - head > 2 * size || head > log.length / 2) {
            compact();
        }
        if (tail == log.length) {
            log = Arrays.copyOf(log, log.length * 2);
        }
    }

    /** Drops dead log entries and renumbers positions: O(log length), amortised by the 2x slack. */
    private void compact() {
        int w = 0;
        for (int p = head; p < tail; p++) {
            if (valid(p)) {
                int id = log[p];
                log[w] = id;
                position[id - base] = w;
                w++;
            }
        }
        head = 0;
        tail = w;
    }

    private void clearLeaving(long id) {
        int w = (int) ((id - base) >>> 6);
        if (id >= base && w < leaving.length && (leaving[w] & (1L << id)) != 0) {
            leaving[w] &= ~(1L << id);
            leavingCount--;
        }
    }

    /** The bitmap words that can hold a live id: up to the highest. */
    private int words() {
        return maxId < 0 ? 0 : ((maxId - base) >>> 6) + 1;
    }

    /** {@code id}'s index in the arrays, after making room for it. */
    private int index(long id) {
        int i = checkId(id);
        ensure(i);
        return i - base;
    }

    private void ensure(int id) {
        if (!placed) {
            base = id & ~63;
            placed = true;
        } else if (id < base) {
            lowerBase(id);
        }
        int i = id - base;
        if ((i >>> 6) >= bits.length) {
            bits = Arrays.copyOf(bits, Math.max(bits.length * 2, (i >>> 6) + 1));
            leaving = Arrays.copyOf(leaving, bits.length);
        }
        if (i >= position.length) {
            int old = position.length;
            position = Arrays.copyOf(position, Math.max(old * 2, i + 1));
            Arrays.fill(position, old, position.length, NONE);
        }
    }

    /**
     * Moves {@link #base} down to hold {@code id}: by at least the room there is now, so ids that come lower
     * and lower (a descending order) copy the arrays a logarithmic number of times.
     */
    private void lowerBase(int id) {
        int to = Math.max(0, Math.min(id, base - position.length)) & ~63;
        int delta = base - to;
        bits = shifted(bits, delta >>> 6);
        leaving = shifted(leaving, delta >>> 6);
        int[] p = new int[position.length + delta];
        Arrays.fill(p, 0, delta, NONE);
        System.arraycopy(position, 0, p, delta, position.length);
        position = p;
        ledger.shift(delta);
        base = to;
    }

    /** {@code a} with {@code n} zero words before it. */
    static long[] shifted(long[] a, int n) {
        long[] out = new long[a.length + n];
        System.arraycopy(a, 0, out, n, a.length);
        return out;
    }

    private static int checkId(long id) {
        if (id < 0 || id > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("id " + id + " outside 0..2^31-2");
        }
        return (int) id;
    }
}
