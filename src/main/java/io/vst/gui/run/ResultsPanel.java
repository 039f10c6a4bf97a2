package io.vst.gui.run;

import io.vst.engine.RunPlan;
import io.vst.gui.live.FeedBatch;
import io.vst.gui.live.LiveView;
import io.vst.gui.table.RowTableModel;
import io.vst.metrics.Recorders;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.StepRecord;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;

/**
 * The live results table, one row per step as JMeter's Summary Report: operations, ops/s, latency
 * percentiles, errors, live vectors and recall. A running step's row follows its progress (operations so
 * far, their rate since the step started, the latency of the last sample interval); when the step ends
 * the row shows its step record, the same figures as steps.csv and the report. Copy as CSV puts the
 * table on the clipboard.
 */
public final class ResultsPanel extends JPanel implements LiveView {

    static final String[] COLUMNS = {"step", "kind", "status", "operations", "ops/s", "p50 ms", "p90 ms",
        "p99 ms", "max ms", "errors", "live vectors", "recall"};
    private final Rows model = new Rows();
    private final Map<String, Row> byId = new LinkedHashMap<>();
    private final JLabel note = new JLabel(" ");

    /** One row: what is known of a step so far. */
    static final class Row {
        final String id;
        final String name;
        final String kind;
        String status = "running";
        long operations;
        double opsPerSecond = Double.NaN;
        double p50 = Double.NaN;
        double p90 = Double.NaN;
        double p99 = Double.NaN;
        double max = Double.NaN;
        long errors;
        long live = -1;
        double recall = Double.NaN;
        double startedAt;

        Row(String id, String name, String kind, double startedAt) {
            this.id = id;
            this.name = name;
            this.kind = kind;
            this.startedAt = startedAt;
        }
    }

    /** EDT only. */
    public ResultsPanel() {
        super(new BorderLayout());
        setName("resultsPanel");
        JTable table = new JTable(model);
        table.setName("resultsTable");
        table.setAutoCreateRowSorter(true);
        JButton copy = new JButton("Copy as CSV");
        copy.setName("copyResults");
        copy.setToolTipText("Copy the table to the clipboard as CSV (one line per step, figures without units)");
        copy.addActionListener(e -> Toolkit.getDefaultToolkit().getSystemClipboard()
                .setContents(new StringSelection(csv()), null));
        note.setName("resultsNote");
        JPanel bar = new JPanel(new FlowLayout(FlowLayout.LEFT));
        bar.add(copy);
        bar.add(note);
        add(bar, BorderLayout.NORTH);
        add(new JScrollPane(table), BorderLayout.CENTER);
    }

    /** Clears the table for a new run. EDT only. */
    @Override
    public void runStarting(RunPlan plan) {
        byId.clear();
        model.setRows(new ArrayList<>());
        note.setText(" ");
    }

    /** Applies a batch: new rows for started steps, live figures for running ones, records for ended ones. */
    @Override
    public void apply(FeedBatch b) {
        for (FeedBatch.StepAt s : b.started()) {
            Row row = new Row(s.step().id(), s.step().name(), s.step().kind(), s.elapsedSeconds());
            byId.put(row.id, row);
            model.rows().add(row);
        }
        for (FeedBatch.Progress p : b.progress().values()) {
            Row row = byId.get(p.step().id());
            if (row != null && "running".equals(row.status)) {
                row.operations = p.done();
            }
        }
        double now = b.samples().isEmpty() ? Double.NaN : b.samples().get(b.samples().size() - 1).elapsedSeconds();
        for (Sample s : b.samples()) {
            live(s);
        }
        for (Row row : byId.values()) {
            if ("running".equals(row.status) && now > row.startedAt) {
                row.opsPerSecond = row.operations / (now - row.startedAt);
            }
        }
        for (FeedBatch.Finished f : b.finished()) {
            Row row = byId.get(f.step().id());
            if (row != null) {
                finished(row, f.record());
            }
        }
        if (b.outcome() != null) {
            note.setText("run " + b.outcome() + ": figures of ended steps are their step records (steps.csv)");
        } else if (!byId.isEmpty()) {
            note.setText("running steps: operations so far, their rate since the step began, latency of the last"
                    + " sample interval");
        }
        model.fireTableDataChanged();
    }

