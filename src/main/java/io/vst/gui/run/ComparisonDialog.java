package io.vst.gui.run;

import io.vst.gui.chart.CatalogChartsDialog;
import io.vst.gui.table.RowTableModel;
import io.vst.report.RunComparison;
import io.vst.rundir.RunData;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.awt.Window;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;

/**
 * Two runs compared as {@code vst compare A B} does ({@link RunComparison}): for every step and checkpoint
 * both ran, matched by name, each figure in the baseline (A) and the other run (B), its change and verdict,
 * with the overall verdict above; the charts overlaid, aligned by step, on a button.
 */
public final class ComparisonDialog extends JDialog {

    static final String[] COLUMNS = {"scope", "name", "figure", "baseline", "run", "change", "verdict"};
    private final Rows model = new Rows();
    private final JLabel verdict = new JLabel();

    /** EDT only. {@code dirs} and {@code runs}: the baseline first. */
    ComparisonDialog(Window owner, List<Path> dirs, List<RunData> runs, RunComparison comparison) {
        super(owner, "Compare " + dirs.get(0).getFileName() + " / " + dirs.get(1).getFileName(),
                ModalityType.MODELESS);
        setName("comparisonDialog");
        model.setRows(new ArrayList<>(comparison.rows()));
        JTable table = new JTable(model);
        table.setName("comparisonTable");
        verdict.setName("comparisonVerdict");
        verdict.setText(comparison.rows().isEmpty()
                ? "The runs share no step or checkpoint with figures to compare (they are matched by name)."
                : comparison.verdict());
        JPanel head = new JPanel(new GridLayout(0, 1));
        head.add(new JLabel("A = " + dirs.get(0) + " (baseline)"));
        head.add(new JLabel("B = " + dirs.get(1)));
        JPanel bar = new JPanel(new FlowLayout(FlowLayout.LEFT));
        JButton charts = new JButton("Charts overlaid");
        charts.setName("comparisonCharts");
        charts.addActionListener(e -> new CatalogChartsDialog(this, getTitle(), runs).setVisible(true));
        bar.add(charts);
        bar.add(verdict);
        head.add(bar);
        setLayout(new BorderLayout());
        add(head, BorderLayout.NORTH);
        add(new JScrollPane(table), BorderLayout.CENTER);
        setSize(1000, 600);
        setLocationRelativeTo(owner);
    }

    /** The table's cells, row by row, as shown. EDT only. */
    public List<List<String>> cells() {
        return TableCells.of(model);
    }

    /** The overall verdict shown. EDT only. */
    public String verdictText() {
        return verdict.getText();
    }

    private static final class Rows extends RowTableModel<RunComparison.Row> {
        Rows() {
            super(COLUMNS);
        }

        @Override
        protected Object value(RunComparison.Row r, int column) {
            return switch (column) {
                case 0 -> r.scope();
                case 1 -> r.name();
                case 2 -> r.metric();
                case 3 -> RunComparison.number(r.baseline());
                case 4 -> RunComparison.number(r.value());
                case 5 -> RunComparison.change(r);
                default -> RunComparison.verdict(r);
            };
        }
    }
}
