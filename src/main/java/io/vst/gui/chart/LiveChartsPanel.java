package io.vst.gui.chart;

import io.vst.engine.RunPlan;
import io.vst.gui.live.FeedBatch;
import io.vst.gui.live.LiveView;
import io.vst.metrics.Recorders;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.report.ChartCatalog;
import io.vst.report.ChartSpec;
import io.vst.report.ChartValues;
import io.vst.rundir.RunData;
import io.vst.report.TimeCharts;
import java.awt.GridLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingConstants;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;

/**
 * The live charts of a run: the report's chart catalogue drawn over time ({@link ChartCatalog} entries read
 * from the timeline), with the same titles and lines under the same names as report.html and the PNGs, steps
 * shaded and checkpoints marked. A chart joins the panel once the run holds data for it by the catalogue's
 * own test, so a run without the search module shows no empty search line; the charts a user looks for first
 * ({@link ChartCatalog#ALWAYS_SHOWN}) are there from the start and, while they have no data, say why in
 * their plot ("waiting for the first sample", "no queries in this run"). Data arrives in batches from the
 * run's Swing timer and each chart redraws about once a second; pausing stops redraws, not the data, so
 * resuming shows everything. All charts share one time axis ({@link ChartGroup}): zooming one with the mouse
 * zooms all, the context menu's auto range restores all, and a crosshair follows the mouse on every chart;
 * hovering a point shows its value with its unit.
 */
public final class LiveChartsPanel extends JPanel implements LiveView {

    /** Points per line before the history is halved; keeps a multi-hour run smooth. */
    public static final int MAX_POINTS = 1200;
    private static final double MIB = 1024.0 * 1024;
    /** Each chart redraws about this often during a run; data keeps arriving in between. */
    public static final long REDRAW_MS = 1000;
    /** Every catalogue chart over time, in report order; shown or not yet. */
    private final List<Entry> entries = new ArrayList<>();
    /** Operations the run has done ({@code <op>_count} above zero), as the report's throughput chart asks. */
    private final Set<String> operations = new HashSet<>();
    private final JLabel empty = new JLabel("Charts appear with the first samples of a run.", SwingConstants.CENTER);
    private final ChartGroup group = new ChartGroup();
    /** Elapsed seconds of the run's first sample, NaN before it. */
    private double firstSeconds = Double.NaN;
    private final RunEvidence evidence = new RunEvidence();
    /** Charts shown whatever their data in this run; a watch (a plan without steps) shows none of them. */
    private List<String> alwaysShown = ChartCatalog.ALWAYS_SHOWN;
    private boolean paused;
    private long lastRedraw;
    private int nextToRedraw;

    /** A catalogue chart, its live chart and whether the panel shows it yet. */
    private static final class Entry {
        final ChartSpec spec;
        final LiveChart chart;
        final ChartPanel panel;
        boolean shown;
        boolean hasData;

        Entry(ChartSpec spec, LiveChart chart, ChartPanel panel) {
            this.spec = spec;
            this.chart = chart;
            this.panel = panel;
        }
    }

    /** EDT only. */
    public LiveChartsPanel() {
        super(new GridLayout(0, 3, 4, 4));
        setName("liveChartsPanel");
        empty.setName("liveChartsEmpty");
        for (ChartSpec spec : ChartCatalog.all()) {
            TimeCharts.Definition shape = spec.needs().contains(ChartSpec.Source.TIMELINE)
                    ? TimeCharts.definition(spec.id(), op -> true) : null;
            if (shape != null) {
                boolean bytes = TimeCharts.BYTES.equals(shape.unit());
                LiveChart c = new LiveChart(spec.id(), spec.title(), shape.yLabel() + (bytes ? " (MiB)" : ""),
                        lines(spec), MAX_POINTS, shape.yMax());
                c.chart().getXYPlot().getRenderer().setDefaultToolTipGenerator(
                        ChartValues.tooltips(shape.unit(), bytes ? MIB : 1));
                // Charts only redraw when flushed (see addSamples); the buffer makes other repaints a copy.
                c.chart().setNotify(false);
                ChartPanel p = new HoverChartPanel(c.chart());
                p.setName("chart." + c.id());
                p.setMouseWheelEnabled(true);
                p.setMinimumDrawWidth(200);
                p.setMinimumDrawHeight(150);
                entries.add(new Entry(spec, c, p));
            }
        }
        showAlwaysShown();
    }

    /** Recolours every shown chart, with data or saying why not, for the theme installed now. EDT only. */
    @Override
    public void updateUI() {
        super.updateUI();
        // Called by JPanel's constructor too, before the fields exist.
        if (entries != null) {
            shown().forEach(e -> ChartTheme.apply(e.chart.chart()));
            redraw();
        }
    }

