package io.vst.gui.run;

import io.vst.engine.RunPlan;
import io.vst.gui.live.FeedBatch;
import io.vst.gui.live.LiveView;
import io.vst.gui.table.RowTableModel;
import io.vst.metrics.CheckpointResult;
import io.vst.units.Units;
import java.awt.BorderLayout;
import java.util.ArrayList;
import java.util.List;
import javax.swing.DefaultListModel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;

/**
 * The checkpoint inspector: pick a checkpoint to see a table of its verdicts, snapshot, per-vector memory,
 * comparison and server figures with their units ({@link CheckpointFigures}). Keeps
 * the latest {@link #MAX_ITEMS} checkpoints of a live run (all of them are in the run directory).
 */
public final class CheckpointPanel extends JPanel implements LiveView {

    /** Checkpoints kept in the list. */
    static final int MAX_ITEMS = 200;
    private final DefaultListModel<CheckpointResult> items = new DefaultListModel<>();
    private final JList<CheckpointResult> list = new JList<>(items);
    private final Figures detail = new Figures();

    /** EDT only. */
    public CheckpointPanel() {
        super(new BorderLayout());
        setName("checkpointPanel");
        list.setName("checkpointList");
        list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        // One renderer for every cell: a new component per cell would pile up in the list's renderer pane
        // (each added as a child, each adding costs a walk over the others) at every layout of the list.
        javax.swing.DefaultListCellRenderer cell = new javax.swing.DefaultListCellRenderer();
        list.setCellRenderer((l, cp, i, sel, focus) -> cell.getListCellRendererComponent(l, cp.name()
                + (cp.tag() == null ? "" : " [" + cp.tag() + "]") + "  @" + Units.duration(cp.elapsedSeconds()), i, sel,
                focus));
        list.addListSelectionListener(e -> {
            CheckpointResult cp = list.getSelectedValue();
            detail.setRows(cp == null ? new ArrayList<>() : new ArrayList<>(CheckpointFigures.of(cp)));
        });
        JTable table = new JTable(detail);
        table.setName("checkpointFigures");
        table.getColumnModel().getColumn(0).setPreferredWidth(140);
        table.getColumnModel().getColumn(1).setPreferredWidth(260);
        table.getColumnModel().getColumn(2).setPreferredWidth(420);
        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, new JScrollPane(list), new JScrollPane(table));
        split.setDividerLocation(220);
        add(split, BorderLayout.CENTER);
    }

    /** Adds a batch's checkpoints. EDT only. */
    @Override
    public void apply(FeedBatch b) {
        b.checkpoints().forEach(items::addElement);
        if (items.size() > MAX_ITEMS) {
            items.removeRange(0, items.size() - MAX_ITEMS - 1);
        }
    }

    /** Empties the inspector for a new run. EDT only. */
    @Override
    public void runStarting(RunPlan plan) {
        items.clear();
        detail.setRows(new ArrayList<>());
    }

    /** Checkpoints listed. EDT only. */
    public int count() {
        return items.size();
    }

    /** The inspector's rows for the selected checkpoint (empty when none is selected). EDT only. */
    public List<CheckpointFigures.Row> shownRows() {
        return List.copyOf(detail.rows());
    }

    /** Selects the checkpoint at {@code index} of the list. EDT only. */
    public void select(int index) {
        list.setSelectedIndex(index);
    }

    private static final class Figures extends RowTableModel<CheckpointFigures.Row> {
        Figures() {
            super(new String[] {"Section", "Figure", "Value"});
        }

        @Override
        protected Object value(CheckpointFigures.Row row, int column) {
            return switch (column) {
                case 0 -> row.section();
                case 1 -> row.figure();
                default -> row.value();
            };
        }
    }
}
