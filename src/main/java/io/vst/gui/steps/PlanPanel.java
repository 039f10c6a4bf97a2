package io.vst.gui.steps;

import io.vst.gui.table.RowTableModel;
import io.vst.engine.PlannedStep;
import io.vst.engine.RunPlan;
import io.vst.units.Units;
import java.awt.BorderLayout;
import java.util.List;
import java.util.Locale;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;

/**
 * The dry-run view: every planned step with its effective configuration and the plan's estimates, as
 * {@code vst run --dry-run} computes them (the same {@link RunPlan}).
 */
public final class PlanPanel extends JPanel {

    private static final String[] COLUMNS = {"Step", "Kind", "Threads", "Clients", "Batch", "Vectors after",
        "Est. time", "Est. memory", "Parameters"};
    private final JLabel summary = new JLabel("Press Dry-run (F6) to plan the active scenario.");
    private final Model model = new Model();

    /** EDT only. */
    public PlanPanel() {
        super(new BorderLayout());
        setName("planPanel");
        JTable table = new JTable(model);
        table.setName("planTable");
        table.getColumnModel().getColumn(0).setPreferredWidth(200);
        table.getColumnModel().getColumn(8).setPreferredWidth(360);
        add(summary, BorderLayout.NORTH);
        add(new JScrollPane(table), BorderLayout.CENTER);
    }

    /** Planned steps listed at most; a loop of many iterations is summarised by its first ones. */
    static final int MAX_ROWS = 2_000;

    /** Shows a plan. EDT only. */
    public void show(RunPlan plan) {
        List<PlannedStep> all = plan.flatten();
        model.setRows(all.size() > MAX_ROWS ? List.copyOf(all.subList(0, MAX_ROWS)) : all);
        summary.setText(String.format(Locale.ROOT, "%s: %,d steps%s, about %s, peak memory about %s",
                plan.scenario().name(), all.size(), all.size() > MAX_ROWS ? " (first " + MAX_ROWS + " listed)" : "",
                Units.duration(plan.estimatedSeconds()), Units.bytes(plan.estimatedPeakMemoryBytes())));
    }

    /** The planned steps shown. EDT only. */
    public List<PlannedStep> rows() {
        return model.rows();
    }

    private static final class Model extends RowTableModel<PlannedStep> {
        Model() {
            super(COLUMNS);
        }

        @Override
        protected Object value(PlannedStep p, int c) {
            return switch (c) {
                case 0 -> "  ".repeat(p.depth()) + p.name();
                case 1 -> p.kind();
                case 2 -> p.config().nThreads();
                case 3 -> p.config().nClients();
                case 4 -> p.config().batchSize();
                case 5 -> p.vectorsAfter() < 0 ? "?" : String.format(Locale.ROOT, "%,d", p.vectorsAfter());
                case 6 -> Units.duration(p.estimatedSeconds());
                case 7 -> Units.bytes(RunPlan.estimatedMemoryBytes(p));
                default -> p.parameters().values().toString();
            };
        }
    }
}
