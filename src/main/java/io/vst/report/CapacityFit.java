package io.vst.report;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * An ordinary least-squares line {@code y = fixed + perUnit·x} with 95 % intervals: on the slope (the
 * marginal cost of one more vector), and the prediction interval of one new reading at a given x.
 *
 * <p>The regression itself is commons-math3's {@link SimpleRegression}; this record keeps what the
 * intervals need (n, x̄, Σ(x − x̄)², the mean squared error and Student's t at n − 2 degrees of freedom).
 *
 * <pre>{@code
 * CapacityFit f = CapacityFit.of(new double[] {0, 10, 20, 30}, new double[] {100, 212, 318, 431});
 * f.perUnit();               // 11.0 bytes per vector
 * f.predict(60).value();     // 100.9 + 11.0 · 60
 * f.predict(60).low();       // lower end of the 95 % prediction interval
 * f.solve(500).value();      // the x whose predicted y is 500
 * }</pre>
 *
 * @param points how many points the line rests on
 * @param fixed y at x = 0 (intercept)
 * @param perUnit change of y per unit of x (slope)
 * @param perUnitLow lower end of the 95 % confidence interval of the slope
 * @param perUnitHigh upper end of the 95 % confidence interval of the slope
 * @param fixedStdError standard error of the intercept
 * @param rSquared coefficient of determination; NaN when y does not vary
 * @param meanX mean of the x values
 * @param sumSquaresX Σ(x − x̄)²
 * @param meanSquareError SSE / (n − 2)
 * @param t Student's t quantile 0.975 at n − 2 degrees of freedom
 */
public record CapacityFit(int points, double fixed, double perUnit, double perUnitLow, double perUnitHigh,
                          double fixedStdError, double rSquared, double meanX, double sumSquaresX,
                          double meanSquareError, double t) {

    /** Fewest points a fit with intervals needs (two degrees of freedom are spent on the line). */
    public static final int MIN_POINTS = 3;

    /**
     * The fit of {@code y} against {@code x}.
     *
     * @throws IllegalArgumentException with fewer than {@link #MIN_POINTS} points, arrays of different
     *     length, or x taking a single value
     */
    public static CapacityFit of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        if (x.length < MIN_POINTS) {
            throw new IllegalArgumentException("a fit with intervals needs at least " + MIN_POINTS + " points");
        }
        SimpleRegression r = new SimpleRegression(true);
        double meanX = 0;
        for (int i = 0; i < x.length; i++) {
            r.addData(x[i], y[i]);
            meanX += x[i] / x.length;
        }
        if (r.getXSumSquares() == 0) {
            throw new IllegalArgumentException("x takes a single value");
        }
        int n = (int) r.getN();
        double t = new TDistribution(n - 2).inverseCumulativeProbability(0.975);
        double mse = Math.max(0, r.getMeanSquareError());
        double halfSlope = t * Math.sqrt(mse / r.getXSumSquares());
        return new CapacityFit(n, r.getIntercept(), r.getSlope(), r.getSlope() - halfSlope, r.getSlope() + halfSlope,
                r.getInterceptStdErr(), r.getRSquare(), meanX, r.getXSumSquares(), mse, t);
    }

    /**
     * The line at {@code x} with the 95 % prediction interval of one new reading there:
     * ŷ ± t·s·√(1 + 1/n + (x − x̄)² / Σ(x − x̄)²).
     */
    public Estimate predict(double x) {
        double value = fixed + perUnit * x;
        double half = halfWidth(x);
        return new Estimate(value, value - half, value + half);
    }

    /**
     * The x at which the line reaches {@code y}, with the range of x whose prediction interval still
     * contains {@code y}: {@code low} is where the interval's upper end reaches y (the cautious answer),
     * {@code high} where its lower end does. NaN figures when the line does not rise.
     */
    public Estimate solve(double y) {
        if (!(perUnit > 0)) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN);
        }
        double value = (y - fixed) / perUnit;
        return new Estimate(value, crossing(y, +1, value), crossing(y, -1, value));
    }

    /** Solves fixed + perUnit·x + sign·halfWidth(x) = y by bisection; the left side rises with x near value. */
    private double crossing(double y, int sign, double value) {
        double span = Math.max(1, Math.abs(value)) + Math.abs(meanX);
        double lo = value - span;
        double hi = value + span;
        // Widen until y lies between the two ends (the interval is finite, so this ends).
        for (int i = 0; i < 60 && edge(lo, sign) > y; i++) {
            lo -= span;
            span *= 2;
        }
        for (int i = 0; i < 60 && edge(hi, sign) < y; i++) {
            hi += span;
            span *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-9 * Math.max(1, Math.abs(hi)); i++) {
            double mid = (lo + hi) / 2;
            if (edge(mid, sign) < y) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private double edge(double x, int sign) {
        return fixed + perUnit * x + sign * halfWidth(x);
    }

    private double halfWidth(double x) {
        double d = x - meanX;
        return t * Math.sqrt(meanSquareError * (1 + 1.0 / points + d * d / sumSquaresX));
    }

    /**
     * A figure with its 95 % interval.
     *
     * @param value the central figure
     * @param low lower end
     * @param high upper end
     */
    public record Estimate(double value, double low, double high) {
    }
}
