package io.vst.gui.run;

import io.vst.rundir.LogLevel;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * The {@code vst.log} of a past run: its lines at or above a chosen level, narrowed to those that contain
 * the search text (any case), with a count of what is shown. A line without a level of its own (a message
 * that went on over several lines) keeps the level of the line it continues. The file is read off the EDT.
 */
public final class RunLogPanel extends JPanel {

    /** Lines read at most; a longer log shows its first lines and says so. */
    public static final int MAX_LINES = 200_000;
    private static final String ALL = "all levels";
    private final JComboBox<String> level = new JComboBox<>(new String[] {ALL, "INFO and above", "WARN and above",
        "ERROR only"});
    private final JTextField search = new JTextField(24);
    private final JTextArea text = new JTextArea();
    private final JLabel count = new JLabel(" ");
    private List<Line> lines = List.of();
    private List<String> shown = List.of();
    private String note = "";

    /** One line of the log with the level it belongs to. */
    record Line(LogLevel level, String text) {
    }

    /** EDT only. */
    public RunLogPanel() {
        super(new BorderLayout());
        setName("runLogPanel");
        level.setName("runLogLevel");
        search.setName("runLogSearch");
        text.setName("runLogText");
        count.setName("runLogCount");
        text.setEditable(false);
        text.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        search.setToolTipText("Show only the lines that contain this text (any case)");
        level.addActionListener(e -> refilter());
        search.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                refilter();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                refilter();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                refilter();
            }
        });
        JPanel bar = new JPanel(new FlowLayout(FlowLayout.LEFT));
        bar.add(new JLabel("Level:"));
        bar.add(level);
        bar.add(new JLabel("Find:"));
        bar.add(search);
        bar.add(count);
        add(bar, BorderLayout.NORTH);
        add(new JScrollPane(text), BorderLayout.CENTER);
    }

    /**
     * Reads {@code file} on {@code background} and shows it; the future completes on the EDT once it shows.
     * EDT only.
     */
    public CompletableFuture<Void> load(Path file, BackgroundExecutor background) {
        count.setText("reading " + file.getFileName() + "…");
        return background.submit(() -> read(file), (read, failure) -> {
            if (failure != null) {
                show(List.of(), failure instanceof NoSuchFileException ? "this run has no " + file.getFileName()
                        : "cannot read " + file.getFileName() + ": " + failure.getMessage());
            } else {
                show(read.lines(), read.truncated() ? "only the first " + MAX_LINES + " lines are shown" : "");
            }
        }).handle((r, failure) -> null);
    }

    private record Read(List<Line> lines, boolean truncated) {
    }

    private static Read read(Path file) throws IOException {
        List<Line> out = new ArrayList<>();
        LogLevel current = LogLevel.INFO;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                if (out.size() == MAX_LINES) {
                    return new Read(out, true);
                }
                LogLevel l = levelOf(s);
                current = l == null ? current : l;
                out.add(new Line(current, s));
            }
        }
        return new Read(out, false);
    }

    /** The level a vst.log line states after its timestamp ({@code 2026-…Z WARN message}), or null. */
    static LogLevel levelOf(String line) {
        int space = line.indexOf(' ');
        if (space <= 0) {
            return null;
        }
        int end = line.indexOf(' ', space + 1);
        String word = end < 0 ? line.substring(space + 1) : line.substring(space + 1, end);
        for (LogLevel l : LogLevel.values()) {
            if (l.spelling().equals(word)) {
                return l;
            }
        }
        return null;
    }

    private void show(List<Line> read, String why) {
        lines = List.copyOf(read);
        note = why;
        refilter();
    }

    private void refilter() {
        LogLevel least = switch (level.getSelectedIndex()) {
            case 1 -> LogLevel.INFO;
            case 2 -> LogLevel.WARN;
            case 3 -> LogLevel.ERROR;
            default -> LogLevel.DEBUG;
        };
        String find = search.getText().toLowerCase(Locale.ROOT);
        List<String> kept = new ArrayList<>();
        for (Line l : lines) {
            if (l.level().compareTo(least) >= 0 && (find.isEmpty() || l.text().toLowerCase(Locale.ROOT).contains(find))) {
                kept.add(l.text());
            }
        }
        shown = List.copyOf(kept);
        text.setText(kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
        text.setCaretPosition(0);
        count.setText(String.format(Locale.ROOT, "%,d of %,d lines", shown.size(), lines.size())
                + (note.isEmpty() ? "" : " — " + note));
    }

    /** The lines shown now, in order. EDT only. */
    public List<String> shownLines() {
        return shown;
    }

    /** What the count says ("3 of 40 lines"). EDT only. */
    public String countText() {
        return count.getText();
    }
}