    /** The catalogue's lines of {@code spec} for the operations seen so far, in the live chart's units. */
    private List<ChartSeriesSpec> lines(ChartSpec spec) {
        TimeCharts.Definition d = TimeCharts.definition(spec.id(), operations::contains);
        boolean bytes = TimeCharts.BYTES.equals(d.unit());
        List<ChartSeriesSpec> out = new ArrayList<>();
        for (TimeCharts.Line l : d.lines()) {
            out.add(new ChartSeriesSpec(l.column(), l.name(), 1 / (bytes ? MIB : l.divisor()), l.colorKey()));
        }
        return out;
    }

    /** Empties every chart for the new run. EDT only. */
    @Override
    public void runStarting(RunPlan plan) {
        alwaysShown = plan != null && plan.steps().isEmpty() ? List.of() : ChartCatalog.ALWAYS_SHOWN;
        clear();
    }

    /**
     * Shades the top-level steps that started and ended, adds the samples, marks the checkpoints, and
     * redraws every chart once the run has ended. EDT only.
     */
    @Override
    public void apply(FeedBatch b) {
        // Starts and ends of top-level steps in time order, so several steps in one batch shade correctly.
        List<StepEdge> edges = new ArrayList<>();
        for (FeedBatch.StepAt s : b.started()) {
            if (s.step().depth() == 0) {
                edges.add(new StepEdge(s.elapsedSeconds(), true, s.step().name()));
            }
        }
        for (FeedBatch.Finished f : b.finished()) {
            if (f.step().depth() == 0) {
                edges.add(new StepEdge(f.elapsedSeconds(), false, null));
            }
        }
        // At one instant an end comes before a start: the previous step closes, then the next one opens.
        edges.sort(java.util.Comparator.comparingDouble(StepEdge::atSeconds).thenComparing(StepEdge::start));
        for (StepEdge e : edges) {
            if (e.start()) {
                stepStarted(e.name(), e.atSeconds());
            } else {
                stepEnded(e.atSeconds());
            }
        }
        addSamples(b.samples());
        b.checkpoints().forEach(cp -> checkpoint(cp.name(), cp.elapsedSeconds()));
        if (b.outcome() != null) {
            redraw();
        }
    }

    private record StepEdge(double atSeconds, boolean start, String name) {
    }

    /**
     * Adds a batch of samples to every chart, shows the charts the run now holds data for, and redraws one
     * shown chart in turn once {@link #REDRAW_MS} divided by their number has passed: all charts drawn
     * together four times a second would cost the EDT more than the data, and one at a time keeps each
     * paint short. EDT only.
     */
    public void addSamples(List<Sample> batch) {
        if (noteOperations(batch)) {
            entries.forEach(e -> e.chart.setLines(lines(e.spec)));
        }
        entries.forEach(e -> e.chart.add(batch));
        if (!batch.isEmpty()) {
            double first = Math.min(0, Double.isNaN(firstSeconds) ? batch.get(0).elapsedSeconds() : firstSeconds);
            firstSeconds = first;
            double last = batch.get(batch.size() - 1).elapsedSeconds();
            // One time axis for all charts, as the report's: from the run's start to its last sample and 1 % more.
            group.showSpan(new org.jfree.data.Range(first, Math.max(last + (last - first) * 0.01, first + 1)));
        }
        showChartsWithData(batch);
        evidence.note(batch);
        sayWhyEmpty();
        List<Entry> shown = shown();
        long now = System.nanoTime() / 1_000_000;
        if (!paused && !shown.isEmpty() && now - lastRedraw >= REDRAW_MS / shown.size()) {
            lastRedraw = now;
            LiveChart c = shown.get(nextToRedraw % shown.size()).chart;
            nextToRedraw = (nextToRedraw + 1) % shown.size();
            c.chart().setNotify(true);
            c.chart().setNotify(false);
        }
    }

    /** Notes the operations the batch shows; whether any is new. */
    private boolean noteOperations(List<Sample> batch) {
        boolean added = false;
        for (String op : Recorders.STANDARD) {
            if (!operations.contains(op)) {
                String count = TimelineColumns.operation(op, "count");
                if (batch.stream().anyMatch(s -> s.get(count) > 0)) {
                    added |= operations.add(op);
                }
            }
        }
        return added;
    }

    /** Shows, in catalogue order, each chart the catalogue finds data for in this batch for the first time. */
    private void showChartsWithData(List<Sample> batch) {
        RunData data = null;
        for (Entry e : entries) {
            if (!e.hasData && !batch.isEmpty()) {
                if (data == null) {
                    data = new RunData("");
                    batch.forEach(data::addSample);
                }
                if (e.spec.hasData(data)) {
                    e.hasData = true;
                    e.chart.setEmptyReason(null);
                    show(e);
                }
            }
        }
    }

