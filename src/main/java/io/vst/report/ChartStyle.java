package io.vst.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;

/**
 * The look shared by every chart: light background, one colour per series name wherever it appears,
 * one dash pattern per run when runs are overlaid, and axes that read in MiB, h:mm:ss and percent.
 */
public final class ChartStyle {

    /** Background of plots and images. */
    public static final Color BACKGROUND = Color.WHITE;
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    private static final Color FALLBACK = new Color(0x55, 0x55, 0x55);

    private static final Map<String, Color> SERIES = Map.ofEntries(
            Map.entry("used_memory", new Color(0x1F, 0x77, 0xB4)),
            Map.entry("rss", new Color(0xD6, 0x27, 0x28)),
            Map.entry("process_rss", new Color(0xE3, 0x77, 0xC2)),
            Map.entry("dataset", new Color(0x2C, 0xA0, 0x2C)),
            Map.entry("overhead", new Color(0xBC, 0xBD, 0x22)),
            Map.entry("allocator_active", new Color(0xFF, 0x7F, 0x0E)),
            Map.entry("allocator_resident", new Color(0x94, 0x67, 0xBD)),
            Map.entry("search", new Color(0x8C, 0x56, 0x4B)),
            Map.entry("allocator_frag_ratio", new Color(0xFF, 0x7F, 0x0E)),
            Map.entry("mem_frag_ratio", new Color(0xD6, 0x27, 0x28)),
            Map.entry("live_vectors", new Color(0x17, 0xBE, 0xCF)),
            Map.entry("num_docs", new Color(0x8C, 0x56, 0x4B)),
            Map.entry("dbsize", new Color(0x7F, 0x7F, 0x7F)),
            Map.entry("ingest", new Color(0x1F, 0x77, 0xB4)),
            Map.entry("query", new Color(0x2C, 0xA0, 0x2C)),
            Map.entry("update", new Color(0xFF, 0x7F, 0x0E)),
            Map.entry("delete", new Color(0xD6, 0x27, 0x28)),
            Map.entry("p50", new Color(0x2C, 0xA0, 0x2C)),
            Map.entry("p99", new Color(0xFF, 0x7F, 0x0E)),
            Map.entry("p99.9", new Color(0xD6, 0x27, 0x28)),
            Map.entry("max", new Color(0x7F, 0x7F, 0x7F)),
            Map.entry("recall", new Color(0x94, 0x67, 0xBD)),
            Map.entry("keyspace", new Color(0x2C, 0xA0, 0x2C)),
            Map.entry("index", new Color(0x8C, 0x56, 0x4B)),
            Map.entry("total", new Color(0x1F, 0x77, 0xB4)),
            Map.entry("server_ops", new Color(0x1F, 0x77, 0xB4)),
            Map.entry("connected_clients", new Color(0x94, 0x67, 0xBD)));

    /** Colours for series without a fixed colour (steps in a spectrum), used in order. */
    private static final List<Color> CYCLE = List.of(new Color(0x1F, 0x77, 0xB4), new Color(0xFF, 0x7F, 0x0E),
            new Color(0x2C, 0xA0, 0x2C), new Color(0xD6, 0x27, 0x28), new Color(0x94, 0x67, 0xBD),
            new Color(0x8C, 0x56, 0x4B), new Color(0xE3, 0x77, 0xC2), new Color(0x7F, 0x7F, 0x7F),
            new Color(0xBC, 0xBD, 0x22), new Color(0x17, 0xBE, 0xCF));

    private static final float[][] DASHES = {null, {8f, 5f}, {2f, 4f}, {10f, 4f, 2f, 4f}};

    private ChartStyle() {
    }

    /** The colour of a named series ({@code "used_memory"}, {@code "query"}, {@code "p99"}...). */
    public static Color color(String series) {
        return SERIES.getOrDefault(series, FALLBACK);
    }

