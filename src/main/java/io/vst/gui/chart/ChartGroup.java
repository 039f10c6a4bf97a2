package io.vst.gui.chart;

import io.vst.units.Units;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartMouseEvent;
import org.jfree.chart.ChartMouseListener;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.event.AxisChangeEvent;
import org.jfree.chart.event.AxisChangeListener;
import org.jfree.chart.panel.CrosshairOverlay;
import org.jfree.chart.plot.Crosshair;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.data.Range;

/**
 * Charts over one time axis: zooming or panning one sets the same elapsed-time range on all of them, a reset
 * (the context menu's auto range, or a drag to the left) restores all, and the mouse over one draws a
 * crosshair at the same time on every chart, labelled with that time. The crosshairs are overlays painted
 * over each panel's buffered image, so following the mouse redraws no chart. EDT only.
 */
final class ChartGroup {

    private final List<Member> members = new ArrayList<>();
    private boolean syncing;
    /** The time every chart shows while nobody zoomed (a live run's elapsed time so far), or null to fit each. */
    private Range span;
    private boolean zoomed;
    /** The range every chart shows while zoomed. */
    private Range zoom;

    private final class Member implements AxisChangeListener, ChartMouseListener {
        final ChartPanel panel;
        final Crosshair crosshair = new Crosshair(Double.NaN, new Color(0x80, 0x80, 0x80),
                new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {3f, 3f}, 0f));
        final CrosshairOverlay overlay = new CrosshairOverlay();

        Member(ChartPanel panel) {
            this.panel = panel;
            crosshair.setVisible(false);
            crosshair.setLabelVisible(true);
            crosshair.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            crosshair.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            crosshair.setLabelGenerator(c -> Units.duration(c.getValue()));
            overlay.addDomainCrosshair(crosshair);
        }

        XYPlot plot() {
            JFreeChart c = panel.getChart();
            return c != null && c.getPlot() instanceof XYPlot xy ? xy : null;
        }

        @Override
        public void axisChanged(AxisChangeEvent event) {
            if (!syncing && event.getAxis() instanceof ValueAxis axis) {
                follow(this, axis);
            }
        }

        @Override
        public void chartMouseMoved(ChartMouseEvent event) {
            XYPlot plot = plot();
            Rectangle2D area = panel.getScreenDataArea();
            int x = event.getTrigger().getX();
            if (plot == null || area == null || x < area.getMinX() || x > area.getMaxX()) {
                showTime(Double.NaN);
                return;
            }
            showTime(plot.getDomainAxis().java2DToValue(x, area, plot.getDomainAxisEdge()));
        }

        @Override
        public void chartMouseClicked(ChartMouseEvent event) {
            // A click does nothing beyond what the panel does (zoom, menu).
        }
    }

    /** Joins {@code panel} to the group (its chart's domain axis and its mouse). EDT only. */
    void add(ChartPanel panel) {
        Member m = new Member(panel);
        members.add(m);
        panel.addOverlay(m.overlay);
        panel.addChartMouseListener(m);
        panel.addMouseListener(new java.awt.event.MouseAdapter() {
            @Override
            public void mouseExited(java.awt.event.MouseEvent e) {
                showTime(Double.NaN);
            }
        });
        XYPlot plot = m.plot();
        if (plot != null) {
            plot.getDomainAxis().addChangeListener(m);
            ValueAxis shared = sharedAxis(m);
            if (shared != null && zoomed) {
                apply(plot, false, shared.getRange());
            } else if (span != null) {
                plot.getDomainAxis().setRange(span, true, false);
            }
        }
    }

    /** Leaves the group with every chart (a panel that shows other charts now). EDT only. */
    void clear() {
        for (Member m : members) {
            XYPlot plot = m.plot();
            if (plot != null) {
                plot.getDomainAxis().removeChangeListener(m);
            }
            m.panel.removeOverlay(m.overlay);
            m.panel.removeChartMouseListener(m);
        }
        members.clear();
        span = null;
        zoomed = false;
        zoom = null;
    }

    /**
     * Shows {@code range} on every chart unless the user zoomed or panned (then the charts stay where they
     * are until the reset): the one time axis of a run that goes on. EDT only.
     */
    void showSpan(Range range) {
        span = range;
        if (!zoomed) {
            for (Member m : members) {
                XYPlot plot = m.plot();
                if (plot != null && !range.equals(plot.getDomainAxis().getRange())) {
                    plot.getDomainAxis().setRange(range, true, false);
                }
            }
        }
    }

    private ValueAxis sharedAxis(Member except) {
        for (Member m : members) {
            if (m != except && m.plot() != null) {
                return m.plot().getDomainAxis();
            }
        }
        return null;
    }

    /** Sets every other chart's time axis to {@code source}'s range (or back to fitting its data). */
    private void follow(Member source, ValueAxis axis) {
        Range range = axis.getRange();
        // An axis also says it changed when only its look did (a theme's colours): no zoom, nothing to follow.
        if (!axis.isAutoRange() && range.equals(zoomed ? zoom : span)) {
            return;
        }
        syncing = true;
        try {
            zoomed = !axis.isAutoRange();
            zoom = zoomed ? range : null;
            Map<JFreeChart, Boolean> redraw = new IdentityHashMap<>();
            for (Member m : members) {
                XYPlot plot = m.plot();
                if (plot != null && !zoomed && span != null) {
                    // The reset: back to the run's whole time, the same on every chart.
                    plot.getDomainAxis().setRange(span, true, false);
                } else if (plot != null && m != source) {
                    apply(plot, axis.isAutoRange(), axis.getRange());
                }
                redraw.put(m.panel.getChart(), Boolean.TRUE);
            }
            // Live charts redraw only when told (notify off between batches): a zoom must show at once.
            redraw.keySet().forEach(ChartGroup::repaint);
        } finally {
            syncing = false;
        }
    }

    private static void apply(XYPlot plot, boolean auto, Range range) {
        ValueAxis other = plot.getDomainAxis();
        if (auto) {
            other.setAutoRange(true);
        } else if (!range.equals(other.getRange()) || other.isAutoRange()) {
            other.setRange(range);
        }
    }

    private static void repaint(JFreeChart chart) {
        if (chart != null && !chart.isNotify()) {
            chart.setNotify(true);
            chart.setNotify(false);
        }
    }

    /** Draws the crosshair at {@code seconds} on every chart, or hides them all for NaN. EDT only. */
    void showTime(double seconds) {
        for (Member m : members) {
            m.crosshair.setVisible(!Double.isNaN(seconds));
            if (!Double.isNaN(seconds)) {
                m.crosshair.setValue(seconds);
            }
        }
    }

    /** Where each chart's crosshair is, NaN when hidden (for tests). EDT only. */
    List<Double> crosshairTimes() {
        return members.stream().map(m -> m.crosshair.isVisible() ? m.crosshair.getValue() : Double.NaN).toList();
    }
}
