package io.vst.gui.chart;

import io.vst.metrics.Recorders;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import java.awt.GridLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.swing.JPanel;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;

/**
 * The live charts of a run: memory, fragmentation, throughput, latency percentiles, live vectors and
 * recall, with steps shaded and checkpoints marked. Data arrives in batches from the run's Swing timer and
 * the charts redraw at most once a second; pausing stops redraws, not the data, so resuming shows
 * everything. Each chart can be zoomed with the
 * mouse while the run goes on (the context menu's auto range returns).
 */
public final class LiveChartsPanel extends JPanel {

    /** Points per line before the history is halved; keeps a multi-hour run smooth. */
    public static final int MAX_POINTS = 1200;
    private static final double MIB = 1.0 / (1024 * 1024);
    private final Map<String, LiveChart> charts = new LinkedHashMap<>();
    /** Each chart redraws about this often during a run; data keeps arriving in between. */
    public static final long REDRAW_MS = 1000;
    private boolean paused;
    private long lastRedraw;
    private int nextToRedraw;

    /** EDT only. */
    public LiveChartsPanel() {
        super(new GridLayout(2, 3, 4, 4));
        setName("liveChartsPanel");
        add(new LiveChart("memory", "Memory", "MiB", List.of(
                new ChartSeriesSpec(TimelineColumns.USED_MEMORY, "used_memory", MIB, "used_memory"),
                new ChartSeriesSpec(TimelineColumns.USED_MEMORY_RSS, "rss", MIB, "rss"),
                new ChartSeriesSpec(TimelineColumns.SEARCH_MEMORY, "search", MIB, "search")), MAX_POINTS));
        add(new LiveChart("fragmentation", "Fragmentation", "ratio", List.of(
                new ChartSeriesSpec(TimelineColumns.MEM_FRAG_RATIO, "rss / used", 1, "mem_frag_ratio"),
                new ChartSeriesSpec(TimelineColumns.ALLOCATOR_FRAG_RATIO, "allocator", 1, "allocator_frag_ratio")), MAX_POINTS));
        add(new LiveChart("throughput", "Throughput", "ops/s", perOperation("ops_per_s"), MAX_POINTS));
        List<ChartSeriesSpec> latency = new ArrayList<>();
        for (String op : Recorders.STANDARD) {
            latency.add(new ChartSeriesSpec(TimelineColumns.operation(op, "p50_ms"), op + " p50", 1, "p50"));
            latency.add(new ChartSeriesSpec(TimelineColumns.operation(op, "p99_ms"), op + " p99", 1, "p99"));
            latency.add(new ChartSeriesSpec(TimelineColumns.operation(op, "p999_ms"), op + " p99.9", 1, "p99.9"));
        }
        add(new LiveChart("latency", "Latency", "ms", latency, MAX_POINTS));
        add(new LiveChart("live_vectors", "Live vectors", "vectors", List.of(
                new ChartSeriesSpec(TimelineColumns.LIVE_VECTORS, "live", 1, "live_vectors"),
                new ChartSeriesSpec(TimelineColumns.SEARCH_NUM_DOCS, "indexed", 1, "num_docs")), MAX_POINTS));
        add(new LiveChart("recall", "Recall", "recall@k", List.of(
                new ChartSeriesSpec(TimelineColumns.RECALL, "recall", 1, "recall")), MAX_POINTS));
    }

    private static List<ChartSeriesSpec> perOperation(String suffix) {
        List<ChartSeriesSpec> out = new ArrayList<>();
        for (String op : Recorders.STANDARD) {
            out.add(new ChartSeriesSpec(TimelineColumns.operation(op, suffix), op, 1, op));
        }
        return out;
    }

    private void add(LiveChart c) {
        charts.put(c.id(), c);
        // Charts only redraw when flushed (see addSamples); the buffer makes other repaints a copy.
        c.chart().setNotify(false);
        ChartPanel p = new ChartPanel(c.chart(), true);
        p.setName("chart." + c.id());
        p.setMouseWheelEnabled(true);
        p.setMinimumDrawWidth(200);
        p.setMinimumDrawHeight(150);
        add(p);
    }

    /**
     * Adds a batch of samples to every chart and redraws one chart in turn once {@link #REDRAW_MS} divided
     * by the number of charts has passed: six anti-aliased charts drawn together four times a second would
     * cost the EDT more than the data, and one at a time keeps each paint short. EDT only.
     */
    public void addSamples(List<Sample> batch) {
        charts.values().forEach(c -> c.add(batch));
        long now = System.nanoTime() / 1_000_000;
        if (!paused && now - lastRedraw >= REDRAW_MS / charts.size()) {
            lastRedraw = now;
            LiveChart c = List.copyOf(charts.values()).get(nextToRedraw);
            nextToRedraw = (nextToRedraw + 1) % charts.size();
            c.chart().setNotify(true);
            c.chart().setNotify(false);
        }
    }

    /** Redraws every chart now (unless paused). EDT only. */
    public void redraw() {
        lastRedraw = System.nanoTime() / 1_000_000;
        if (!paused) {
            for (LiveChart c : charts.values()) {
                c.chart().setNotify(true);
                c.chart().setNotify(false);
            }
        }
    }

    /** Shades a top-level step from {@code atSeconds}. EDT only. */
    public void stepStarted(String name, double atSeconds) {
        charts.values().forEach(c -> c.stepStarted(name, atSeconds));
    }

    /** Ends the open step's shading. EDT only. */
    public void stepEnded(double atSeconds) {
        charts.values().forEach(c -> c.stepEnded(atSeconds));
    }

    /** Marks a checkpoint. EDT only. */
    public void checkpoint(String name, double atSeconds) {
        charts.values().forEach(c -> c.checkpoint(name, atSeconds));
    }

    /** Stops or resumes repainting; data keeps arriving either way. EDT only. */
    public void setPaused(boolean pause) {
        paused = pause;
        if (!pause) {
            redraw();
        }
    }

    /** EDT only. */
    public boolean paused() {
        return paused;
    }

    /** Empties every chart for a new run. EDT only. */
    public void clear() {
        charts.values().forEach(LiveChart::clear);
        redraw();
    }

    /** The charts by id (memory, fragmentation, throughput, latency, live_vectors, recall). EDT only. */
    public Map<String, JFreeChart> charts() {
        Map<String, JFreeChart> out = new LinkedHashMap<>();
        charts.forEach((k, v) -> out.put(k, v.chart()));
        return out;
    }

    /** Points in all lines of a chart. EDT only. */
    public int pointCount(String chartId) {
        return charts.get(chartId).pointCount();
    }

    /** Shaded steps of a chart. EDT only. */
    public int stepCount(String chartId) {
        return charts.get(chartId).stepCount();
    }
}