    /** The running rows named by the sample take its interval latency, errors and live count. */
    private void live(Sample s) {
        for (Row row : byId.values()) {
            if (!"running".equals(row.status) || !row.name.equals(s.step())) {
                continue;
            }
            for (String op : Recorders.STANDARD) {
                if (s.get(TimelineColumns.operation(op, "count")) > 0) {
                    row.p50 = s.get(TimelineColumns.operation(op, "p50_ms"));
                    row.p99 = s.get(TimelineColumns.operation(op, "p99_ms"));
                    row.max = s.get(TimelineColumns.operation(op, "max_ms"));
                }
                double errors = s.get(TimelineColumns.operation(op, "errors"));
                if (errors > 0) {
                    row.errors += (long) errors;
                }
            }
            double live = s.get(TimelineColumns.LIVE_VECTORS);
            if (!Double.isNaN(live)) {
                row.live = (long) live;
            }
            double recall = s.get(TimelineColumns.RECALL);
            if (!Double.isNaN(recall)) {
                row.recall = recall;
            }
        }
    }

    private static void finished(Row row, StepRecord r) {
        row.status = r.status().spelling();
        row.operations = r.operations();
        row.opsPerSecond = r.operations() > 0 ? r.operationsPerSecond() : Double.NaN;
        row.errors = r.errors();
        row.live = r.liveVectorsAfter();
        row.recall = r.recall();
        // The slowest operation of the step speaks for it (a mixed step: the one with the highest p99).
        StepRecord.LatencySummary worst = null;
        for (StepRecord.LatencySummary l : r.latency().values()) {
            if (worst == null || l.p99Ms() > worst.p99Ms()) {
                worst = l;
            }
        }
        row.p50 = worst == null ? Double.NaN : worst.p50Ms();
        row.p90 = worst == null ? Double.NaN : worst.p90Ms();
        row.p99 = worst == null ? Double.NaN : worst.p99Ms();
        row.max = worst == null ? Double.NaN : worst.maxMs();
    }

    /** The table as CSV: a header line, then one line per row, numbers without grouping. EDT only. */
    public String csv() {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Row r : model.rows()) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < COLUMNS.length; c++) {
                String v = plain(r, c);
                cells.add(v.contains(",") || v.contains("\"") ? '"' + v.replace("\"", "\"\"") + '"' : v);
            }
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    private static String plain(Row r, int column) {
        return switch (column) {
            case 0 -> r.name;
            case 1 -> r.kind;
            case 2 -> r.status;
            case 3 -> Long.toString(r.operations);
            case 4 -> number(r.opsPerSecond, "%.1f");
            case 5 -> number(r.p50, "%.3f");
            case 6 -> number(r.p90, "%.3f");
            case 7 -> number(r.p99, "%.3f");
            case 8 -> number(r.max, "%.3f");
            case 9 -> Long.toString(r.errors);
            case 10 -> r.live < 0 ? "" : Long.toString(r.live);
            default -> number(r.recall, "%.4f");
        };
    }

    private static String number(double v, String format) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, format, v);
    }

    private static final class Rows extends RowTableModel<Row> {
        Rows() {
            super(COLUMNS);
        }

        @Override
        protected Object value(Row r, int column) {
            return switch (column) {
                case 3 -> String.format(Locale.ROOT, "%,d", r.operations);
                case 4 -> Double.isNaN(r.opsPerSecond) ? "" : String.format(Locale.ROOT, "%,.1f", r.opsPerSecond);
                case 9 -> String.format(Locale.ROOT, "%,d", r.errors);
                case 10 -> r.live < 0 ? "" : String.format(Locale.ROOT, "%,d", r.live);
                default -> plain(r, column);
            };
        }
    }
}
