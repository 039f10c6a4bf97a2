package io.vst.gui.chart;

import io.vst.report.MarkerLabels;
import java.awt.Color;
import java.awt.Paint;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import javax.swing.UIManager;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.data.xy.XYDataset;

/**
 * Gives a chart on screen the colours of the window's theme (light or dark): backgrounds, texts, axes and
 * grid lines. Series keep the report's colours where they read well on the plot; a colour too close to the
 * plot's background (the report's dark blue, red and brown on a dark plot, its cyan and yellow on a light
 * one) is moved toward the text colour until it stands out at a contrast of {@link #MIN_CONTRAST}. EDT only.
 */
public final class ChartTheme {

    /** Least contrast ratio (WCAG's measure; 3:1 is its minimum for graphics) of a line to its plot. */
    static final double MIN_CONTRAST = 3.0;
    /** The colours the chart's builder gave each series, before any theme moved them. */
    private static final Map<Object, Map<Integer, Color>> ORIGINAL = new WeakHashMap<>();

    private ChartTheme() {
    }

    /** Recolours {@code chart} for the look and feel installed now. EDT only. */
    public static void apply(JFreeChart chart) {
        Color back = colour("Panel.background", Color.WHITE);
        Color plotBack = colour("TextArea.background", back);
        Color text = colour("Label.foreground", Color.BLACK);
        Color grid = mix(plotBack, text, 0.18);
        chart.setBackgroundPaint(back);
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            paint(chart.getSubtitle(i), back, text);
        }
        paint(chart.getTitle(), back, text);
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(plotBack);
        plot.setOutlinePaint(grid);
        plot.setNoDataMessagePaint(text);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(grid);
            xy.setRangeGridlinePaint(grid);
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                paint(xy.getDomainAxis(i), text);
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                paint(xy.getRangeAxis(i), text);
            }
            for (Object a : xy.getAnnotations()) {
                if (a instanceof MarkerLabels labels) {
                    labels.setPaints(text, text);
                }
            }
            for (int r = 0; r < xy.getRendererCount(); r++) {
                XYItemRenderer renderer = xy.getRenderer(r);
                XYDataset data = xy.getDataset(r);
                if (renderer != null && data != null) {
                    recolour(renderer, data.getSeriesCount(), renderer::getSeriesPaint, renderer::setSeriesPaint,
                            plotBack, text);
                }
            }
        } else if (plot instanceof CategoryPlot cat && cat.getRenderer() != null && cat.getDataset() != null) {
            CategoryItemRenderer renderer = cat.getRenderer();
            recolour(renderer, cat.getDataset().getRowCount(), renderer::getSeriesPaint, renderer::setSeriesPaint,
                    plotBack, text);
        }
    }

    /** Forgets the series colours of {@code chart}, whose series were all removed (a live chart's new run). */
    static void forgetSeries(JFreeChart chart) {
        if (chart.getPlot() instanceof XYPlot xy) {
            for (int r = 0; r < xy.getRendererCount(); r++) {
                ORIGINAL.remove(xy.getRenderer(r));
            }
        }
    }

    private static void recolour(Object renderer, int series, IntFunction<Paint> get, BiConsumer<Integer, Paint> set,
            Color back, Color text) {
        Map<Integer, Color> original = ORIGINAL.computeIfAbsent(renderer, k -> new HashMap<>());
        for (int i = 0; i < series; i++) {
            Color base = original.get(i);
            if (base == null) {
                if (!(get.apply(i) instanceof Color c)) {
                    continue;
                }
                base = c;
                original.put(i, c);
            }
            set.accept(i, readable(base, back, text));
        }
    }

    /**
     * {@code c} as it is when it stands out from {@code back} at {@link #MIN_CONTRAST}, else moved toward
     * {@code text} in steps of a tenth until it does.
     */
    static Color readable(Color c, Color back, Color text) {
        Color out = c;
        for (int step = 1; step <= 10 && contrast(out, back) < MIN_CONTRAST; step++) {
            out = mix(c, text, step / 10.0);
        }
        return new Color(out.getRed(), out.getGreen(), out.getBlue(), c.getAlpha());
    }

    /** The WCAG contrast ratio of two colours, 1 (same luminance) to 21 (black on white). */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(int channel) {
        double v = channel / 255.0;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /** The plot background of the theme installed now. EDT only. */
    static Color plotBackground() {
        return colour("TextArea.background", colour("Panel.background", Color.WHITE));
    }

    private static void paint(Title t, Color back, Color text) {
        if (t instanceof TextTitle tt) {
            tt.setPaint(text);
        } else if (t instanceof LegendTitle lt) {
            lt.setBackgroundPaint(back);
            lt.setItemPaint(text);
        }
    }

    private static void paint(Axis a, Color text) {
        if (a != null) {
            a.setLabelPaint(text);
            a.setTickLabelPaint(text);
            a.setAxisLinePaint(text);
            a.setTickMarkPaint(text);
        }
    }

    private static Color colour(String key, Color fallback) {
        Color c = UIManager.getColor(key);
        return c == null ? fallback : new Color(c.getRGB());
    }

    private static Color mix(Color a, Color b, double share) {
        return new Color((int) (a.getRed() * (1 - share) + b.getRed() * share),
                (int) (a.getGreen() * (1 - share) + b.getGreen() * share),
                (int) (a.getBlue() * (1 - share) + b.getBlue() * share));
    }
}
