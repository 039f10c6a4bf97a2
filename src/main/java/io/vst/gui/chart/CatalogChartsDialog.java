package io.vst.gui.chart;

import io.vst.report.ChartCatalog;
import io.vst.report.ChartSpec;
import io.vst.rundir.RunData;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.GridLayout;
import java.awt.Window;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;

/**
 * A finished run (or two overlaid) drawn with the report's chart catalogue: the same charts the HTML
 * report shows, at full fidelity from the run directory.
 */
public final class CatalogChartsDialog extends JDialog {

    private final Map<String, JFreeChart> charts = new LinkedHashMap<>();

    /**
     * @param runs one run, or several to overlay (each chart that all runs hold data for). EDT only.
     */
    public CatalogChartsDialog(Window owner, String title, List<RunData> runs) {
        super(owner, title, ModalityType.MODELESS);
        setName("catalogChartsDialog");
        List<ChartSpec> specs = new ArrayList<>();
        for (ChartSpec s : ChartCatalog.all()) {
            if (runs.stream().allMatch(s::hasData)) {
                specs.add(s);
            }
        }
        JPanel grid = new JPanel(new GridLayout(0, 2, 4, 4));
        for (ChartSpec s : specs) {
            JFreeChart c = runs.size() == 1 ? s.create(runs.get(0)) : s.overlay(runs);
            ChartTheme.apply(c);
            charts.put(s.id(), c);
            ChartPanel p = new ChartPanel(c);
            p.setPreferredSize(new Dimension(560, 320));
            grid.add(p);
        }
        setLayout(new BorderLayout());
        if (specs.isEmpty()) {
            add(new JLabel("  No chart has data in " + (runs.size() == 1 ? "this run." : "all of these runs.")),
                    BorderLayout.NORTH);
        }
        add(new JScrollPane(grid), BorderLayout.CENTER);
        setSize(1200, 800);
        setLocationRelativeTo(owner);
    }

    /** The charts shown, by catalogue id. EDT only. */
    public Map<String, JFreeChart> charts() {
        return charts;
    }
}
