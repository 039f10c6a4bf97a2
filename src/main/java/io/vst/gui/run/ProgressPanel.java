package io.vst.gui.run;

import io.vst.engine.PlannedStep;
import io.vst.engine.RunPlan;
import io.vst.gui.live.FeedBatch;
import io.vst.gui.live.LiveView;
import io.vst.gui.table.RowTableModel;
import io.vst.scenario.LoopStep;
import io.vst.units.Units;
import java.awt.BorderLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
public final class ProgressPanel extends JPanel implements LiveView {

    /** Nested step rows kept; older finished ones are dropped. */
    static final int MAX_NESTED_ROWS = 300;
    private static final String[] COLUMNS = {"Step", "Status", "Progress", "Done", "Detail"};
    private final Model model = new Model();
    private final JLabel header = new JLabel("No run yet.");
    private final JProgressBar overall = new JProgressBar(0, 1000);
    private final Map<String, String> finished = new HashMap<>();
    private final Set<String> stopped = new HashSet<>();
    private final Map<String, Double> fractions = new HashMap<>();
    private StepProgress progress = new StepProgress(finished, stopped, fractions);
    private List<PlannedStep> top = List.of();
    private double totalEstimate;
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
    @Override
    public void runStarting(RunPlan plan) {
        model.rows().clear();
        model.byId.clear();
        finished.clear();
        stopped.clear();
        fractions.clear();
        progress = new StepProgress(finished, stopped, fractions);
        top = plan.steps();
        for (PlannedStep p : plan.steps()) {
            Row r = new Row(p);
            model.rows().add(r);
            model.byId.put(p.id(), r);
            r.progress = progressText(p);
        }
        model.fireTableDataChanged();
        totalEstimate = Math.max(1e-9, plan.estimatedSeconds());
        nestedRows = 0;
        startNanos = System.nanoTime();
        outcome = null;
        refreshHeader();
    }

    /** Applies a batch. EDT only. */
    @Override
    public void apply(FeedBatch b) {
        for (FeedBatch.StepAt s : b.started()) {
            row(s.step()).status = "running";
        }
        b.progress().values().forEach(p -> {
            Row r = row(p.step());
            fractions.put(p.step().id(), p.fraction());
            r.done = p.target() >= 0 ? String.format(Locale.ROOT, "%,d / %,d", p.done(), p.target())
                    : String.format(Locale.ROOT, "%,d", p.done());
        });
        for (FeedBatch.Finished f : b.finished()) {
            Row r = row(f.step());
            finished.put(f.step().id(), f.record() == null ? "done" : f.record().status().spelling());
            r.status = finished.get(f.step().id());
            if ("stopped".equals(r.status)) {
                stopped.add(f.step().id());
            }
            r.detail = f.record() == null || f.record().detail() == null ? "" : f.record().detail();
        }
        dropOldNestedRows();
        if (b.outcome() != null) {
            outcome = b.outcome() + (b.outcomeMessage() == null ? "" : ": " + b.outcomeMessage());
        }
        model.rows().forEach(this::refreshContainer);
        // The progress column is worked out once per batch, not on every repaint of the table.
        model.rows().forEach(r -> r.progress = progressText(r.step));
        model.fireTableDataChanged();
        refreshHeader();
    }

    /** A loop's row counts the iterations that really ran; one cut short by Stop says so. */
    private void refreshContainer(Row r) {
        if (!(r.step.step() instanceof LoopStep loop) || r.step.children().isEmpty()) {
            return;
        }
        int iterations = loop.iterations();
        // An iteration cut short by Stop (its step ended interrupted or stopped) did not run.
        int ran = progress.iterationsDone(r.step, iterations);
        r.done = String.format(Locale.ROOT, "%,d / %,d iterations", ran, iterations);
        if (finished.containsKey(r.step.id()) && ran < iterations) {
            r.status = "stopped";
            r.detail = String.format(Locale.ROOT, "%,d of %,d iterations ran", ran, iterations);
        }
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

    private String progressText(PlannedStep p) {
        double f = fraction(p);
        return Double.isNaN(f) ? "" : String.format(Locale.ROOT, "%.0f %%", f * 100);
    }

    private double fraction(PlannedStep p) {
        if (!finished.containsKey(p.id()) && !fractions.containsKey(p.id()) && p.children().isEmpty()
                && p.ifTrue().isEmpty() && p.ifFalse().isEmpty()) {
            return Double.NaN;
        }
        return p.estimatedSeconds() <= 0 ? (finished.containsKey(p.id()) ? 1 : 0)
                : Math.min(1, progress.doneSeconds(p) / p.estimatedSeconds());
    }

    private void refreshHeader() {
        elapsed = (System.nanoTime() - startNanos) / 1e9;
        double doneEstimate = 0;
        for (PlannedStep p : top) {
            doneEstimate += progress.doneSeconds(p);
        }
        double fraction = Math.min(1, doneEstimate / totalEstimate);
        overall.setValue((int) Math.round(fraction * 1000));
        overall.setString(String.format(Locale.ROOT, "%.0f %%", fraction * 100));
        String eta = fraction > 0.02 && fraction < 1 && outcome == null
                ? ", ETA " + Units.duration(elapsed / fraction - elapsed) : "";
        header.setText(outcome != null ? "Run " + outcome + " after " + Units.duration(elapsed)
                : "Elapsed " + Units.duration(elapsed) + eta);
    }

    /** The overall bar's text ("20 %"). EDT only. */
    public String overallText() {
        return overall.getString();
    }

    /** The cells of the row of step {@code name} (step, status, progress, done, detail), or null. EDT only. */
    public List<String> rowOf(String name) {
        for (int i = 0; i < model.getRowCount(); i++) {
            if (model.rows().get(i).step.name().equals(name)) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < COLUMNS.length; c++) {
                    cells.add(String.valueOf(model.getValueAt(i, c)).trim());
                }
                return cells;
            }
        }
        return null;
    }

    /** The header text (elapsed, ETA or outcome). EDT only. */
    public String headerText() {
        return header.getText();
    }

    private static final class Row {
        final PlannedStep step;
        String status = "pending";
        String done = "";
        String detail = "";
        String progress = "";

        Row(PlannedStep step) {
            this.step = step;
        }
    }

    private final class Model extends RowTableModel<Row> {
        final Map<String, Row> byId = new HashMap<>();

        Model() {
            super(COLUMNS);
        }

        @Override
        protected Object value(Row row, int c) {
            return switch (c) {
                case 0 -> "  ".repeat(row.step.depth()) + row.step.name();
                case 1 -> row.status;
                case 2 -> row.progress;
                case 3 -> row.done;
                default -> row.detail;
            };
        }
    }
}
