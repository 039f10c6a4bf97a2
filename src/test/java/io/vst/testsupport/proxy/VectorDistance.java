package io.vst.testsupport.proxy;

import io.vst.testsupport.proxy.IndexDefinition.Metric;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Exact distances in FLOAT32 arithmetic, as valkey-search reports them: L2 is the squared Euclidean
 * distance, IP is {@code 1 - dot}, COSINE is {@code 1 - dot} of the normalised vectors. Sums run in
 * index order; the module's SIMD kernels may sum in another order, which can move the last float bit
 * for long vectors.
 */
public final class VectorDistance {

    private VectorDistance() {
    }

    /** The distance between two vectors of equal length. */
    public static float distance(Metric metric, float[] query, float[] stored) {
        return switch (metric) {
            case L2 -> squaredL2(query, stored);
            case IP -> 1.0f - dot(query, stored);
            case COSINE -> 1.0f - dot(normalised(query), normalised(stored));
        };
    }

    private static float squaredL2(float[] a, float[] b) {
        float sum = 0f;
        for (int i = 0; i < a.length; i++) {
            float diff = a[i] - b[i];
            sum += diff * diff;
        }
        return sum;
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0f;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static float[] normalised(float[] v) {
        float norm = 1.0f / ((float) Math.sqrt(dot(v, v)) + 1e-30f);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * norm;
        }
        return out;
    }

    /**
     * A score as the module prints it: C's {@code %.12g} of the float widened to double
     * ({@code 0.0200000014156}, {@code 36}, {@code 1e-05}).
     */
    public static String format(float score) {
        double value = score;
        if (java.lang.Double.isNaN(value)) {
            return "nan";
        }
        if (java.lang.Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value) < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(12, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 12) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String sign = exponent < 0 ? "-" : "+";
            int magnitude = Math.abs(exponent);
            return mantissa.toPlainString() + "e" + sign + (magnitude < 10 ? "0" : "") + magnitude;
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
