package io.vst.gui.chart;

import java.util.ArrayList;
import java.util.List;
import org.jfree.data.xy.XYDataItem;
import org.jfree.data.xy.XYSeries;

/**
 * A chart series that never holds more than {@code maxPoints}: when full, neighbouring points are
 * averaged in pairs and from then on each new point is the mean of twice as many samples. A run of
 * hours thus keeps an even resolution across the whole run at a fixed cost per repaint.
 */
final class BoundedSeries {

    private final XYSeries series;
    private final int maxPoints;
    private int stride = 1;
    private int pending;
    private double sumX;
    private double sumY;

    BoundedSeries(XYSeries series, int maxPoints) {
        if (maxPoints < 4) {
            throw new IllegalArgumentException("maxPoints must be at least 4");
        }
        this.series = series;
        this.maxPoints = maxPoints;
    }

    XYSeries series() {
        return series;
    }

    /** Samples folded into one point at the moment. */
    int stride() {
        return stride;
    }

    /** Adds a sample without notifying listeners; the caller fires one change per batch. EDT only. */
    void add(double x, double y) {
        if (!Double.isFinite(y)) {
            return;
        }
        sumX += x;
        sumY += y;
        pending++;
        if (pending < stride) {
            return;
        }
        series.add(sumX / pending, sumY / pending, false);
        pending = 0;
        sumX = 0;
        sumY = 0;
        if (series.getItemCount() >= maxPoints) {
            halve();
        }
    }

    private void halve() {
        List<double[]> merged = new ArrayList<>(maxPoints / 2 + 1);
        int n = series.getItemCount();
        for (int i = 0; i + 1 < n; i += 2) {
            XYDataItem a = series.getDataItem(i);
            XYDataItem b = series.getDataItem(i + 1);
            merged.add(new double[] {(a.getXValue() + b.getXValue()) / 2, (a.getYValue() + b.getYValue()) / 2});
        }
        if (n % 2 == 1) {
            XYDataItem last = series.getDataItem(n - 1);
            merged.add(new double[] {last.getXValue(), last.getYValue()});
        }
        series.clear();
        for (double[] p : merged) {
            series.add(p[0], p[1], false);
        }
        stride *= 2;
    }
}
