package io.vst.gui.chart;

import io.vst.report.ChartCatalog;
import io.vst.report.ChartSpec;
import io.vst.rundir.RunData;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.GridLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A finished run (or several overlaid) drawn with the report's chart catalogue: the charts report.html shows,
 * at full fidelity from the run directory, on one time axis ({@link ChartGroup}: zoom one, all follow; a
 * crosshair at the same time on each) with hover values in their units. For one run, the charts a user looks
 * for first ({@link ChartCatalog#ALWAYS_SHOWN}) are there even without data, saying why in their plot.
 */
public final class CatalogChartsPanel extends JPanel {

    private final Map<String, JFreeChart> charts = new LinkedHashMap<>();
    private final Map<String, String> reasons = new LinkedHashMap<>();
    private final Map<String, ChartPanel> panels = new LinkedHashMap<>();
    private final ChartGroup group = new ChartGroup();

    /** @param runs one run, or several to overlay (each chart that all runs hold data for). EDT only. */
    public CatalogChartsPanel(List<RunData> runs) {
        super(new BorderLayout());
        setName("catalogChartsPanel");
        JPanel grid = new JPanel(new GridLayout(0, 2, 4, 4));
        for (ChartSpec s : ChartCatalog.all()) {
            JFreeChart c;
            if (runs.stream().allMatch(s::hasData)) {
                c = runs.size() == 1 ? s.create(runs.get(0)) : s.overlay(runs);
                charts.put(s.id(), c);
            } else if (runs.size() == 1 && ChartCatalog.ALWAYS_SHOWN.contains(s.id())) {
                c = empty(s, s.emptyReason(runs.get(0)));
                reasons.put(s.id(), s.emptyReason(runs.get(0)));
            } else {
                continue;
            }
            ChartTheme.apply(c);
            ChartPanel p = new ChartPanel(c);
            p.setName("chart." + s.id());
            p.setPreferredSize(new Dimension(560, 320));
            p.setMouseWheelEnabled(true);
            panels.put(s.id(), p);
            // Time charts share the time axis; a spectrum's axis is percentiles, memory per vector's checkpoints.
            if (s.needs().contains(ChartSpec.Source.TIMELINE)) {
                group.add(p);
            }
            grid.add(p);
        }
        if (charts.isEmpty()) {
            add(new JLabel("  No chart has data in " + (runs.size() == 1 ? "this run." : "all of these runs.")),
                    BorderLayout.NORTH);
        }
        add(new JScrollPane(grid), BorderLayout.CENTER);
    }

    /** Recolours every chart, with data or without, for the theme installed now. EDT only. */
    @Override
    public void updateUI() {
        super.updateUI();
        // Called by JPanel's constructor too, before the fields exist.
        if (panels != null) {
            panels.values().forEach(p -> ChartTheme.apply(p.getChart()));
        }
    }

    /** A chart of {@code spec}'s title with no line, saying {@code reason} in its plot. */
    private static JFreeChart empty(ChartSpec spec, String reason) {
        JFreeChart c = org.jfree.chart.ChartFactory.createXYLineChart(spec.title(), "elapsed since the run started",
                "", new XYSeriesCollection());
        XYPlot plot = c.getXYPlot();
        plot.setNoDataMessage(reason);
        plot.setNoDataMessageFont(new Font(Font.SANS_SERIF, Font.ITALIC, 13));
        return io.vst.report.ChartStyle.apply(c);
    }

    /** The charts with data, by catalogue id. EDT only. */
    public Map<String, JFreeChart> charts() {
        return charts;
    }

    /** The charts shown without data, by catalogue id, with the reason each says in its plot. EDT only. */
    public Map<String, String> emptyReasons() {
        return reasons;
    }

    /** Every chart panel, by catalogue id. EDT only. */
    public Map<String, ChartPanel> panels() {
        return panels;
    }
}
