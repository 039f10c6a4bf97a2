package io.vst.report;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Latency by percentile from one histogram of microseconds, in milliseconds: the data behind the
 * spectrum charts and the percentile CSV.
 *
 * <p>Points are spaced evenly on the "1 / (1 − percentile)" scale HdrHistogram plots use (ten per
 * decade: 0%, 20.6%, ... 90%, ... 99%, ...) and stop at the percentile the count can resolve, then
 * end with the maximum.
 */
public final class LatencySpectrum {

    /** The percentiles of the percentile table, in percent. */
    public static final List<Double> TABLE = List.of(50.0, 90.0, 99.0, 99.9, 99.99);

    private LatencySpectrum() {
    }

    /**
     * One point of a spectrum.
     *
     * @param percentile in percent (0 to 100)
     * @param inverseTail 1 / (1 − percentile/100), the position on a log axis; the maximum sits one
     *     decade past the last resolvable percentile
     * @param millis latency at that percentile
     */
    public record Point(double percentile, double inverseTail, double millis) {
    }

    /** The spectrum of {@code micros}; empty for an empty histogram. */
    public static List<Point> of(Histogram micros) {
        List<Point> points = new ArrayList<>();
        long count = micros.getTotalCount();
        if (count == 0) {
            return points;
        }
        // Beyond 1/count the percentiles all read the maximum: stop there (at least two decades).
        double limit = Math.max(100, count);
        for (int i = 0; ; i++) {
            double inverse = Math.pow(10, i / 10.0);
            if (inverse > limit) {
                break;
            }
            double pct = 100.0 * (1 - 1 / inverse);
            points.add(new Point(pct, inverse, micros.getValueAtPercentile(pct) / 1000.0));
        }
        double last = points.get(points.size() - 1).inverseTail();
        points.add(new Point(100.0, last * 10, micros.getMaxValue() / 1000.0));
        return points;
    }

    /** Latency in milliseconds at {@code percentile} (percent) of {@code micros}; NaN when empty. */
    public static double at(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
