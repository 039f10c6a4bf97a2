package io.vst.report;

import static io.vst.metrics.TimelineColumns.operation;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Recorders;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Builders of the charts over elapsed time, from the timeline columns. Their {@link #definition(String,
 * Predicate) definitions} (title, unit, lines) are public so the workbench's live charts draw the same
 * lines under the same names as report.html and the PNGs.
 */
public final class TimeCharts {

    /** Most points drawn per series; longer timelines keep each bucket's lowest and highest value. */
    static final int MAX_POINTS = 3000;

    private static final Color STEP_SHADE_A = new Color(0x1F, 0x77, 0xB4, 18);
    private static final Color STEP_SHADE_B = new Color(0x7F, 0x7F, 0x7F, 30);
    private static final Color CHECKPOINT = new Color(0x44, 0x44, 0x44);
    private static final Font MARKER_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private TimeCharts() {
    }

    /** One line: the colour key, the legend text, the timeline column and a divisor (for units). */
    public record Line(String colorKey, String name, String column, double divisor) {
    }

    /** Units a time chart's values are in; the page formats hover values and axes by them. */
    public static final String BYTES = "bytes";
    public static final String RATIO = "ratio";
    public static final String COUNT = "count";
    public static final String OPS = "ops/s";
    public static final String MS = "ms";
    public static final String RECALL = "recall";

    /**
     * What a time chart draws, shared by the PNG and the interactive page.
     *
     * @param unit one of {@link #BYTES}, {@link #RATIO}, {@link #COUNT}, {@link #OPS}, {@link #MS}, {@link #RECALL}
     * @param yLabel the value axis label (bytes charts add their unit)
     * @param lines the lines, in legend order; bytes lines have divisor 1
     * @param yMax the top of the value axis, or NaN to fit the data
     */
    public record Definition(String title, String unit, String yLabel, List<Line> lines, double yMax) {
    }

    /** The definition of the time chart {@code id} for these runs, or null when {@code id} is no time chart. */
    static Definition definition(String id, List<RunData> runs) {
        return definition(id, op -> runs.stream().anyMatch(r -> r.hasOperation(op)));
    }

    /**
     * The definition of the time chart {@code id} when the operations for which {@code hasOperation} holds
     * ran, or null when {@code id} is no time chart. Any thread.
     */
    public static Definition definition(String id, Predicate<String> hasOperation) {
        return switch (id) {
            case "memory" -> new Definition("Memory over time", BYTES, "memory", List.of(
                    new Line("used_memory", "used_memory", TimelineColumns.USED_MEMORY, 1),
                    new Line("rss", "used_memory_rss", TimelineColumns.USED_MEMORY_RSS, 1),
                    new Line("dataset", "used_memory_dataset", TimelineColumns.USED_MEMORY_DATASET, 1),
                    new Line("allocator_active", "allocator_active", TimelineColumns.ALLOCATOR_ACTIVE, 1),
                    new Line("allocator_resident", "allocator_resident", TimelineColumns.ALLOCATOR_RESIDENT, 1),
                    new Line("search", "search index memory", TimelineColumns.SEARCH_MEMORY, 1)), Double.NaN);
            case "fragmentation" -> new Definition("Fragmentation ratios", RATIO, "ratio", List.of(
                    new Line("allocator_frag_ratio", "allocator_frag_ratio (active/allocated)",
                            TimelineColumns.ALLOCATOR_FRAG_RATIO, 1),
                    new Line("mem_frag_ratio", "mem_fragmentation_ratio (RSS/used_memory)",
                            TimelineColumns.MEM_FRAG_RATIO, 1)), Double.NaN);
            case "vectors" -> new Definition("Live vectors and indexed documents", COUNT, "count", List.of(
                    new Line("live_vectors", "live vectors", TimelineColumns.LIVE_VECTORS, 1),
                    new Line("num_docs", "search num_docs", TimelineColumns.SEARCH_NUM_DOCS, 1),
                    new Line("dbsize", "keys (dbsize)", TimelineColumns.DBSIZE, 1)), Double.NaN);
            case "throughput" -> new Definition("Throughput per operation", OPS, "operations per second",
                    Recorders.STANDARD.stream().filter(hasOperation)
                            .map(op -> new Line(op, op, operation(op, "ops_per_s"), 1)).toList(), Double.NaN);
            case "server-throughput" -> new Definition("Server throughput", OPS, "commands per second",
                    List.of(new Line("server_ops", "server ops/s (all clients)", TimelineColumns.SERVER_OPS, 1)),
                    Double.NaN);
            case "server-clients" -> new Definition("Connected clients", COUNT, "clients",
                    List.of(new Line("connected_clients", "connected_clients", TimelineColumns.CONNECTED_CLIENTS, 1)),
                    Double.NaN);
            // The module's figures (INFO SEARCH search_*_vector_index_search_latency_usec) time the vector index
            // search only, and keep one histogram for the module's whole life: their line moves slowly and does
            // not reset per step.
            case "latency-query-server" -> new Definition("Query latency: client and server", MS, "latency (ms)",
                    List.of(new Line("p50", "client p50", operation("query", "p50_ms"), 1),
                            new Line("p99", "client p99", operation("query", "p99_ms"), 1),
                            new Line("index", "server HNSW search p50", TimelineColumns.SEARCH_HNSW_P50, 1000),
                            new Line("p99.9", "server HNSW search p99", TimelineColumns.SEARCH_HNSW_P99, 1000),
                            new Line("recall", "server FLAT search p99", TimelineColumns.SEARCH_FLAT_P99, 1000)),
                    Double.NaN);
            case "recall" -> new Definition("Recall over time", RECALL, "recall@k",
                    List.of(new Line("recall", "recall", TimelineColumns.RECALL, 1)), 1.02);
            default -> id.startsWith("latency-") ? latency(id.substring("latency-".length())) : null;
        };
    }

