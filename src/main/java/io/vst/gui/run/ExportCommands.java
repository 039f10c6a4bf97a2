package io.vst.gui.run;

import io.vst.gui.chart.ChartExporter;
import io.vst.gui.chart.LiveChartsPanel;
import io.vst.rundir.RunDirectory;
import java.awt.Component;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.swing.JFileChooser;
import javax.swing.JOptionPane;

/** Export of the live charts as PNG, the run's timeline as CSV and the run's HTML report. */
public final class ExportCommands {

    private final LiveChartsPanel charts;
    private final RunController runs;
    private final Component parent;

    /** EDT only. */
    public ExportCommands(LiveChartsPanel charts, RunController runs, Component parent) {
        this.charts = charts;
        this.runs = runs;
        this.parent = parent;
    }

    /** Asks for a folder and writes every live chart there as PNG. EDT only. */
    public void png() {
        Path dir = choose(true, "charts");
        if (dir != null) {
            report(() -> exportPng(dir), "PNG files written to " + dir);
        }
    }

    /** Writes every live chart as {@code chart-<id>.png} in {@code dir}. EDT only. */
    public List<Path> exportPng(Path dir) throws IOException {
        return ChartExporter.png(charts.charts(), dir, "chart-", 1200, 675);
    }

    /** Asks for a file and copies the last run's timeline.csv there. EDT only. */
    public void csv() {
        if (needRun()) {
            Path f = choose(false, "timeline.csv");
            if (f != null) {
                report(() -> exportCsv(f), "Timeline written to " + f);
            }
        }
    }

    /** Copies the last run's timeline.csv to {@code target}. EDT only. */
    public Path exportCsv(Path target) throws IOException {
        return Files.copy(runs.lastRunDirectory().resolve(RunDirectory.TIMELINE), target,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Asks for a folder and writes the last run's HTML report there. EDT only. */
    public void html() {
        if (needRun()) {
            Path dir = choose(true, "report");
            if (dir != null) {
                report(() -> exportHtml(dir), "Report written to " + dir);
            }
        }
    }

    /** Writes the last run's HTML report into {@code dir}; returns the report file. EDT only. */
    public Path exportHtml(Path dir) throws IOException {
        return HtmlExport.write(runs.lastRunDirectory(), dir);
    }

    private boolean needRun() {
        if (runs.lastRunDirectory() == null) {
            JOptionPane.showMessageDialog(parent, "Run a scenario first.", "Export", JOptionPane.INFORMATION_MESSAGE);
            return false;
        }
        return true;
    }

    private Path choose(boolean directory, String suggested) {
        JFileChooser fc = new JFileChooser(Path.of("").toAbsolutePath().toFile());
        fc.setFileSelectionMode(directory ? JFileChooser.DIRECTORIES_ONLY : JFileChooser.FILES_ONLY);
        fc.setSelectedFile(Path.of(suggested).toAbsolutePath().toFile());
        return fc.showSaveDialog(parent) == JFileChooser.APPROVE_OPTION ? fc.getSelectedFile().toPath() : null;
    }

    private interface Export {
        Object write() throws IOException;
    }

    private void report(Export e, String done) {
        try {
            e.write();
            JOptionPane.showMessageDialog(parent, done, "Export", JOptionPane.INFORMATION_MESSAGE);
        } catch (IOException | RuntimeException ex) {
            JOptionPane.showMessageDialog(parent, "Export failed: " + ex.getMessage(), "Export",
                    JOptionPane.ERROR_MESSAGE);
        }
    }
}
