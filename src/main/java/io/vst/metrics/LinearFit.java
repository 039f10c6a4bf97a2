package io.vst.metrics;

/**
 * An ordinary least-squares line {@code y = intercept + slope·x} through a set of points, with how well
 * it fits: the coefficient of determination and the standard error of the slope.
 *
 * <pre>{@code
 * LinearFit f = LinearFit.of(new double[] {0, 1, 2}, new double[] {10, 12, 14});
 * f.slope();      // 2.0
 * f.intercept();  // 10.0
 * f.rSquared();   // 1.0
 * }</pre>
 *
 * @param slope change of y per unit of x
 * @param intercept y at x = 0
 * @param rSquared share of the variance of y the line explains (1 − SSE/SST); NaN when y is constant
 * @param slopeStdError standard error of the slope, √(SSE / (n − 2) / Σ(x − x̄)²); NaN with fewer than
 *     3 points
 * @param points how many points the line rests on
 */
public record LinearFit(double slope, double intercept, double rSquared, double slopeStdError, int points) {

    /** The fit of {@code y} against {@code x} (same length); NaN figures when x takes fewer than two values. */
    public static LinearFit of(double[] x, double[] y) {
        int n = x.length;
        if (n != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + n + " vs " + y.length);
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += x[i] / n;
            meanY += y[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - meanX) * (x[i] - meanX);
            sxy += (x[i] - meanX) * (y[i] - meanY);
            syy += (y[i] - meanY) * (y[i] - meanY);
        }
        if (n < 2 || sxx == 0) {
            return new LinearFit(Double.NaN, Double.NaN, Double.NaN, Double.NaN, n);
        }
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - (intercept + slope * x[i]);
            sse += r * r;
        }
        double r2 = syy == 0 ? Double.NaN : 1 - sse / syy;
        double stdErr = n < 3 ? Double.NaN : Math.sqrt(sse / (n - 2) / sxx);
        return new LinearFit(slope, intercept, r2, stdErr, n);
    }
}
