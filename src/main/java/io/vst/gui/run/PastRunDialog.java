package io.vst.gui.run;

import io.vst.gui.chart.CatalogChartsPanel;
import io.vst.gui.live.FeedBatch;
import io.vst.gui.table.RowTableModel;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDirectory;
import io.vst.rundir.StepRecord;
import io.vst.units.Units;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Window;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;

/**
 * A past run opened whole: its steps as steps.csv records them (one row per step and operation: status,
 * operations, ops/s, errors, p50 / p90 / p99 / max), its checkpoints with their verdicts in the checkpoint
 * inspector ({@link CheckpointPanel}, the figures of report.html), its charts (the report's catalogue on one
 * time axis, {@link CatalogChartsPanel}), its {@code vst.log} ({@link RunLogPanel}: level filter and search),
 * and its report in the browser on a button.
 */
public final class PastRunDialog extends JDialog {

    static final String[] STEP_COLUMNS = {"step", "type", "status", "operations", "ops/s", "errors", "operation",
        "count", "p50 ms", "p90 ms", "p99 ms", "max ms", "live vectors", "recall", "detail"};
    private final Steps steps = new Steps();
    private final CheckpointPanel checkpoints = new CheckpointPanel();
    private final CatalogChartsPanel charts;
    private final RunLogPanel log = new RunLogPanel();
    private final CompletableFuture<Void> logShown;
    private final JTabbedPane tabs = new JTabbedPane();

    /** EDT only. {@code history} opens the report. */
    PastRunDialog(Window owner, Path dir, RunData run, RunHistoryPanel history) {
        super(owner, "Run " + dir.getFileName(), ModalityType.MODELESS);
        setName("pastRunDialog");
        List<StepLine> lines = new ArrayList<>();
        for (StepRecord r : run.steps()) {
            if (r.latency().isEmpty()) {
                lines.add(new StepLine(r, "", null));
            }
            for (Map.Entry<String, StepRecord.LatencySummary> e : r.latency().entrySet()) {
                lines.add(new StepLine(r, e.getKey(), e.getValue()));
            }
        }
        steps.setRows(lines);
        JTable stepTable = new JTable(steps);
        stepTable.setName("pastRunSteps");
        checkpoints.apply(new FeedBatch(dir, List.of(), List.of(), Map.of(), List.of(), run.checkpoints(), List.of(),
                null, null, null));
        if (checkpoints.count() > 0) {
            checkpoints.select(0);
        }
        tabs.setName("pastRunTabs");
        tabs.addTab("Steps (" + run.steps().size() + ")", new JScrollPane(stepTable));
        tabs.addTab("Checkpoints (" + run.checkpoints().size() + ")", checkpoints);
        charts = new CatalogChartsPanel(List.of(run));
        tabs.addTab("Charts (" + charts.charts().size() + ")", charts);
        tabs.addTab("Log", log);
        logShown = log.load(dir.resolve(RunDirectory.LOG), history.background());
        JButton report = new JButton("Open report in browser");
        report.setName("pastRunReport");
        report.addActionListener(e -> history.openReport(dir));
        JPanel bar = new JPanel(new FlowLayout(FlowLayout.LEFT));
        bar.add(report);
        bar.add(new JLabel(summary(dir, run)));
        setLayout(new BorderLayout());
        add(bar, BorderLayout.NORTH);
        add(tabs, BorderLayout.CENTER);
        setSize(1200, 700);
        setLocationRelativeTo(owner);
    }

    private static String summary(Path dir, RunData run) {
        RunRows.Entry e = new RunRows.Entry(dir, run.info(), null);
        return "  " + e.scenario() + " — " + e.outcome() + " — " + e.duration() + " — " + e.server();
    }

    /** The step table's cells, row by row, as shown. EDT only. */
    public List<List<String>> stepCells() {
        return TableCells.of(steps);
    }

    /** The tabs: steps, checkpoints, charts, log. EDT only. */
    public JTabbedPane tabs() {
        return tabs;
    }

    /** The run's charts. EDT only. */
    public CatalogChartsPanel charts() {
        return charts;
    }

    /** The run's log view. EDT only. */
    public RunLogPanel log() {
        return log;
    }

    /** Completes on the EDT once the log view shows vst.log (or why it cannot). Any thread. */
    public CompletableFuture<Void> logShown() {
        return logShown;
    }

    /** The checkpoint inspector. EDT only. */
    public CheckpointPanel checkpoints() {
        return checkpoints;
    }

    /** One row: a step, and one of its operations' latency (null for a step without operations). */
    private record StepLine(StepRecord step, String operation, StepRecord.LatencySummary latency) {
    }

    private static final class Steps extends RowTableModel<StepLine> {
        Steps() {
            super(STEP_COLUMNS);
        }

        @Override
        protected Object value(StepLine l, int column) {
            StepRecord r = l.step();
            StepRecord.LatencySummary lat = l.latency();
            return switch (column) {
                case 0 -> r.name();
                case 1 -> r.type();
                case 2 -> r.status();
                case 3 -> Units.count(r.operations());
                case 4 -> r.operations() > 0 ? Units.rate(r.operationsPerSecond()) : "";
                case 5 -> Units.count(r.errors());
                case 6 -> l.operation();
                case 7 -> lat == null ? "" : Units.count(lat.count());
                case 8 -> lat == null ? "" : ms(lat.p50Ms());
                case 9 -> lat == null ? "" : ms(lat.p90Ms());
                case 10 -> lat == null ? "" : ms(lat.p99Ms());
                case 11 -> lat == null ? "" : ms(lat.maxMs());
                case 12 -> Units.count(r.liveVectorsAfter());
                case 13 -> Double.isNaN(r.recall()) ? "" : String.format(Locale.ROOT, "%.4f", r.recall());
                default -> r.detail() == null ? "" : r.detail();
            };
        }

        private static String ms(double v) {
            return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "";
        }
    }
}
