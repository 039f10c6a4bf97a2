package io.vst.report;

import static io.vst.metrics.TimelineColumns.operation;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Recorders;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Builders of the charts over elapsed time, from the timeline columns. */
final class TimeCharts {

    /** Most points drawn per series; longer timelines keep each bucket's lowest and highest value. */
    static final int MAX_POINTS = 3000;

    private static final Color STEP_SHADE_A = new Color(0x1F, 0x77, 0xB4, 18);
    private static final Color STEP_SHADE_B = new Color(0x7F, 0x7F, 0x7F, 30);
    private static final Color CHECKPOINT = new Color(0x44, 0x44, 0x44);
    private static final Font MARKER_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private TimeCharts() {
    }

    /** One line: the colour key, the legend text, the timeline column and a divisor (for units). */
    record Line(String colorKey, String name, String column, double divisor) {
    }

    static JFreeChart memory(List<RunData> runs) {
        double max = 0;
        for (RunData r : runs) {
            for (Sample s : r.samples()) {
                max = Math.max(max, finiteOr0(s.get(TimelineColumns.USED_MEMORY_RSS)));
                max = Math.max(max, finiteOr0(s.get(TimelineColumns.USED_MEMORY)));
            }
        }
        ChartStyle.ByteUnit unit = ChartStyle.byteUnit(max);
        double d = unit.bytes();
        return chart("Memory over time", "memory (" + unit.name() + ")", runs, List.of(
                new Line("used_memory", "used_memory", TimelineColumns.USED_MEMORY, d),
                new Line("rss", "used_memory_rss", TimelineColumns.USED_MEMORY_RSS, d),
                new Line("dataset", "used_memory_dataset", TimelineColumns.USED_MEMORY_DATASET, d),
                new Line("allocator_active", "allocator_active", TimelineColumns.ALLOCATOR_ACTIVE, d),
                new Line("allocator_resident", "allocator_resident", TimelineColumns.ALLOCATOR_RESIDENT, d),
                new Line("search", "search index memory", TimelineColumns.SEARCH_MEMORY, d)));
    }

    static JFreeChart fragmentation(List<RunData> runs) {
        return chart("Fragmentation ratios", "ratio", runs, List.of(
                new Line("allocator_frag_ratio", "allocator_frag_ratio (active/allocated)",
                        TimelineColumns.ALLOCATOR_FRAG_RATIO, 1),
                new Line("mem_frag_ratio", "mem_fragmentation_ratio (RSS/used_memory)",
                        TimelineColumns.MEM_FRAG_RATIO, 1)));
    }

    static JFreeChart vectors(List<RunData> runs) {
        return chart("Live vectors and indexed documents", "count", runs, List.of(
                new Line("live_vectors", "live vectors", TimelineColumns.LIVE_VECTORS, 1),
                new Line("num_docs", "search num_docs", TimelineColumns.SEARCH_NUM_DOCS, 1),
                new Line("dbsize", "keys (dbsize)", TimelineColumns.DBSIZE, 1)));
    }

    static JFreeChart throughput(List<RunData> runs) {
        List<Line> lines = new ArrayList<>();
        for (String op : Recorders.STANDARD) {
            if (runs.stream().anyMatch(r -> r.hasOperation(op))) {
                lines.add(new Line(op, op, operation(op, "ops_per_s"), 1));
            }
        }
        return chart("Throughput per operation", "operations per second", runs, lines);
    }

    static JFreeChart latency(List<RunData> runs, String op) {
        return chart("Latency of " + op + " over time", "latency (ms)", runs, List.of(
                new Line("p50", op + " p50", operation(op, "p50_ms"), 1),
                new Line("p99", op + " p99", operation(op, "p99_ms"), 1),
                new Line("p99.9", op + " p99.9", operation(op, "p999_ms"), 1),
                new Line("max", op + " max", operation(op, "max_ms"), 1)));
    }

    /**
     * Query latency as the client measured it beside the search module's own figures (INFO SEARCH
     * {@code search_*_vector_index_search_latency_usec}): the module times the vector index search only,
     * and keeps one histogram for its whole life, so its line moves slowly and does not reset per step.
     */
    static JFreeChart serverLatency(List<RunData> runs) {
        return chart("Query latency: client and server", "latency (ms)", runs, List.of(
                new Line("p50", "client p50", operation("query", "p50_ms"), 1),
                new Line("p99", "client p99", operation("query", "p99_ms"), 1),
                new Line("index", "server HNSW search p50", TimelineColumns.SEARCH_HNSW_P50, 1000),
                new Line("p99.9", "server HNSW search p99", TimelineColumns.SEARCH_HNSW_P99, 1000),
                new Line("recall", "server FLAT search p99", TimelineColumns.SEARCH_FLAT_P99, 1000)));
    }

    static JFreeChart recall(List<RunData> runs) {
        JFreeChart chart = chart("Recall over time", "recall@k", runs,
                List.of(new Line("recall", "recall", TimelineColumns.RECALL, 1)));
        NumberAxis axis = (NumberAxis) chart.getXYPlot().getRangeAxis();
        axis.setRange(0, 1.02);
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

    /** Shades each step (alternating), labels it, and draws a line at each checkpoint. */
    static void markSteps(XYPlot plot, RunData run) {
        int shade = 0;
        List<RunData.StepSpan> spans = run.stepSpans();
        double total = spans.isEmpty() ? 0 : spans.get(spans.size() - 1).endSeconds() - spans.get(0).startSeconds();
        for (RunData.StepSpan span : spans) {
            if (span.isCheckpoint()) {
                continue;
            }
            IntervalMarker m = new IntervalMarker(span.startSeconds(), Math.max(span.endSeconds(), span.startSeconds()));
            m.setPaint(shade++ % 2 == 0 ? STEP_SHADE_A : STEP_SHADE_B);
            // A label on a sliver of the run would print over its neighbours' labels.
            if (span.endSeconds() - span.startSeconds() >= 0.04 * total) {
                m.setLabel(span.name());
            }
            m.setLabelFont(MARKER_FONT);
            m.setLabelPaint(Color.DARK_GRAY);
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(m, Layer.BACKGROUND);
        }
        for (CheckpointResult c : run.checkpoints()) {
            ValueMarker m = new ValueMarker(c.elapsedSeconds());
            m.setPaint(CHECKPOINT);
            m.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 3f}, 0f));
            m.setLabel("◆ " + c.name());
            m.setLabelFont(MARKER_FONT);
            m.setLabelPaint(CHECKPOINT);
            // Near the right edge the label goes to the left of its line, or the edge would cut it.
            boolean nearEnd = c.elapsedSeconds() > 0.85 * end(run);
            m.setLabelAnchor(nearEnd ? RectangleAnchor.BOTTOM_LEFT : RectangleAnchor.BOTTOM_RIGHT);
            m.setLabelTextAnchor(nearEnd ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT);
            plot.addDomainMarker(m, Layer.FOREGROUND);
        }
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
