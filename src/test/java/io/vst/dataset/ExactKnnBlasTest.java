package io.vst.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ExactKnn on the native BLAS against its own kernel and a plain sort, on data full of ties. */
class ExactKnnBlasTest {

    /** Rows held in memory. */
    private record Rows(float[][] rows, Metric metric) implements VectorSource {
        @Override
        public String name() {
            return "rows";
        }

        @Override
        public int dimensions() {
            return rows[0].length;
        }

        @Override
        public long size() {
            return rows.length;
        }

        @Override
        public void read(long row, float[] into) {
            System.arraycopy(rows[(int) row], 0, into, 0, into.length);
        }

        @Override
        public float normMax() {
            return Float.NaN;
        }

        @Override
        public Optional<QuerySet> queries() {
            return Optional.empty();
        }

        @Override
        public void close() {
            // nothing held
        }
    }

    /** The top k by the metric's direct formula, ties by id: the plain reference. */
    private static long[] naive(VectorSource src, float[] q, int k) {
        return naive(src, LongStream.range(0, src.size()).toArray(), q, k);
    }

    private static long[] naive(VectorSource src, long[] ids, float[] q, int k) {
        float[] dist = new float[(int) src.size()];
        float[] v = new float[src.dimensions()];
        for (long i : ids) {
            src.read(i, v);
            dist[(int) i] = src.metric().distance(q, v);
        }
        return Arrays.stream(ids).boxed()
                .sorted(Comparator.<Long>comparingDouble(i -> dist[(int) (long) i]).thenComparing(i -> i))
                .limit(k).mapToLong(Long::longValue).toArray();
    }

    /**
     * Gaussian rows in 37 dimensions (not a multiple of any SIMD width), every seventh a copy of an earlier
     * row, every eleventh small integers (exact products, many equal distances); queries are rows
     * themselves (distance 0 to every copy), integer vectors and gaussian ones.
     */
    private static Rows tiedRows(Metric metric, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] rows = new float[n][37];
        for (int i = 0; i < n; i++) {
            if (i > 0 && i % 7 == 0) {
                rows[i] = rows[rnd.nextInt(i)].clone();
            } else {
                for (int j = 0; j < 37; j++) {
                    rows[i][j] = i % 11 == 0 ? rnd.nextInt(-2, 3) : (float) rnd.nextGaussian();
                }
            }
        }
        return new Rows(rows, metric);
    }

    private static float[][] tiedQueries(Rows src, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] qs = new float[12][];
        for (int q = 0; q < qs.length; q++) {
            if (q < 4) {
                qs[q] = src.rows()[rnd.nextInt(src.rows().length)].clone();
            } else {
                qs[q] = new float[37];
                for (int j = 0; j < 37; j++) {
                    qs[q][j] = q < 8 ? rnd.nextInt(-2, 3) : (float) rnd.nextGaussian();
                }
            }
        }
        return qs;
    }

    private static <T> T withBlas(String mode, Supplier<T> run) {
        String before = System.getProperty(NativeSgemm.PROPERTY);
        System.setProperty(NativeSgemm.PROPERTY, mode);
        try {
            return run.get();
        } finally {
            if (before == null) {
                System.clearProperty(NativeSgemm.PROPERTY);
            } else {
                System.setProperty(NativeSgemm.PROPERTY, before);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void nativeBlasFindsTheSameIdsAndDistancesAsTheOwnKernelAndAPlainSort(Metric metric) {
        assumeTrue(NativeSgemm.active().isPresent(), "no optimised native BLAS here: " + NativeSgemm.describe());
        Rows src = tiedRows(metric, 6_000, 42);
        float[][] qs = tiedQueries(src, 43);
        long[] subset = LongStream.range(0, src.size()).filter(i -> i % 3 != 1).toArray();
        Neighbors blas = withBlas("auto", () -> ExactKnn.search(src, null, qs, 20, 3));
        Neighbors own = withBlas("off", () -> ExactKnn.search(src, null, qs, 20, 3));
        Neighbors blasSubset = withBlas("auto", () -> ExactKnn.search(src, subset, qs, 20, 2));
        for (int q = 0; q < qs.length; q++) {
            long[] expected = naive(src, qs[q], 20);
            assertThat(blas.ids()[q]).as("BLAS, query %d (seeds 42/43)", q).containsExactly(expected);
            assertThat(own.ids()[q]).as("own kernel, query %d", q).containsExactly(expected);
            assertThat(blas.distances()[q]).as("query %d", q).containsExactly(own.distances()[q]);
            assertThat(blasSubset.ids()[q]).as("BLAS over a subset, query %d", q).containsExactly(naive(src, subset, qs[q], 20));
        }
    }

    @Test
    void forcedOffRunsTheOwnKernelAndSaysSo() {
        Rows src = tiedRows(Metric.L2, 2_000, 7);
        float[][] qs = tiedQueries(src, 8);
        withBlas("off", () -> {
            assertThat(NativeSgemm.active()).isEmpty();
            assertThat(NativeSgemm.describe()).contains("own kernel").contains("vst.blas=off");
            Neighbors nn = ExactKnn.search(src, null, qs, 15, 2);
            for (int q = 0; q < qs.length; q++) {
                assertThat(nn.ids()[q]).as("query %d", q).containsExactly(naive(src, qs[q], 15));
            }
            return null;
        });
        if (NativeSgemm.active().isPresent()) {
            assertThat(NativeSgemm.describe()).contains("sgemm").doesNotContain("own kernel");
        } else {
            assertThat(NativeSgemm.describe()).contains("own kernel").contains("libopenblas0-pthread");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "off"})
    void moreEqualDistancesThanSpareCandidatesAreResolvedByTheDirectFormula(String mode) {
        // 60 permutations of one row nearest a query with equal coordinates: equal distances that float
        // dot products in different orders round apart, so the top 10 (the 10 lowest ids among them) is
        // only certain from a look at every row once more of them tie than the ranking keeps spare
        SplittableRandom rnd = new SplittableRandom(5);
        float[][] rows = new float[3_000][16];
        for (float[] r : rows) {
            for (int j = 0; j < 16; j++) {
                r[j] = (float) rnd.nextGaussian() + 10f;
            }
        }
        float[] near = new float[16];
        for (int j = 0; j < 16; j++) {
            near[j] = (float) rnd.nextGaussian();
        }
        for (int c = 0; c < 60; c++) {
            float[] p = near.clone();
            for (int j = 15; j > 0; j--) {
                int o = rnd.nextInt(j + 1);
                float t = p[j];
                p[j] = p[o];
                p[o] = t;
            }
            rows[2_999 - 37 * c] = p;
        }
        Rows src = new Rows(rows, Metric.L2);
        float[] q = new float[16];
        Arrays.fill(q, 0.37f);
        float[][] qs = {q};
        long before = ExactKnn.DIRECT_RESCANS.get();
        Neighbors nn = withBlas(mode, () -> ExactKnn.search(src, null, qs, 10, 2));
        assertThat(nn.ids()[0]).containsExactly(naive(src, qs[0], 10));
        assertThat(ExactKnn.DIRECT_RESCANS.get() - before).isEqualTo(1);
    }
}
