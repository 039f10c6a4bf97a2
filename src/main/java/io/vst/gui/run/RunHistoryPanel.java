package io.vst.gui.run;

import io.vst.gui.chart.CatalogChartsDialog;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import io.vst.rundir.RunDirectory;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.SwingUtilities;

/**
 * Earlier runs: the run directories under the output folder, newest first. Open one to see its charts
 * from the report catalogue, or select two and compare them overlaid.
 */
public final class RunHistoryPanel extends JPanel {

    private final Path root;
    private final BackgroundExecutor background;
    private final javax.swing.JLabel note = new javax.swing.JLabel(" ");
    private final DefaultListModel<Path> runs = new DefaultListModel<>();
    private final JList<Path> list = new JList<>(runs);
    private final java.util.Map<Path, String> outcomes = new java.util.HashMap<>();

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
        list.setName("runHistoryList");
        list.setCellRenderer((l, p, i, sel, focus) -> new javax.swing.DefaultListCellRenderer()
                .getListCellRendererComponent(l, rowText(p), i, sel, focus));
        JButton refresh = new JButton("Refresh");
        JButton open = new JButton("Open charts");
        JButton compare = new JButton("Compare two");
        refresh.addActionListener(e -> refresh());
        open.addActionListener(e -> {
            if (list.getSelectedValue() != null) {
                openRun(list.getSelectedValue());
            }
        });
        compare.addActionListener(e -> compareSelected());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT));
        buttons.add(refresh);
        buttons.add(open);
        buttons.add(compare);
        buttons.add(note);
        add(buttons, BorderLayout.NORTH);
        add(new JScrollPane(list), BorderLayout.CENTER);
        refresh();
    }

    /**
     * Lists the run directories again, read off the EDT (a long history holds many run.json files); the
     * future completes once the list shows them. EDT only.
     */
    public java.util.concurrent.CompletableFuture<List<Path>> refresh() {
        return background.submit(() -> {
            java.util.Map<Path, String> read = new java.util.LinkedHashMap<>();
            for (Path p : listRuns(root)) {
                read.put(p, outcome(p));
            }
            return read;
        }, (read, failure) -> {
            if (failure != null) {
                note.setText("Cannot list the runs in " + root + ": " + ExportCommands.why(failure));
                return;
            }
            note.setText(" ");
            runs.clear();
            outcomes.clear();
            outcomes.putAll(read);
            read.keySet().forEach(runs::addElement);
        }).thenApply(read -> List.copyOf(read.keySet()));
    }

    /** A row of the list: the run directory's name and how the run ended. EDT only. */
    public String rowText(Path dir) {
        String o = outcomes.get(dir);
        return dir.getFileName() + (o == null || o.isEmpty() ? "" : " — " + o);
    }

    /** The outcome and message run.json records ("failed: …"), or "" when it cannot be read. */
    private static String outcome(Path dir) {
        try {
            com.fasterxml.jackson.databind.JsonNode n = io.vst.rundir.Json.mapper()
                    .readTree(dir.resolve(RunDirectory.RUN_JSON).toFile());
            String o = n.path("outcome").asText("");
            String m = n.path("message").asText("");
            return RunOutcome.FAILED.spelling().equals(o) && !m.isEmpty() ? o + ": " + m : o;
        } catch (IOException e) {
            return "";
        }
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

    /** The runs listed. EDT only. */
    public List<Path> listed() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            out.add(runs.get(i));
        }
        return out;
    }

    /** Reads a run directory off the EDT and shows its charts. EDT only. */
    public void openRun(Path dir) {
        load(List.of(dir), data -> new CatalogChartsDialog(SwingUtilities.getWindowAncestor(this),
                "Run " + dir.getFileName(), data).setVisible(true));
    }

    private void compareSelected() {
        List<Path> sel = list.getSelectedValuesList();
        if (sel.size() != 2) {
            JOptionPane.showMessageDialog(this, "Select exactly two runs (Ctrl+click).", "Compare",
                    JOptionPane.INFORMATION_MESSAGE);
            return;
        }
        compare(sel.get(0), sel.get(1));
    }

    /** Reads two runs off the EDT and shows their charts overlaid. EDT only. */
    public void compare(Path a, Path b) {
        load(List.of(a, b), data -> new CatalogChartsDialog(SwingUtilities.getWindowAncestor(this),
                "Compare " + a.getFileName() + " / " + b.getFileName(), data).setVisible(true));
    }

    private void load(List<Path> dirs, java.util.function.Consumer<List<RunData>> show) {
        background.submit(() -> {
            List<RunData> data = new ArrayList<>();
            for (Path d : dirs) {
                data.add(RunDataReader.read(d));
            }
            return data;
        }, (data, failure) -> {
            if (failure == null) {
                show.accept(data);
            } else {
                JOptionPane.showMessageDialog(this, "Cannot read the run: " + ExportCommands.why(failure),
                        "Run history", JOptionPane.ERROR_MESSAGE);
            }
        });
    }
}
