package io.vst.dataset;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The ids the client believes are live on the server: a bitmap for membership and snapshots plus
 * an insertion-order log for oldest/newest removal. About 9 bytes per id of capacity (bitmap bit,
 * int position, int log slot), so 10M ids cost ~90 MB and no boxing. Ids must be below 2^31.
 * Thread-safe (all methods synchronize on the set).
 *
 * <pre>{@code
 * LiveSet live = new LiveSet(42);
 * live.addRange(0, 1_000_000);
 * long[] gone = live.take(250_000, RemovalStrategy.RANDOM);   // now DEL these keys
 * long[] ids = live.snapshot();                              // ground truth over what is left
 * }</pre>
 */
public final class LiveSet {

    private static final int NONE = -1;

    private final SplittableRandom random;
    private long[] bits = new long[16];
    private int[] position = new int[1024];
    private int[] log = new int[1024];
    private int head;
    private int tail;
    private int size;
    private int maxId = -1;

    /** @param seed seed of the {@link RemovalStrategy#RANDOM} choice */
    public LiveSet(long seed) {
        this.random = new SplittableRandom(seed);
        Arrays.fill(position, NONE);
    }

    public synchronized int size() {
        return size;
    }

    public synchronized boolean contains(long id) {
        return id >= 0 && id <= maxId && (bits[(int) (id >>> 6)] & (1L << id)) != 0;
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
        bits[i >>> 6] |= 1L << i;
        position[i] = tail;
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

    /** Removes {@code id}; false if it was not live. */
    public synchronized boolean remove(long id) {
        if (!contains(id)) {
            return false;
        }
        int i = (int) id;
        bits[i >>> 6] &= ~(1L << i);
        position[i] = NONE;
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
                for (int w = maxId >>> 6; w >= 0 && c < n; w--) {
                    while (bits[w] != 0 && c < n) {
                        int bit = 63 - Long.numberOfLeadingZeros(bits[w]);
                        long id = ((long) w << 6) + bit;
                        out[c++] = id;
                        remove(id);
                    }
                }
            }
            default -> throw new IllegalStateException(strategy.name());
        }
        return out;
    }

    /** The live ids in ascending order. */
    public synchronized long[] snapshot() {
        long[] out = new long[size];
        int c = 0;
        for (int w = 0; w <= (maxId >>> 6) && maxId >= 0; w++) {
            long word = bits[w];
            while (word != 0) {
                int bit = Long.numberOfTrailingZeros(word);
                out[c++] = ((long) w << 6) + bit;
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
        return id <= maxId && position[id] == p;
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
                position[id] = w;
                w++;
            }
        }
        head = 0;
        tail = w;
    }

    private void ensure(int id) {
        if ((id >>> 6) >= bits.length) {
            bits = Arrays.copyOf(bits, Math.max(bits.length * 2, (id >>> 6) + 1));
        }
        if (id >= position.length) {
            int old = position.length;
            position = Arrays.copyOf(position, Math.max(old * 2, id + 1));
            Arrays.fill(position, old, position.length, NONE);
        }
    }

    private static int checkId(long id) {
        if (id < 0 || id > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("id " + id + " outside 0..2^31-2");
        }
        return (int) id;
    }
}