    private static Definition latency(String op) {
        return new Definition("Latency of " + op + " over time", MS, "latency (ms)", List.of(
                new Line("p50", op + " p50", operation(op, "p50_ms"), 1),
                new Line("p99", op + " p99", operation(op, "p99_ms"), 1),
                new Line("p99.9", op + " p99.9", operation(op, "p999_ms"), 1),
                new Line("max", op + " max", operation(op, "max_ms"), 1)), Double.NaN);
    }

    /** The PNG chart of the time chart {@code id}; bytes read in the unit that suits the largest figure. */
    static JFreeChart draw(String id, List<RunData> runs) {
        Definition d = definition(id, runs);
        if (d == null) {
            throw new IllegalArgumentException("no time chart '" + id + "'");
        }
        List<Line> lines = d.lines();
        String yLabel = d.yLabel();
        double multiplier = 1;
        if (BYTES.equals(d.unit())) {
            double max = 0;
            for (RunData r : runs) {
                for (Sample s : r.samples()) {
                    for (Line line : lines) {
                        max = Math.max(max, finiteOr0(s.get(line.column())));
                    }
                }
            }
            ChartStyle.ByteUnit unit = ChartStyle.byteUnit(max);
            yLabel = yLabel + " (" + unit.name() + ")";
            lines = lines.stream().map(l -> new Line(l.colorKey(), l.name(), l.column(), unit.bytes())).toList();
            multiplier = unit.bytes();
        }
        JFreeChart chart = chart(d.title(), yLabel, runs, lines);
        // Hover texts for a chart on screen; an image does not draw them.
        chart.getXYPlot().getRenderer().setDefaultToolTipGenerator(ChartValues.tooltips(d.unit(), multiplier));
        if (!Double.isNaN(d.yMax())) {
            ((NumberAxis) chart.getXYPlot().getRangeAxis()).setRange(0, d.yMax());
        }
        return chart;
    }

