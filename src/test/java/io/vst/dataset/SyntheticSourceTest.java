package io.vst.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class SyntheticSourceTest {

    @Test
    void sameSeedSameVectorsAnyOrderDifferentSeedDifferent() {
        SyntheticSource a = new SyntheticSource("a", 16, Metric.L2, 5, 8, 1000, 10);
        SyntheticSource b = new SyntheticSource("b", 16, Metric.L2, 5, 8, 1000, 10);
        SyntheticSource c = new SyntheticSource("c", 16, Metric.L2, 6, 8, 1000, 10);
        float[] x = new float[16];
        float[] y = new float[16];
        for (long r = 999; r >= 0; r -= 7) {
            a.read(r, x);
            b.read(r, y);
            assertThat(y).containsExactly(x);
            c.read(r, y);
            assertThat(y).isNotEqualTo(x);
        }
    }

    @Test
    void noTwoVectorsAreIdenticalAmongFiftyThousand() {
        SyntheticSource s = SyntheticSource.unbounded(4, Metric.L2, 1);
        Set<String> seen = new HashSet<>();
        float[] v = new float[4];
        for (long r = 0; r < 50_000; r++) {
            s.read(r, v);
            assertThat(seen.add(java.util.Arrays.toString(v))).as("row %d duplicates an earlier one", r).isTrue();
        }
    }

    @Test
    void vectorsAreClusteredNearestNeighboursShareACentre() {
        SyntheticSource s = new SyntheticSource("s", 32, Metric.L2, 3, 4, 2000, 0);
        // within-cluster spread (0.5 per dim) is far below the spread of centres (1 per dim): the
        // distance to the nearest other row must be well below the median pairwise distance
        float[][] rows = new float[2000][32];
        for (int r = 0; r < rows.length; r++) {
            s.read(r, rows[r]);
        }
        double nearest = Double.MAX_VALUE;
        double sum = 0;
        for (int r = 1; r < rows.length; r++) {
            double d = Metric.L2.distance(rows[0], rows[r]);
            nearest = Math.min(nearest, d);
            sum += d;
        }
        assertThat(nearest).isLessThan(0.6 * sum / (rows.length - 1));
        assertThat(s.clusters()).isEqualTo(4);
    }

    @Test
    void cosineVectorsAreUnitAndNormMaxBoundsEveryRow() {
        SyntheticSource cos = SyntheticSource.unbounded(64, Metric.COSINE, 9);
        SyntheticSource l2 = SyntheticSource.unbounded(64, Metric.L2, 9);
        assertThat(cos.name()).isEqualTo("synthetic-64-cosine");
        assertThat(l2.name()).isEqualTo("synthetic-64");
        assertThat(l2.size()).isEqualTo(Long.MAX_VALUE);
        float[] v = new float[64];
        for (long r = 0; r < 5000; r++) {
            cos.read(r * 1_000_003L, v);
            assertThat(FloatCodec.norm(v)).isCloseTo(1.0, Offset.offset(1e-5));
            l2.read(r * 1_000_003L, v);
            assertThat(FloatCodec.norm(v)).isLessThanOrEqualTo(l2.normMax());
        }
    }

    @Test
    void queriesAreDeterministicAndDistinctFromBaseRows() {
        SyntheticSource s = SyntheticSource.unbounded(8, Metric.L2, 2);
        QuerySet q = s.queries().orElseThrow();
        assertThat(q.size()).isEqualTo(SyntheticSource.DEFAULT_QUERIES);
        float[] a = new float[8];
        float[] b = new float[8];
        q.read(3, a);
        SyntheticSource.unbounded(8, Metric.L2, 2).queries().orElseThrow().read(3, b);
        assertThat(b).containsExactly(a);
        for (long r = 0; r < 1000; r++) {
            s.read(r, b);
            assertThat(b).isNotEqualTo(a);
        }
    }
}
