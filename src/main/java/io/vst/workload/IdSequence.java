package io.vst.workload;

/**
 * The order in which ingest visits vector ids: from {@code start_index} upwards, or in a seeded
 * shuffled order of the dataset's rows when {@code shuffle} is on. Past the dataset's size the same
 * order repeats over each expansion block ({@code n·N + row}). Immutable; any thread.
 *
 * <p>The shuffle is the bijection {@code row = (a·i + b) mod N} with {@code gcd(a, N) = 1}: a true
 * permutation of the rows that needs no memory, so it works for datasets of any size.
 */
public final class IdSequence {

    private final long start;
    private final long baseSize;
    private final boolean shuffle;
    private final long a;
    private final long b;

    public IdSequence(long start, long baseSize, boolean shuffle, long seed) {
        this.start = Math.max(0, start);
        this.baseSize = baseSize;
        this.shuffle = shuffle && baseSize > 1 && baseSize < (1L << 40);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        long pick = 1;
        if (this.shuffle) {
            // A multiplier coprime with N and not tiny, so neighbours in the order are far apart.
            do {
                pick = 1 + rnd.nextLong(baseSize - 1);
            } while (gcd(pick, baseSize) != 1);
        }
        this.a = pick;
        this.b = this.shuffle ? rnd.nextLong(baseSize) : 0;
    }

    /** The id at position {@code position} (0, 1, 2, ...) of the order. */
    public long idAt(long position) {
        long p = start + position;
        if (!shuffle) {
            return p;
        }
        long block = p / baseSize;
        long i = p % baseSize;
        long row = Math.floorMod(mulMod(a, i, baseSize) + b, baseSize);
        return block * baseSize + row;
    }

    private static long mulMod(long x, long y, long m) {
        long low = x * y;
        if (Math.multiplyHigh(x, y) == 0 && low >= 0) {
            return low % m;
        }
        return java.math.BigInteger.valueOf(x).multiply(java.math.BigInteger.valueOf(y))
                .mod(java.math.BigInteger.valueOf(m)).longValue();
    }

    private static long gcd(long x, long y) {
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return x;
    }
}
