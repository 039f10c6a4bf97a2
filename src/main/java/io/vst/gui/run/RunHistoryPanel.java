package io.vst.gui.run;

import io.vst.report.ReportFormat;
import io.vst.report.ReportWriter;
import io.vst.report.RunComparison;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import io.vst.rundir.RunDirectory;
import java.awt.BorderLayout;
import java.awt.Desktop;
import java.awt.FlowLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.SwingUtilities;

/**
 * The run browser: a table of the run directories under the output folder, newest first, with outcome, start,
 * duration, scenario, server and vst version from each run.json ({@link RunRows}). Open shows a past run whole
 * (steps, checkpoints with verdicts, charts: {@link PastRunDialog}); Open report writes report.html when it is
 * missing and opens it in the browser; Compare shows two runs' figures and verdict as {@code vst compare} does
 * ({@link ComparisonDialog}). Every read of a run directory runs on the window's {@link BackgroundExecutor}.
 */
public final class RunHistoryPanel extends JPanel {

    /** The threshold {@code vst compare} uses when --max-regression is not given, in percent. */
    public static final double COMPARE_THRESHOLD_PERCENT = 5.0;
    private final Path root;
    private final BackgroundExecutor background;
    private final JLabel note = new JLabel(" ");
    private final RunRows model = new RunRows();
    private final JTable table = new JTable(model);

