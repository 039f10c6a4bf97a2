package io.vst.gui.run;

import io.vst.gui.RowTableModel;
import io.vst.engine.PlannedStep;
import io.vst.engine.RunPlan;
import io.vst.engine.RunPlanText;
import java.awt.BorderLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JTable;

/**
 * Progress of a run: the top-level steps from the start, nested steps as they start (the latest
 * {@link #MAX_NESTED_ROWS} of them, so a loop of thousands of iterations stays cheap), elapsed time and an
 * ETA from the plan's estimates.
 */
public final class ProgressPanel extends JPanel {

    /** Nested step rows kept; older finished ones are dropped. */
    static final int MAX_NESTED_ROWS = 300;
    private static final String[] COLUMNS = {"Step", "Status", "Progress", "Done", "Detail"};
    private final Model model = new Model();
    private final JLabel header = new JLabel("No run yet.");
    private final JProgressBar overall = new JProgressBar(0, 1000);
    private double totalEstimate;
    private double finishedEstimate;
    private Row currentTop;
    private int nestedRows;
    private double elapsed;
    private long startNanos;
    private String outcome;

    /** EDT only. */
    public ProgressPanel() {
        super(new BorderLayout());
        setName("progressPanel");
        header.setName("progressHeader");
        overall.setStringPainted(true);
        JPanel top = new JPanel(new BorderLayout(8, 0));
        top.add(header, BorderLayout.CENTER);
        top.add(overall, BorderLayout.EAST);
        add(top, BorderLayout.NORTH);
        JTable table = new JTable(model);
        table.setName("progressTable");
        add(new JScrollPane(table), BorderLayout.CENTER);
    }

    /** Lists the plan's steps as pending. EDT only. */
    public void begin(RunPlan plan) {
        model.rows().clear();
        model.byId.clear();
        for (PlannedStep p : plan.steps()) {
            Row r = new Row(p);
            model.rows().add(r);
            model.byId.put(p.id(), r);
        }
        model.fireTableDataChanged();
        totalEstimate = Math.max(1e-9, plan.estimatedSeconds());
        finishedEstimate = 0;
        currentTop = null;
        nestedRows = 0;
        startNanos = System.nanoTime();
        outcome = null;
        refreshHeader();
    }

    /** Applies a batch. EDT only. */
    public void apply(FeedBatch b) {
        for (FeedBatch.StepAt s : b.started()) {
            Row r = row(s.step());
            r.status = "running";
            if (s.step().depth() == 0) {
                currentTop = r;
            }
        }
        b.progress().values().forEach(p -> {
            Row r = row(p.step());
            r.fraction = p.fraction();
            r.done = p.target() >= 0 ? String.format(Locale.ROOT, "%,d / %,d", p.done(), p.target())
                    : String.format(Locale.ROOT, "%,d", p.done());
        });
        for (FeedBatch.Finished f : b.finished()) {
            Row r = row(f.step());
            r.status = f.record() == null ? "done" : f.record().status();
            r.fraction = 1;
            r.detail = f.record() == null || f.record().detail() == null ? "" : f.record().detail();
            if (f.step().depth() == 0) {
                finishedEstimate += f.step().estimatedSeconds();
                currentTop = null;
            }
        }
        dropOldNestedRows();
        if (b.outcome() != null) {
            outcome = b.outcome() + (b.outcomeMessage() == null ? "" : ": " + b.outcomeMessage());
        }
        model.fireTableDataChanged();
        refreshHeader();
    }

    private Row row(PlannedStep p) {
        return model.byId.computeIfAbsent(p.id(), k -> {
            Row r = new Row(p);
            model.rows().add(r);
            if (p.depth() > 0) {
                nestedRows++;
            }
            return r;
        });
    }

    private void dropOldNestedRows() {
        for (int i = 0; i < model.rows().size() && nestedRows > MAX_NESTED_ROWS; i++) {
            Row r = model.rows().get(i);
            if (r.step.depth() > 0 && !"running".equals(r.status)) {
                model.rows().remove(i);
                model.byId.remove(r.step.id());
                nestedRows--;
                i--;
            }
        }
    }

    private void refreshHeader() {
        elapsed = (System.nanoTime() - startNanos) / 1e9;
        double doneEstimate = finishedEstimate;
        if (currentTop != null && !Double.isNaN(currentTop.fraction) && currentTop.fraction < 1) {
            doneEstimate += currentTop.step.estimatedSeconds() * currentTop.fraction;
        }
        double fraction = Math.min(1, doneEstimate / totalEstimate);
        overall.setValue((int) Math.round(fraction * 1000));
        overall.setString(String.format(Locale.ROOT, "%.0f %%", fraction * 100));
        String eta = fraction > 0.02 && outcome == null ? ", ETA " + RunPlanText.of(elapsed / fraction - elapsed) : "";
        header.setText(outcome != null ? "Run " + outcome + " after " + RunPlanText.of(elapsed)
                : "Elapsed " + RunPlanText.of(elapsed) + eta);
    }

    /** The header text (elapsed, ETA or outcome). EDT only. */
    public String headerText() {
        return header.getText();
    }

    private static final class Row {
        final PlannedStep step;
        String status = "pending";
        double fraction = Double.NaN;
        String done = "";
        String detail = "";

        Row(PlannedStep step) {
            this.step = step;
        }
    }

    private static final class Model extends RowTableModel<Row> {
        final Map<String, Row> byId = new HashMap<>();

        Model() {
            super(COLUMNS);
        }

        @Override
        protected Object value(Row row, int c) {
            return switch (c) {
                case 0 -> "  ".repeat(row.step.depth()) + row.step.name();
                case 1 -> row.status;
                case 2 -> Double.isNaN(row.fraction) ? "" : String.format(Locale.ROOT, "%.0f %%", row.fraction * 100);
                case 3 -> row.done;
                default -> row.detail;
            };
        }
    }
}
