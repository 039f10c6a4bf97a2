package io.vst.gui.run;

import io.vst.VstException;
import io.vst.gui.chart.ChartExporter;
import io.vst.gui.chart.LiveChartsPanel;
import io.vst.rundir.RunDirectory;
import java.awt.Component;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import javax.swing.JFileChooser;
import javax.swing.JOptionPane;
import org.jfree.chart.JFreeChart;

/**
 * Export of the live charts as PNG, the run's timeline as CSV and the run's HTML report. The files are
 * written on the {@link BackgroundExecutor}: an HTML report of a long run takes seconds, and the window
 * must go on answering meanwhile.
 */
public final class ExportCommands {

    private final LiveChartsPanel charts;
    private final RunController runs;
    private final BackgroundExecutor background;
    private final Component parent;

    /** EDT only. */
    public ExportCommands(LiveChartsPanel charts, RunController runs, BackgroundExecutor background,
            Component parent) {
        this.charts = charts;
        this.runs = runs;
        this.background = background;
        this.parent = parent;
    }

    /** Asks for a folder and writes every live chart there as PNG. EDT only. */
    public void png() {
        Path dir = choose(true, "charts");
        if (dir != null) {
            background.submit(pngWork(dir), tell("PNG files written to " + dir));
        }
    }

    /**
     * Writes every live chart as {@code chart-<id>.png} in {@code dir}, drawn off the EDT from a copy of
     * the charts taken now; the future holds the files written. EDT only.
     */
    public CompletableFuture<List<Path>> exportPng(Path dir) {
        return background.submit(pngWork(dir));
    }

    private Callable<List<Path>> pngWork(Path dir) {
        Map<String, JFreeChart> copies = charts.snapshot();
        return () -> ChartExporter.png(copies, dir, "chart-", 1200, 675);
    }

    /** Asks for a file and copies the last run's timeline.csv there. EDT only. */
    public void csv() {
        if (needRun()) {
            Path f = choose(false, "timeline.csv");
            if (f != null) {
                background.submit(csvWork(f), tell("Timeline written to " + f));
            }
        }
    }

    /** Copies the last run's timeline.csv to {@code target} off the EDT. EDT only. */
    public CompletableFuture<Path> exportCsv(Path target) {
        return background.submit(csvWork(target));
    }

    private Callable<Path> csvWork(Path target) {
        Path timeline = runs.lastRunDirectory().resolve(RunDirectory.TIMELINE);
        return () -> Files.copy(timeline, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Asks for a folder and writes the last run's HTML report there. EDT only. */
    public void html() {
        if (needRun()) {
            Path dir = choose(true, "report");
            if (dir != null) {
                background.submit(htmlWork(dir), tell("Report written to " + dir));
            }
        }
    }

    /** Writes the last run's HTML report into {@code dir} off the EDT; the future holds the page. EDT only. */
    public CompletableFuture<Path> exportHtml(Path dir) {
        return background.submit(htmlWork(dir));
    }

    private Callable<Path> htmlWork(Path dir) {
        Path run = runs.lastRunDirectory();
        return () -> HtmlExport.write(run, dir);
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

    /** Says, on the EDT once the export ended, where the files went or why not. */
    private BiConsumer<Object, Throwable> tell(String done) {
        return (result, failure) -> {
            if (failure == null) {
                JOptionPane.showMessageDialog(parent, done, "Export", JOptionPane.INFORMATION_MESSAGE);
            } else {
                JOptionPane.showMessageDialog(parent, "Export failed: " + why(failure), "Export",
                        JOptionPane.ERROR_MESSAGE);
            }
        };
    }

    /** The user's words for a failure: its message (and hint), never a Java class name. */
    static String why(Throwable t) {
        if (t instanceof VstException v) {
            return v.getMessage() + (v.hint() == null ? "" : "\n" + v.hint());
        }
        return t.getMessage() == null ? "an internal error" : t.getMessage();
    }
}