    private void show(Entry e) {
        if (e.shown) {
            return;
        }
        e.shown = true;
        // The theme may have changed since the chart was made (only shown charts are recoloured).
        ChartTheme.apply(e.chart.chart());
        remove(empty);
        add(e.panel, shown().indexOf(e));
        group.add(e.panel);
        revalidate();
        repaint();
    }

    /** Shows the charts shown whatever their data, each saying why it has none yet. */
    private void showAlwaysShown() {
        for (Entry e : entries) {
            if (alwaysShown.contains(e.spec.id())) {
                show(e);
            }
        }
        if (shown().isEmpty()) {
            add(empty);
        }
        sayWhyEmpty();
    }

    /** Puts the catalogue's reason in the plot of each shown chart without data. */
    private void sayWhyEmpty() {
        for (Entry e : shown()) {
            if (!e.hasData) {
                e.chart.setEmptyReason(e.spec.emptyReason(evidence.run()));
            }
        }
    }

    private List<Entry> shown() {
        return entries.stream().filter(e -> e.shown).toList();
    }

    /** Shown charts that have data: what exports and snapshots hold. */
    private List<Entry> withData() {
        return entries.stream().filter(e -> e.shown && e.hasData).toList();
    }

    /** Redraws every shown chart now (unless paused). EDT only. */
    public void redraw() {
        lastRedraw = System.nanoTime() / 1_000_000;
        if (!paused) {
            for (Entry e : shown()) {
                e.chart.chart().setNotify(true);
                e.chart.chart().setNotify(false);
            }
        }
    }

    /** Shades a top-level step from {@code atSeconds}. EDT only. */
    public void stepStarted(String name, double atSeconds) {
        entries.forEach(e -> e.chart.stepStarted(name, atSeconds));
    }

    /** Ends the open step's shading. EDT only. */
    public void stepEnded(double atSeconds) {
        entries.forEach(e -> e.chart.stepEnded(atSeconds));
    }

    /** Marks a checkpoint. EDT only. */
    public void checkpoint(String name, double atSeconds) {
        entries.forEach(e -> e.chart.checkpoint(name, atSeconds));
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

    /** Empties and hides every chart for a new run. EDT only. */
    public void clear() {
        operations.clear();
        evidence.clear();
        firstSeconds = Double.NaN;
        group.clear();
        removeAll();
        for (Entry e : entries) {
            e.shown = false;
            e.hasData = false;
            e.chart.clear();
            e.chart.setLines(lines(e.spec));
        }
        showAlwaysShown();
        revalidate();
        repaint();
        redraw();
    }

    /** The charts shown with data, by catalogue id, in report order. EDT only. */
    public Map<String, JFreeChart> charts() {
        Map<String, JFreeChart> out = new LinkedHashMap<>();
        withData().forEach(e -> out.put(e.spec.id(), e.chart.chart()));
        return out;
    }

    /** The charts shown without data, by catalogue id, with the reason each says in its plot. EDT only. */
    public Map<String, String> emptyReasons() {
        Map<String, String> out = new LinkedHashMap<>();
        shown().stream().filter(e -> !e.hasData).forEach(e -> out.put(e.spec.id(), e.chart.emptyReason()));
        return out;
    }

    /** Every chart panel shown, by catalogue id (with data or saying why not). EDT only. */
    public Map<String, ChartPanel> panels() {
        Map<String, ChartPanel> out = new LinkedHashMap<>();
        shown().forEach(e -> out.put(e.spec.id(), e.panel));
        return out;
    }

    /** The crosshair time of every shown chart, NaN where none is drawn. EDT only. */
    public List<Double> crosshairTimes() {
        return group.crosshairTimes();
    }

    /**
     * Copies of the shown charts with their own copies of the data, safe to draw on another thread (a PNG
     * export) while the live charts go on. EDT only.
     */
    public Map<String, JFreeChart> snapshot() {
        Map<String, JFreeChart> out = new LinkedHashMap<>();
        withData().forEach(e -> out.put(e.spec.id(), e.chart.snapshot()));
        return out;
    }

    /** Points in all lines of a chart (shown or not yet). EDT only. */
    public int pointCount(String chartId) {
        return entry(chartId).chart.pointCount();
    }

    /** Shaded steps of a chart (shown or not yet). EDT only. */
    public int stepCount(String chartId) {
        return entry(chartId).chart.stepCount();
    }

    private Entry entry(String chartId) {
        return entries.stream().filter(e -> e.spec.id().equals(chartId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no live chart '" + chartId + "'"));
    }
}
