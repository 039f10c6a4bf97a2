package io.vst.dataset;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

/** Parallel scans over a source: maximum norm, non-finite values. */
final class NormScan {

    private static final int CHUNK = 4096;

    private NormScan() {
    }

    /** Maximum L2 norm over all rows, scanned in parallel chunks. */
    static double maxNorm(VectorSource src) {
        long n = src.size();
        long chunks = (n + CHUNK - 1) / CHUNK;
        AtomicLong bestBits = new AtomicLong(Double.doubleToLongBits(0.0));
        LongStream.range(0, chunks).parallel().forEach(c -> {
            float[] v = new float[src.dimensions()];
            double best = 0;
            long end = Math.min(n, (c + 1) * CHUNK);
            for (long r = c * CHUNK; r < end; r++) {
                src.read(r, v);
                best = Math.max(best, FloatCodec.norm(v));
            }
            double found = best;
            bestBits.accumulateAndGet(Double.doubleToLongBits(found),
                    (a, b) -> Double.longBitsToDouble(a) >= Double.longBitsToDouble(b) ? a : b);
        });
        return Double.longBitsToDouble(bestBits.get());
    }

    /** Index of the first non-finite element of {@code v}, or -1. */
    static int firstNonFinite(float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                return i;
            }
        }
        return -1;
    }
}
