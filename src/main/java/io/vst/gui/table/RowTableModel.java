package io.vst.gui.table;

import java.util.ArrayList;
import java.util.List;
import javax.swing.table.AbstractTableModel;

/**
 * A table model over a list of row objects with fixed column names; subclasses say what each cell
 * shows. EDT only, like every Swing model.
 *
 * @param <T> the row type
 */
public abstract class RowTableModel<T> extends AbstractTableModel {

    private final String[] columns;

    /** The rows shown, in order. */
    protected List<T> rows = new ArrayList<>();

    protected RowTableModel(String[] columns) {
        this.columns = columns.clone();
    }

    /** The rows shown, in order (the live list: change it, then fire a table event). EDT only. */
    public List<T> rows() {
        return rows;
    }

    /** Shows {@code newRows} instead and tells the table. EDT only. */
    public void setRows(List<T> newRows) {
        rows = newRows;
        fireTableDataChanged();
    }

    /** What column {@code column} shows for {@code row}. */
    protected abstract Object value(T row, int column);

    @Override
    public int getRowCount() {
        return rows.size();
    }

    @Override
    public int getColumnCount() {
        return columns.length;
    }

    @Override
    public String getColumnName(int column) {
        return columns[column];
    }

    @Override
    public Object getValueAt(int row, int column) {
        return value(rows.get(row), column);
    }
}