    /**
     * The i-th colour for series without a fixed colour: the ten of the cycle, then hues a golden angle
     * apart (each new one falls in the widest gap left), so a spectrum of many steps never repeats a colour.
     */
    public static Color cycle(int i) {
        if (i >= 0 && i < CYCLE.size()) {
            return CYCLE.get(i);
        }
        int n = Math.abs(i) - CYCLE.size();
        float hue = (float) ((0.07 + n * 0.6180339887) % 1.0);
        // Two brightness levels alternate so neighbouring hues also differ in lightness.
        return Color.getHSBColor(hue, 0.80f, n % 2 == 0 ? 0.80f : 0.60f);
    }

    /** The line of the run at {@code runIndex} when runs are overlaid: solid, dashed, dotted, dash-dot. */
    public static Stroke stroke(int runIndex) {
        float[] dash = DASHES[Math.floorMod(runIndex, DASHES.length)];
        return dash == null ? new BasicStroke(2f)
                : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, dash, 0f);
    }

    /** Applies the shared look to a chart built by the catalogue. */
    public static JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(BACKGROUND);
        chart.setAntiAlias(true);
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            legend.setBackgroundPaint(BACKGROUND);
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(BACKGROUND);
        plot.setOutlinePaint(GRID);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
        } else if (plot instanceof org.jfree.chart.plot.CategoryPlot cat) {
            cat.setRangeGridlinePaint(GRID);
        }
        return chart;
    }

    /** An axis of elapsed run time in seconds whose ticks read {@code m:ss} or {@code h:mm:ss}. */
    public static NumberAxis elapsedAxis() {
        NumberAxis axis = new NumberAxis("elapsed since the run started");
        ElapsedFormat format = new ElapsedFormat();
        // Ticks at steps a clock reads well: 0.5 s, 1 s, ... 15 s, 1 min, 5 min, 30 min, 1 h, ...
        TickUnits units = new TickUnits();
        for (double size : new double[] {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900,
            1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800}) {
            units.add(new NumberTickUnit(size, format));
        }
        axis.setStandardTickUnits(units);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    /** A unit that makes {@code maxBytes} read well on an axis: bytes, KiB, MiB or GiB. */
    public static ByteUnit byteUnit(double maxBytes) {
        if (maxBytes >= 8.0 * (1L << 30)) {
            return new ByteUnit("GiB", 1L << 30);
        } else if (maxBytes >= 8.0 * (1L << 20)) {
            return new ByteUnit("MiB", 1L << 20);
        } else if (maxBytes >= 8.0 * 1024) {
            return new ByteUnit("KiB", 1024);
        }
        return new ByteUnit("bytes", 1);
    }

    /** A byte unit for axes: its name and how many bytes it holds. */
    public record ByteUnit(String name, double bytes) {
    }

    /** Formats seconds as {@code 7.5 s} under a minute, then {@code m:ss} and {@code h:mm:ss}. */
    static final class ElapsedFormat extends LabelFormat {

        @Override
        public StringBuffer format(double seconds, StringBuffer to, FieldPosition pos) {
            if (Math.abs(seconds) < 60) {
                // Up to two decimals: ticks of a run shorter than a second are 0.05 s apart.
                String s = String.format(Locale.ROOT, "%.2f", seconds).replaceAll("\\.?0+$", "");
                return to.append(s).append(" s");
            }
            long s = Math.round(seconds);
            String sign = s < 0 ? "-" : "";
            s = Math.abs(s);
            if (s >= 3600) {
                return to.append(String.format(Locale.ROOT, "%s%d:%02d:%02d", sign, s / 3600, s / 60 % 60, s % 60));
            }
            return to.append(String.format(Locale.ROOT, "%s%d:%02d", sign, s / 60, s % 60));
        }
    }

    /** A format for axis tick labels only: longs format as doubles, labels are never parsed. */
    abstract static class LabelFormat extends NumberFormat {

        @Override
        public StringBuffer format(long value, StringBuffer to, FieldPosition pos) {
            return format((double) value, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("axis labels are not parsed");
        }
    }
}
