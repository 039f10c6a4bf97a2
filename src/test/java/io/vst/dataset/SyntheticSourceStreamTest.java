package io.vst.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The synthetic vectors are the ones their definition gives: centroid plus, per dimension, one 16-bit chunk
 * of {@code new SplittableRandom(rowSeed).nextLong()} (four dimensions per long, lowest chunk first) scaled
 * to the noise. The reference here draws from the JDK's {@link SplittableRandom} and splits with shifts, so
 * it shares no code with the generator, which computes the same stream its own way.
 */
class SyntheticSourceStreamTest {

    private static final double NOISE = 0.5;
    private static final float UNIT = (float) (NOISE * 2 * Math.sqrt(3.0) / 65535.0);
    private static final float OFFSET = (float) (NOISE * Math.sqrt(3.0));

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, 7, 128, 1536})
    void everyRowIsTheDefinedDrawBitForBit(int dims) {
        long seed = 42;
        int clusters = 64;
        SyntheticSource s = new SyntheticSource("s", dims, Metric.L2, seed, clusters, Long.MAX_VALUE, 0);
        float[][] centroids = centroids(seed, clusters, dims);
        float[] got = new float[dims];
        SplittableRandom rows = new SplittableRandom(dims);
        for (int i = 0; i < 300; i++) {
            long row = i < 100 ? i : rows.nextLong(Long.MAX_VALUE);
            s.read(row, got);
            assertThat(got).as("row %d of %d-d", row, dims).containsExactly(reference(seed, row, centroids));
        }
    }

    @Test
    void cosineRowsAreTheDefinedDrawNormalised() {
        int dims = 100;
        SyntheticSource s = new SyntheticSource("s", dims, Metric.COSINE, 7, 16, Long.MAX_VALUE, 0);
        float[][] centroids = centroids(7, 16, dims);
        float[] got = new float[dims];
        for (long row = 0; row < 200; row++) {
            float[] want = reference(7, row, centroids);
            double n = 0;
            for (float x : want) {
                n += (double) x * x;
            }
            n = Math.sqrt(n);
            for (int d = 0; d < dims; d++) {
                want[d] = (float) (want[d] / n);
            }
            s.read(row, got);
            assertThat(got).as("row %d", row).containsExactly(want);
        }
    }

    @Test
    void threadsReadingAtOnceGetTheSameRowsAsOneThread() throws Exception {
        int dims = 1536;
        SyntheticSource s = SyntheticSource.unbounded(dims, Metric.L2, 3);
        float[][] centroids = centroids(3, SyntheticSource.DEFAULT_CLUSTERS, dims);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] f = new Future<?>[4];
            for (int t = 0; t < f.length; t++) {
                int first = t;
                f[t] = pool.submit(() -> {
                    float[] got = new float[dims];
                    for (long row = first; row < 2000; row += 4) {
                        s.read(row, got);
                        assertThat(got).as("row %d", row).containsExactly(reference(3, row, centroids));
                    }
                    return null;
                });
            }
            for (Future<?> x : f) {
                x.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static float[][] centroids(long seed, int clusters, int dims) {
        SplittableRandom rnd = new SplittableRandom(splitmix64(seed ^ 0xC0FFEEL));
        float[][] c = new float[clusters][dims];
        for (float[] row : c) {
            for (int i = 0; i < dims; i++) {
                row[i] = (float) rnd.nextGaussian();
            }
        }
        return c;
    }

    private static float[] reference(long seed, long row, float[][] centroids) {
        long rowSeed = splitmix64(seed + splitmix64(row));
        float[] c = centroids[(int) Math.floorMod(rowSeed >>> 1, (long) centroids.length)];
        SplittableRandom rnd = new SplittableRandom(rowSeed);
        float[] out = new float[c.length];
        long bits = 0;
        for (int d = 0; d < c.length; d++) {
            if (d % 4 == 0) {
                bits = rnd.nextLong();
            }
            int u = (int) (bits >>> (16 * (d % 4))) & 0xFFFF;
            out[d] = c[d] + u * UNIT - OFFSET;
        }
        return out;
    }

    private static long splitmix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
