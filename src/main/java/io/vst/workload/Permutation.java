package io.vst.workload;

import java.util.SplittableRandom;

/**
 * A seeded permutation of {@code [0, n)} computed in O(1) memory, for any {@code n} up to
 * {@link Long#MAX_VALUE}: a balanced Feistel network over the smallest power of two with an even number of
 * bits that holds {@code n} (at most {@code 4n}), with cycle walking — a value that lands at or above
 * {@code n} is encrypted again until it falls inside, which keeps the map a bijection of {@code [0, n)}
 * and needs fewer than 4 rounds of the network on average. Immutable; any thread.
 *
 * <pre>
 * Permutation p = new Permutation(20_000, 42);
 * p.apply(0);   // some row in [0, 20000); every row comes up exactly once over apply(0..19999)
 * </pre>
 */
public final class Permutation {

    private static final int ROUNDS = 6;

    private final long n;
    private final int halfBits;
    private final long mask;
    private final long[] keys = new long[ROUNDS];

    /**
     * @param n size of the permuted range (at least 1)
     * @param seed the same seed gives the same permutation
     */
    public Permutation(long n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("a permutation needs n >= 1, got " + n);
        }
        this.n = n;
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
        bits = Math.max(2, bits + (bits & 1));
        this.halfBits = bits / 2;
        this.mask = halfBits == 64 ? -1L : (1L << halfBits) - 1;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < ROUNDS; i++) {
            keys[i] = rnd.nextLong();
        }
    }

    public long size() {
        return n;
    }

    /** The image of {@code x} (0 ≤ x &lt; n), also in {@code [0, n)}. */
    public long apply(long x) {
        if (x < 0 || x >= n) {
            throw new IndexOutOfBoundsException("position " + x + " of " + n);
        }
        long y = x;
        do {
            y = encrypt(y);
        } while (Long.compareUnsigned(y, n) >= 0);
        return y;
    }

    private long encrypt(long v) {
        long left = v >>> halfBits;
        long right = v & mask;
        for (long key : keys) {
            long next = left ^ (mix(right ^ key) & mask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    /** The splitmix64 finaliser: every input bit changes about half of the output bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
