package io.vst.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The regression and its intervals against values computed apart, with numpy 2.4.6 / scipy 1.17.1 on the
 * same points (a real run's used_memory against live vectors on valkey-server 8.0.1):
 *
 * <pre>
 * r = scipy.stats.linregress(x, y); t = scipy.stats.t.ppf(0.975, n - 2)
 * slope interval: r.slope ± t·r.stderr
 * prediction at x0: ŷ ± t·√(s²·(1 + 1/n + (x0 − x̄)²/Sxx)), s² = Σres² / (n − 2)
 * solve for Y: scipy.optimize.brentq on ŷ(x) ± half(x) − Y
 * </pre>
 */
class CapacityFitTest {

    private static final double[] X = {0, 0, 5000, 5000, 8800, 10000, 10000, 15000, 16400, 20000, 20000};
    private static final double[] Y = {1125512, 1126536, 3807992, 3759832, 5883864, 6435112, 6436136, 8943848,
        9983384, 11599016, 11599016};

    @Test
    void slopeInterceptAndSlopeIntervalMatchScipy() {
        CapacityFit f = CapacityFit.of(X, Y);

        assertThat(f.points()).isEqualTo(11);
        assertThat(f.perUnit()).isCloseTo(525.4917522701076, within(1e-6));
        assertThat(f.fixed()).isCloseTo(1162823.3545303773, within(1e-3));
        assertThat(f.rSquared()).isCloseTo(0.9994678830673954, within(1e-12));
        assertThat(f.perUnitLow()).isCloseTo(516.3487981299992, within(1e-6));
        assertThat(f.perUnitHigh()).isCloseTo(534.6347064102159, within(1e-6));
        assertThat(f.fixedStdError()).isCloseTo(49069.599013527266, within(1e-4));
    }

    @Test
    void predictionIntervalMatchesScipy() {
        CapacityFit.Estimate at = CapacityFit.of(X, Y).predict(60000);

        assertThat(at.value()).isCloseTo(32692328.490736827, within(1e-3));
        assertThat(at.low()).isCloseTo(32186349.235092, within(1e-3));
        assertThat(at.high()).isCloseTo(33198307.746381655, within(1e-3));
    }

    @Test
    void vectorsForAMemorySizeMatchScipyRootFinding() {
        CapacityFit.Estimate n = CapacityFit.of(X, Y).solve(3.0e7);

        assertThat(n.value()).isCloseTo(54876.55423875625, within(1e-6));
        assertThat(n.low()).isCloseTo(54006.71191805435, within(1e-3));
        assertThat(n.high()).isCloseTo(55773.56384654567, within(1e-3));
    }

    @Test
    void aLineThatDoesNotRiseAnswersNoVectorCount() {
        CapacityFit f = CapacityFit.of(new double[] {0, 1, 2}, new double[] {5, 5, 5});

        assertThat(f.solve(10).value()).isNaN();
        assertThat(f.predict(4).value()).isEqualTo(5);
    }

    @Test
    void tooFewPointsOrOneXValueAreRefused() {
        assertThatThrownBy(() -> CapacityFit.of(new double[] {0, 1}, new double[] {1, 2}))
                .hasMessageContaining("at least 3 points");
        assertThatThrownBy(() -> CapacityFit.of(new double[] {2, 2, 2}, new double[] {1, 2, 3}))
                .hasMessageContaining("single value");
    }
}
