package io.vst.gui.editor;

import io.vst.gui.table.RowTableModel;
import io.vst.scenario.Diagnostic;
import io.vst.scenario.yaml.ParseResult;
import java.awt.BorderLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;

/** The list of problems of the active scenario; clicking one moves the editor's caret to it. */
public final class ProblemsPanel extends JPanel {

    private static final String[] COLUMNS = {"Severity", "Line", "Column", "Message", "Hint"};
    private final Model model = new Model();
    private final JTable table = new JTable(model);

    /**
     * @param goTo called with a 1-based line and column when the user picks a problem. EDT only.
     */
    public ProblemsPanel(BiConsumer<Integer, Integer> goTo) {
        super(new BorderLayout());
        setName("problemsPanel");
        table.setName("problemsTable");
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.getColumnModel().getColumn(0).setPreferredWidth(70);
        table.getColumnModel().getColumn(1).setPreferredWidth(40);
        table.getColumnModel().getColumn(2).setPreferredWidth(40);
        table.getColumnModel().getColumn(3).setPreferredWidth(420);
        table.getColumnModel().getColumn(4).setPreferredWidth(320);
        table.getSelectionModel().addListSelectionListener(e -> {
            int row = table.getSelectedRow();
            if (!e.getValueIsAdjusting() && row >= 0 && row < model.rows().size()) {
                Diagnostic d = model.rows().get(row);
                goTo.accept(d.span().line(), d.span().column());
            }
        });
        add(new JScrollPane(table), BorderLayout.CENTER);
    }

    /** Shows the problems of a parse (or none). EDT only. */
    public void show(ParseResult r) {
        model.setRows(r == null ? List.of() : new ArrayList<>(r.diagnostics()));
    }

    /** The problems shown, in order. EDT only. */
    public List<Diagnostic> problems() {
        return List.copyOf(model.rows());
    }

    private static final class Model extends RowTableModel<Diagnostic> {
        Model() {
            super(COLUMNS);
        }

        @Override
        protected Object value(Diagnostic d, int c) {
            return switch (c) {
                case 0 -> d.severity().label();
                case 1 -> d.span().known() ? d.span().line() : "";
                case 2 -> d.span().known() ? d.span().column() : "";
                case 3 -> d.message();
                default -> d.hint() == null ? "" : d.hint();
            };
        }
    }
}
