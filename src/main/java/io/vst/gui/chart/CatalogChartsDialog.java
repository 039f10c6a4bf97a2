package io.vst.gui.chart;

import io.vst.rundir.RunData;
import java.awt.BorderLayout;
import java.awt.Window;
import java.util.List;
import java.util.Map;
import javax.swing.JDialog;
import org.jfree.chart.JFreeChart;

/**
 * A finished run (or two overlaid) drawn with the report's chart catalogue in a window of its own (see
 * {@link CatalogChartsPanel}).
 */
public final class CatalogChartsDialog extends JDialog {

    private final CatalogChartsPanel panel;

    /**
     * @param runs one run, or several to overlay (each chart that all runs hold data for). EDT only.
     */
    public CatalogChartsDialog(Window owner, String title, List<RunData> runs) {
        super(owner, title, ModalityType.MODELESS);
        setName("catalogChartsDialog");
        panel = new CatalogChartsPanel(runs);
        setLayout(new BorderLayout());
        add(panel, BorderLayout.CENTER);
        setSize(1200, 800);
        setLocationRelativeTo(owner);
    }

    /** The charts shown with data, by catalogue id. EDT only. */
    public Map<String, JFreeChart> charts() {
        return panel.charts();
    }
}
