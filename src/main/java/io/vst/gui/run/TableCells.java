package io.vst.gui.run;

import java.util.ArrayList;
import java.util.List;
import javax.swing.table.TableModel;

/** A table model's cells as text, row by row, as the table shows them (for callers that read a table back). */
final class TableCells {

    private TableCells() {
    }

    /** Every cell of {@code model}. EDT only. */
    static List<List<String>> of(TableModel model) {
        List<List<String>> out = new ArrayList<>();
        for (int r = 0; r < model.getRowCount(); r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < model.getColumnCount(); c++) {
                row.add(String.valueOf(model.getValueAt(r, c)));
            }
            out.add(row);
        }
        return out;
    }
}
