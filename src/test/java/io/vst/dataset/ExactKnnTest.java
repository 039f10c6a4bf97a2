package io.vst.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExactKnnTest {

    /** Sorts every candidate by the metric's direct formula: the obvious, slow reference. */
    private static long[] naive(VectorSource src, long[] ids, float[] q, int k) {
        float[] v = new float[src.dimensions()];
        Long[] all = Arrays.stream(ids).boxed().toArray(Long[]::new);
        double[] dist = new double[(int) (Arrays.stream(ids).max().orElse(0) + 1)];
        for (long id : ids) {
            src.read(id, v);
            dist[(int) id] = src.metric().distance(q, v);
        }
        Arrays.sort(all, Comparator.<Long>comparingDouble(id -> dist[(int) (long) id]).thenComparing(id -> id));
        return Arrays.stream(all).limit(k).mapToLong(Long::longValue).toArray();
    }

    private static float[][] queries(SyntheticSource s, int n) {
        float[][] qs = new float[n][s.dimensions()];
        for (int i = 0; i < n; i++) {
            s.queries().orElseThrow().read(i, qs[i]);
        }
        return qs;
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void matchesNaiveReferenceOverAllRows(Metric metric) {
        SyntheticSource s = new SyntheticSource("s", 19, metric, 11, 6, 2_345, 13);
        float[][] qs = queries(s, 13);
        Neighbors nn = ExactKnn.search(s, null, qs, 10, 3);
        long[] all = LongStream.range(0, s.size()).toArray();
        float[] v = new float[19];
        for (int q = 0; q < qs.length; q++) {
            long[] expected = naive(s, all, qs[q], 10);
            assertThat(nn.ids()[q]).as("query %d", q).containsExactly(expected);
            for (int j = 0; j < 10; j++) {
                s.read(nn.ids()[q][j], v);
                assertThat(nn.distances()[q][j]).isEqualTo(metric.distance(qs[q], v));
            }
        }
    }

    @Test
    void searchesOnlyTheGivenSubsetAndThreadCountDoesNotMatter() {
        SyntheticSource s = new SyntheticSource("s", 24, Metric.L2, 4, 5, 5_000, 7);
        SplittableRandom rnd = new SplittableRandom(1);
        long[] subset = LongStream.range(0, s.size()).filter(i -> rnd.nextInt(3) == 0).toArray();
        float[][] qs = queries(s, 7);
        Neighbors one = ExactKnn.search(s, subset, qs, 25, 1);
        Neighbors three = ExactKnn.search(s, subset, qs, 25, 3);
        for (int q = 0; q < qs.length; q++) {
            assertThat(one.ids()[q]).containsExactly(naive(s, subset, qs[q], 25));
            assertThat(three.ids()[q]).containsExactly(one.ids()[q]);
            assertThat(Arrays.stream(one.ids()[q]).allMatch(id -> Arrays.binarySearch(subset, id) >= 0)).isTrue();
        }
    }

    @Test
    void kLargerThanTheSetReturnsEverythingSorted() {
        SyntheticSource s = new SyntheticSource("s", 5, Metric.IP, 4, 2, 7, 2);
        Neighbors nn = ExactKnn.search(s, new long[] {6, 2, 4}, queries(s, 2), 10, 2);
        assertThat(nn.k()).isEqualTo(3);
        assertThat(nn.ids()[0]).hasSize(3).containsExactlyInAnyOrder(6, 2, 4);
        assertThat(nn.distances()[0][0]).isLessThanOrEqualTo(nn.distances()[0][2]);
    }

    @Test
    void l2DistancesAreSquaredLikeValkeySearch() {
        SyntheticSource s = new SyntheticSource("s", 3, Metric.L2, 1, 1, 1, 1);
        float[] row = new float[3];
        s.read(0, row);
        float[][] q = {{row[0] + 3f, row[1] + 4f, row[2]}};
        Neighbors nn = ExactKnn.search(s, null, q, 1, 1);
        assertThat(nn.distances()[0][0]).isCloseTo(25f, Offset.offset(1e-4f));
    }
}
