package io.vst.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ExpansionTest {

    private static final int N = 500;

    @Test
    void keySuffixesMapBothWays() {
        assertThat(VectorIds.keySuffix(123, 1000)).isEqualTo("123");
        assertThat(VectorIds.keySuffix(2_123, 1000)).isEqualTo("expand_2_123");
        assertThat(VectorIds.keySuffix(1000, 1000)).isEqualTo("expand_1_0");
        for (long id : new long[] {0, 999, 1000, 5_432_109, 77_000_001}) {
            assertThat(VectorIds.parseKeySuffix(VectorIds.keySuffix(id, 1000), 1000)).isEqualTo(id);
        }
        for (String bad : new String[] {"expand_0_5", "expand_1_1000", "1000", "-1", "expand_x_1", "expand_3", "vec"}) {
            assertThatThrownBy(() -> VectorIds.parseKeySuffix(bad, 1000)).isInstanceOf(VstException.class);
        }
    }

    @Test
    void expansionShiftHasNormOnePointFiveNNormMaxAndOriginalsAreUnchanged() {
        SyntheticSource base = new SyntheticSource("b", 32, Metric.L2, 1, 4, N, 5);
        ExpandedSource big = new ExpandedSource(base, 4L * N, 99);
        float normMax = base.normMax();
        float[] original = new float[32];
        float[] expanded = new float[32];
        for (long row : new long[] {0, 17, N - 1}) {
            base.read(row, original);
            big.read(row, expanded);
            assertThat(expanded).containsExactly(original);
            for (int n = 1; n <= 3; n++) {
                big.read(VectorIds.id(n, row, N), expanded);
                float[] diff = new float[32];
                for (int i = 0; i < 32; i++) {
                    diff[i] = expanded[i] - original[i];
                }
                assertThat(FloatCodec.norm(diff)).isCloseTo(1.5 * n * normMax, Offset.offset(1e-3 * n * normMax));
            }
        }
        assertThat(big.shift(2)).isNotEqualTo(big.shift(1));
        assertThat(new ExpandedSource(base, 4L * N, 99).shift(2)).containsExactly(big.shift(2));
        assertThat(big.normMax()).isGreaterThanOrEqualTo((float) ((1 + 1.5 * 3) * normMax) * 0.999f);
    }

    @Test
    void neighboursOfAnExpandedQueryStayInItsExpansion() {
        SyntheticSource base = new SyntheticSource("b", 16, Metric.L2, 2, 4, N, 5);
        ExpandedSource big = new ExpandedSource(base, 3L * N, 7);
        QuerySet eq = big.expandedQueries().orElseThrow();
        assertThat(eq.size()).isEqualTo(15);
        float[][] qs = new float[eq.size()][16];
        for (int i = 0; i < qs.length; i++) {
            eq.read(i, qs[i]);
        }
        float[] plain = new float[16];
        base.queries().orElseThrow().read(1, plain);
        assertThat(qs[1]).containsExactly(plain);
        Neighbors nn = ExactKnn.search(big, null, qs, 20, 2);
        for (int q = 0; q < qs.length; q++) {
            int n = q / 5;
            assertThat(Arrays.stream(nn.ids()[q]).allMatch(id -> VectorIds.expansion(id, N) == n)).as("query %d", q).isTrue();
        }
        // the expanded query's neighbours are the original query's, shifted: recall maps keys exactly
        Neighbors orig = ExactKnn.search(base, null, new float[][] {qs[1]}, 20, 1);
        assertThat(Arrays.stream(nn.ids()[11]).map(id -> VectorIds.baseRow(id, N)).toArray())
                .containsExactly(orig.ids()[0]);
    }
}