    /**
     * @param root folder holding run directories
     * @param background where the run directories are read. EDT only.
     */
    public RunHistoryPanel(Path root, BackgroundExecutor background) {
        super(new BorderLayout());
        this.root = root;
        this.background = background;
        note.setName("runHistoryNote");
        setName("runHistoryPanel");
        table.setName("runHistoryTable");
        table.setAutoResizeMode(JTable.AUTO_RESIZE_LAST_COLUMN);
        int[] widths = {260, 300, 200, 80, 180, 220, 90};
        for (int i = 0; i < widths.length; i++) {
            table.getColumnModel().getColumn(i).setPreferredWidth(widths[i]);
        }
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT));
        buttons.add(button("Refresh", "runHistoryRefresh", "List the run directories again", this::refresh));
        buttons.add(button("Open", "runHistoryOpen", "Show the selected run: steps, checkpoints, verdicts, charts",
                () -> selected(1, dirs -> openRun(dirs.get(0)))));
        buttons.add(button("Open report in browser", "runHistoryReport",
                "Write report.html if it is missing and open it in the browser", () -> selected(1,
                        dirs -> openReport(dirs.get(0)))));
        buttons.add(button("Compare two", "runHistoryCompare",
                "Compare two selected runs (Ctrl+click) as 'vst compare' does; the lower row is the baseline",
                () -> selected(2, dirs -> compare(dirs.get(1), dirs.get(0)))));
        buttons.add(note);
        table.addMouseListener(new java.awt.event.MouseAdapter() {
            @Override
            public void mouseClicked(java.awt.event.MouseEvent e) {
                int row = table.rowAtPoint(e.getPoint());
                if (e.getClickCount() == 2 && row >= 0) {
                    openRun(model.rows().get(table.convertRowIndexToModel(row)).dir());
                }
            }
        });
        add(buttons, BorderLayout.NORTH);
        add(new JScrollPane(table), BorderLayout.CENTER);
        refresh();
    }

    private static JButton button(String text, String name, String tip, Runnable action) {
        JButton b = new JButton(text);
        b.setName(name);
        b.setToolTipText(tip);
        b.addActionListener(e -> action.run());
        return b;
    }

    /**
     * Lists the run directories again and reads their run.json files off the EDT (a long history holds
     * many); the future completes once the table shows them. EDT only.
     */
    public CompletableFuture<List<Path>> refresh() {
        return background.submit(() -> {
            List<RunRows.Entry> read = new ArrayList<>();
            for (Path p : listRuns(root)) {
                read.add(RunRows.read(p));
            }
            return read;
        }, (read, failure) -> {
            if (failure != null) {
                note.setText("Cannot list the runs in " + root + ": " + ExportCommands.why(failure));
                return;
            }
            note.setText(" ");
            model.setRows(new ArrayList<>(read));
        }).thenApply(read -> read.stream().map(RunRows.Entry::dir).toList());
    }

    /** A row in one line: the run directory's name and how the run ended (or why it cannot be read). EDT only. */
    public String rowText(Path dir) {
        RunRows.Entry e = model.find(dir);
        String o = e == null ? "" : e.outcome();
        return dir.getFileName() + (o.isEmpty() ? "" : " — " + o);
    }

    /** Run directories under {@code root} (those with a run.json), newest first. Any thread. */
    public static List<Path> listRuns(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            List<Path> out = new ArrayList<>(s.filter(p -> Files.isRegularFile(p.resolve(RunDirectory.RUN_JSON)))
                    .toList());
            out.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runs listed, in table order. EDT only. */
    public List<Path> listed() {
        return model.rows().stream().map(RunRows.Entry::dir).toList();
    }

    /** The text of every cell, row by row, as the table shows it. EDT only. */
    public List<List<String>> cells() {
        return TableCells.of(model);
    }

    /** The note beside the buttons (where a report went, why a run cannot be read). EDT only. */
    public String noteText() {
        return note.getText();
    }

    private void selected(int count, Consumer<List<Path>> then) {
        int[] rows = table.getSelectedRows();
        if (rows.length != count) {
            JOptionPane.showMessageDialog(this, count == 1 ? "Select a run first." : "Select exactly two runs "
                    + "(Ctrl+click).", "Run history", JOptionPane.INFORMATION_MESSAGE);
            return;
        }
        List<Path> dirs = new ArrayList<>();
        for (int r : rows) {
            dirs.add(model.rows().get(table.convertRowIndexToModel(r)).dir());
        }
        then.accept(dirs);
    }

    /** Where this browser reads run directories (a past run's log is read there too). Any thread. */
    BackgroundExecutor background() {
        return background;
    }

    /** Reads a run directory off the EDT and shows it whole; the future completes once it shows. EDT only. */
    public CompletableFuture<PastRunDialog> openRun(Path dir) {
        return load(List.of(dir), data -> {
            PastRunDialog d = new PastRunDialog(SwingUtilities.getWindowAncestor(this), dir, data.get(0), this);
            d.setVisible(true);
            return d;
        });
    }

    /**
     * Reads two runs off the EDT and shows the figures and verdict {@code vst compare baseline other} prints,
     * aligned by step, with their charts overlaid on request. EDT only.
     */
    public CompletableFuture<ComparisonDialog> compare(Path baseline, Path other) {
        return background.submit(() -> {
            List<RunData> runs = List.of(RunDataReader.read(baseline, "A"), RunDataReader.read(other, "B"));
            return new Compared(runs, RunComparison.of(runs, COMPARE_THRESHOLD_PERCENT));
        }).handle((c, failure) -> {
            if (failure != null) {
                cannotRead(failure);
                return null;
            }
            ComparisonDialog d = new ComparisonDialog(SwingUtilities.getWindowAncestor(this), List.of(baseline, other),
                    c.runs(), c.comparison());
            d.setVisible(true);
            return d;
        });
    }

    private record Compared(List<RunData> runs, RunComparison comparison) {
    }

    /**
     * Writes the run's report.html when it is missing, off the EDT, then opens it in the browser; where no
     * browser can be opened (no desktop) the note says where the report is. The future holds what the note says.
     * EDT only.
     */
    public CompletableFuture<String> openReport(Path dir) {
        Path html = dir.resolve(ReportWriter.HTML);
        return background.submit(() -> {
            if (!Files.isRegularFile(html)) {
                ReportWriter.write(dir, dir, EnumSet.of(ReportFormat.HTML));
            }
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(html.toUri());
                return "Opened " + html + " in the browser";
            }
            return "Report: " + html.toAbsolutePath() + " (no browser can be opened from here: open this file)";
        }, (said, failure) -> note.setText(failure == null ? said
                : "Cannot open the report of " + dir.getFileName() + ": " + firstLine(ExportCommands.why(failure))));
    }

    private <T> CompletableFuture<T> load(List<Path> dirs, java.util.function.Function<List<RunData>, T> show) {
        return background.submit(() -> {
            List<RunData> data = new ArrayList<>();
            for (Path d : dirs) {
                data.add(RunDataReader.read(d));
            }
            return data;
        }).handle((data, failure) -> {
            if (failure != null) {
                cannotRead(failure);
                return null;
            }
            return show.apply(data);
        });
    }

    private void cannotRead(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        JOptionPane.showMessageDialog(this, "Cannot read the run: " + ExportCommands.why(cause), "Run history",
                JOptionPane.ERROR_MESSAGE);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
