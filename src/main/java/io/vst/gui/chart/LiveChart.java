package io.vst.gui.chart;

import io.vst.metrics.Sample;
import io.vst.report.ChartStyle;
import io.vst.report.MarkerLabels;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One live chart: lines of timeline columns against elapsed seconds, shaded steps and checkpoint
 * markers, in the report's colours. A line joins the chart the first time its column has a value, so a run without the search
 * module shows no empty search line.
 */
final class LiveChart {

    private static final Color[] STEP_SHADES = {new Color(0x90CAF9), new Color(0xA5D6A7)};
    private final String id;
    private final JFreeChart chart;
    private final XYSeriesCollection data = new XYSeriesCollection();
    private List<ChartSeriesSpec> specs;
    private final Map<String, BoundedSeries> lines = new LinkedHashMap<>();
    /** Markers kept per chart: the latest ones, so repaint cost stays flat in a run of many steps. */
    static final int MAX_MARKERS = 60;
    private final List<IntervalMarker> steps = new ArrayList<>();
    private final java.util.ArrayDeque<ValueMarker> checkpoints = new java.util.ArrayDeque<>();
    private int stepTotal;
    private final int maxPoints;
    private IntervalMarker openStep;
    /** Step and checkpoint names, laid out so none overlaps another. */
    private final MarkerLabels labels = new MarkerLabels(new Font(Font.SANS_SERIF, Font.PLAIN, 10));

    /** @param yMax the top of the value axis, or NaN to fit the data */
    LiveChart(String id, String title, String axis, List<ChartSeriesSpec> specs, int maxPoints, double yMax) {
        this.id = id;
        this.specs = List.copyOf(specs);
        this.maxPoints = maxPoints;
        chart = ChartFactory.createXYLineChart(title, "elapsed (s)", axis, data, PlotOrientation.VERTICAL, true,
                true, false);
        ChartStyle.apply(chart);
        chart.getTitle().setFont(chart.getTitle().getFont().deriveFont(13f));
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(ChartStyle.elapsedAxis());
        plot.getRangeAxis().setAutoRange(true);
        if (plot.getRangeAxis() instanceof org.jfree.chart.axis.NumberAxis n) {
            n.setAutoRangeIncludesZero(false);
            if (!Double.isNaN(yMax)) {
                n.setRange(0, yMax);
            }
        }
        plot.addAnnotation(labels);
        plot.setNoDataMessageFont(new Font(Font.SANS_SERIF, Font.ITALIC, 13));
        ChartTheme.apply(chart);
    }

    /**
     * The lines this chart may draw from now on (a throughput line joins once its operation ran); a line
     * already drawn stays.
     */
    void setLines(List<ChartSeriesSpec> lines) {
        specs = List.copyOf(lines);
    }

    String id() {
        return id;
    }

    JFreeChart chart() {
        return chart;
    }

    /** A copy of the chart holding a copy of its data (a chart's clone shares its dataset). */
    JFreeChart snapshot() {
        try {
            JFreeChart copy = (JFreeChart) chart.clone();
            copy.getXYPlot().setDataset((XYSeriesCollection) data.clone());
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("a live chart cannot be copied", e);
        }
    }

    /** Points in the chart's lines (for tests and the benchmark). */
    int pointCount() {
        int n = 0;
        for (BoundedSeries s : lines.values()) {
            n += s.series().getItemCount();
        }
        return n;
    }

    /** Adds a batch of samples; one repaint for the whole batch. */
    void add(List<Sample> batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (Sample s : batch) {
            for (ChartSeriesSpec spec : specs) {
                if (s.has(spec.column())) {
                    line(spec).add(s.elapsedSeconds(), s.get(spec.column()) * spec.scale());
                }
            }
        }
        double last = batch.get(batch.size() - 1).elapsedSeconds();
        if (openStep != null) {
            openStep.setEndValue(last);
        }
        for (BoundedSeries b : lines.values()) {
            b.series().fireSeriesChanged();
        }
    }

    private BoundedSeries line(ChartSeriesSpec spec) {
        BoundedSeries b = lines.get(spec.column());
        if (b == null) {
            XYSeries xy = new XYSeries(spec.label(), true, true);
            b = new BoundedSeries(xy, maxPoints);
            lines.put(spec.column(), b);
            data.addSeries(xy);
            int i = data.getSeriesCount() - 1;
            chart.getXYPlot().getRenderer().setSeriesStroke(i, new BasicStroke(1.6f));
            chart.getXYPlot().getRenderer().setSeriesPaint(i, ChartStyle.color(spec.colorKey()));
            // The report's colour, made readable on this theme's plot.
            ChartTheme.apply(chart);
        }
        return b;
    }

    /** Starts shading a top-level step at {@code atSeconds}. */
    void stepStarted(String name, double atSeconds) {
        stepEnded(atSeconds);
        Color shade = STEP_SHADES[stepTotal % STEP_SHADES.length];
        IntervalMarker m = new IntervalMarker(atSeconds, atSeconds, withAlpha(shade, 60));
        chart.getXYPlot().addDomainMarker(m, Layer.BACKGROUND);
        labels.add(name, atSeconds, false);
        steps.add(m);
        stepTotal++;
        if (steps.size() > MAX_MARKERS) {
            chart.getXYPlot().removeDomainMarker(0, steps.remove(0), Layer.BACKGROUND, false);
            labels.dropOldest(false, 1);
        }
        openStep = m;
    }

    void stepEnded(double atSeconds) {
        if (openStep != null) {
            openStep.setEndValue(Math.max(openStep.getStartValue(), atSeconds));
            openStep = null;
        }
    }

    /** A dashed vertical line where a checkpoint was taken. */
    void checkpoint(String name, double atSeconds) {
        ValueMarker m = new ValueMarker(atSeconds, new Color(0xC62828), new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
        chart.getXYPlot().addDomainMarker(m, Layer.FOREGROUND);
        labels.add(name, atSeconds, true);
        checkpoints.addLast(m);
        if (checkpoints.size() > MAX_MARKERS) {
            chart.getXYPlot().removeDomainMarker(0, checkpoints.removeFirst(), Layer.FOREGROUND, false);
            labels.dropOldest(true, 1);
        }
    }

    /** Says {@code reason} in the plot while the chart has no line; null says nothing. EDT only. */
    void setEmptyReason(String reason) {
        if (!java.util.Objects.equals(reason, chart.getXYPlot().getNoDataMessage())) {
            chart.getXYPlot().setNoDataMessage(reason);
        }
    }

    /** What the plot says while the chart has no line, or null. EDT only. */
    String emptyReason() {
        return chart.getXYPlot().getNoDataMessage();
    }

    /** The step and checkpoint labels. EDT only. */
    MarkerLabels labels() {
        return labels;
    }

    /** Top-level steps shaded so far (older shades may have been dropped). */
    int stepCount() {
        return stepTotal;
    }

    void clear() {
        ChartTheme.forgetSeries(chart);
        data.removeAllSeries();
        lines.clear();
        steps.clear();
        checkpoints.clear();
        stepTotal = 0;
        openStep = null;
        chart.getXYPlot().clearDomainMarkers();
        labels.clear();
    }

    private static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
