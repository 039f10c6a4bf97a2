package io.vst.gui.chart;

import java.awt.Color;
import javax.swing.UIManager;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;

/**
 * Gives a chart on screen the colours of the window's theme (light or dark): backgrounds, texts, axes and
 * grid lines. Series colours stay those of the report. EDT only.
 */
public final class ChartTheme {

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
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(grid);
            xy.setRangeGridlinePaint(grid);
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                paint(xy.getDomainAxis(i), text);
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                paint(xy.getRangeAxis(i), text);
            }
        }
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