    private static JFreeChart chart(String title, String yLabel, List<RunData> runs, List<Line> lines) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int r = 0; r < runs.size(); r++) {
            List<Sample> samples = runs.get(r).samples();
            for (Line line : lines) {
                XYSeries series = series(ChartCatalog.legend(runs, r, line.name()), samples, line);
                if (series.getItemCount() == 0) {
                    continue;
                }
                int index = data.getSeriesCount();
                data.addSeries(series);
                renderer.setSeriesPaint(index, ChartStyle.color(line.colorKey()));
                renderer.setSeriesStroke(index, ChartStyle.stroke(r));
                // A timeline of a few samples (a short run) shows its points, or a lone sample would be invisible.
                renderer.setSeriesShapesVisible(index, series.getItemCount() < 30);
            }
        }
        NumberAxis range = new NumberAxis(yLabel);
        range.setAutoRangeIncludesZero(true);
        NumberAxis domain = ChartStyle.elapsedAxis();
        double end = runs.stream().mapToDouble(TimeCharts::end).max().orElse(0);
        if (end > 0) {
            // Every time chart spans the whole run, so charts stacked in a report line up.
            domain.setRange(0, end * 1.01);
        }
        XYPlot plot = new XYPlot(data, domain, range, renderer);
        markSteps(plot, runs.get(0));
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    /** The last elapsed second the run knows of: its last sample or the end of its last step. */
    static double end(RunData run) {
        List<Sample> samples = run.samples();
        double end = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).elapsedSeconds();
        for (RunData.StepSpan span : run.stepSpans()) {
            end = Math.max(end, span.endSeconds());
        }
        return end;
    }

    /**
     * Shades each step (alternating), draws a line at each checkpoint, and labels both with {@link MarkerLabels}
     * so that no two names overlap.
     */
    static void markSteps(XYPlot plot, RunData run) {
        int shade = 0;
        List<RunData.StepSpan> spans = run.stepSpans();
        MarkerLabels labels = new MarkerLabels(MARKER_FONT);
        labels.setPaints(Color.DARK_GRAY, CHECKPOINT);
        for (RunData.StepSpan span : spans) {
            if (span.isCheckpoint()) {
                continue;
            }
            IntervalMarker m = new IntervalMarker(span.startSeconds(), Math.max(span.endSeconds(), span.startSeconds()));
            m.setPaint(shade++ % 2 == 0 ? STEP_SHADE_A : STEP_SHADE_B);
            plot.addDomainMarker(m, Layer.BACKGROUND);
            labels.add(span.name(), span.startSeconds(), false);
        }
        for (CheckpointResult c : run.checkpoints()) {
            ValueMarker m = new ValueMarker(c.elapsedSeconds());
            m.setPaint(CHECKPOINT);
            m.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 3f}, 0f));
            plot.addDomainMarker(m, Layer.FOREGROUND);
            labels.add(c.name(), c.elapsedSeconds(), true);
        }
        plot.addAnnotation(labels);
    }

    /**
     * The column as a series over elapsed seconds, without unread figures; past {@link #MAX_POINTS}
     * each bucket keeps its lowest and highest point so spikes stay visible.
     */
    static XYSeries series(String key, List<Sample> samples, Line line) {
        XYSeries series = new XYSeries(key, false, true);
        int n = samples.size();
        int bucket = n <= MAX_POINTS ? 1 : (int) Math.ceil(n / (MAX_POINTS / 2.0));
        List<double[]> batch = new ArrayList<>();
        for (int start = 0; start < n; start += bucket) {
            int lo = -1;
            int hi = -1;
            for (int i = start; i < Math.min(n, start + bucket); i++) {
                double v = samples.get(i).get(line.column());
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    continue;
                }
                if (lo < 0 || v < samples.get(lo).get(line.column())) {
                    lo = i;
                }
                if (hi < 0 || v > samples.get(hi).get(line.column())) {
                    hi = i;
                }
            }
            if (lo < 0) {
                continue;
            }
            batch.clear();
            batch.add(point(samples.get(Math.min(lo, hi)), line));
            if (lo != hi) {
                batch.add(point(samples.get(Math.max(lo, hi)), line));
            }
            for (double[] p : batch) {
                series.add(p[0], p[1], false);
            }
        }
        return series;
    }

    private static double[] point(Sample s, Line line) {
        return new double[] {s.elapsedSeconds(), s.get(line.column()) / line.divisor()};
    }

    private static double finiteOr0(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? 0 : v;
    }
}
