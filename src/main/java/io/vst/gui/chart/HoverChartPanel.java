package io.vst.gui.chart;

import java.awt.event.MouseEvent;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.XYToolTipGenerator;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;

/**
 * A chart panel that finds the point under the mouse when a tooltip is asked for, instead of JFreeChart's way
 * of building an entity with a formatted tooltip for every point of every line at each repaint (the largest
 * share of the event thread's time during a run: thousands of formatted strings per chart per redraw).
 *
 * <p>The lines' x values must be ascending (the live charts' series are sorted). The nearest point within
 * {@link #REACH} pixels of the mouse, over every line, gives the renderer's tooltip text; else a marker's name
 * under the mouse, if any. EDT only.
 */
final class HoverChartPanel extends ChartPanel {

    /** How far from a point, in pixels, the mouse still shows its value. */
    static final double REACH = 8;

    HoverChartPanel(JFreeChart chart) {
        super(chart, true);
        // No entity per point: nothing is generated per point while painting. The step and checkpoint
        // markers keep theirs (a few), which answer when no point is near the mouse.
        chart.getXYPlot().getRenderer().setDefaultCreateEntities(false);
    }

    @Override
    public String getToolTipText(MouseEvent e) {
        XYPlot plot = getChart().getXYPlot();
        XYDataset data = plot.getDataset();
        XYToolTipGenerator tips = plot.getRenderer().getDefaultToolTipGenerator();
        Rectangle2D area = getScreenDataArea();
        if (data == null || tips == null || area == null || area.getWidth() <= 0 || !area.contains(e.getPoint())) {
            return super.getToolTipText(e);
        }
        int bestSeries = -1;
        int bestItem = -1;
        double best = REACH * REACH;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            if (!plot.getRenderer().isSeriesVisible(s)) {
                continue;
            }
            int n = data.getItemCount(s);
            // The points within REACH pixels left and right of the mouse: a few, even on a dense line.
            double from = plot.getDomainAxis().java2DToValue(e.getX() - REACH, area, plot.getDomainAxisEdge());
            double to = plot.getDomainAxis().java2DToValue(e.getX() + REACH, area, plot.getDomainAxisEdge());
            for (int k = firstAtOrAfter(data, s, n, Math.min(from, to)); k < n && data.getXValue(s, k) <= Math.max(from, to);
                    k++) {
                double y = data.getYValue(s, k);
                if (Double.isNaN(y)) {
                    continue;
                }
                double px = plot.getDomainAxis().valueToJava2D(data.getXValue(s, k), area, plot.getDomainAxisEdge());
                double py = plot.getRangeAxis().valueToJava2D(y, area, plot.getRangeAxisEdge());
                double d = (px - e.getX()) * (px - e.getX()) + (py - e.getY()) * (py - e.getY());
                if (d <= best) {
                    best = d;
                    bestSeries = s;
                    bestItem = k;
                }
            }
        }
        return bestSeries < 0 ? super.getToolTipText(e) : tips.generateToolTip(data, bestSeries, bestItem);
    }

    /** The first item of series {@code s} whose x is at least {@code x} ({@code n} when there is none). */
    private static int firstAtOrAfter(XYDataset data, int s, int n, double x) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (data.getXValue(s, mid) < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
