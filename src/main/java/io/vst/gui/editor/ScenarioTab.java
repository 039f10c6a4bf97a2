package io.vst.gui.editor;

import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.yaml.ParseResult;
import java.awt.BorderLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.JPanel;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.text.BadLocationException;
import javax.swing.text.Element;
import org.fife.ui.autocomplete.AutoCompletion;
import org.fife.ui.rsyntaxtextarea.RSyntaxTextArea;
import org.fife.ui.rsyntaxtextarea.SyntaxConstants;
import org.fife.ui.rtextarea.RTextScrollPane;

/**
 * One open scenario: a YAML editor with line numbers, folding, undo/redo, squiggles and completion.
 * A built-in scenario opens read-only; "Save as" writes an editable copy.
 */
public final class ScenarioTab extends JPanel {

    /** Pause in typing before the text is validated again. */
    static final int PARSE_DELAY_MS = 300;

    private final RSyntaxTextArea text = new RSyntaxTextArea(30, 90);
    private final ScenarioParser parser;
    private final AutoCompletion completion;
    private final String builtin;
    private Path file;
    private String diskText;
    private boolean dirty;
    private Runnable onDirtyChange = () -> { };

    /**
     * @param file the file shown, or {@code null} for a new or built-in scenario
     * @param builtin the built-in's name (the tab is then read-only), or {@code null}
     *     EDT only.
     */
    public ScenarioTab(SchemaRegistry registry, String content, Path file, String builtin) {
        super(new BorderLayout());
        this.file = file;
        this.builtin = builtin;
        this.diskText = file == null ? null : content;
        setName("scenarioTab");
        text.setName("scenarioEditor");
        text.setSyntaxEditingStyle(SyntaxConstants.SYNTAX_STYLE_YAML);
        text.setCodeFoldingEnabled(true);
        text.setTabSize(2);
        text.setTabsEmulated(true);
        text.setAntiAliasingEnabled(true);
        applyTheme(text);
        text.setText(content);
        text.setCaretPosition(0);
        text.discardAllEdits();
        text.setEditable(builtin == null);
        parser = new ScenarioParser(new ScenarioCheck(registry), this::sourceName);
        text.addParser(parser);
        text.setParserDelay(PARSE_DELAY_MS);
        AutoCompletion ac = new AutoCompletion(new ScenarioCompletionProvider(registry));
        completion = ac;
        ac.setShowDescWindow(true);
        ac.setParameterAssistanceEnabled(true);
        ac.setAutoActivationEnabled(true);
        ac.setAutoActivationDelay(400);
        ac.install(text);
        text.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                markDirty();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                markDirty();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                // attribute changes (highlighting) do not change the text
            }
        });
        RTextScrollPane scroll = new RTextScrollPane(text, true);
        scroll.setFoldIndicatorEnabled(true);
        add(scroll, BorderLayout.CENTER);
    }

    /** Gives the editor the colours of the theme installed now (after a theme switch). EDT only. */
    public void applyTheme() {
        applyTheme(text);
    }

    /** Matches the editor's colours to the light or dark window theme. */
    private static void applyTheme(RSyntaxTextArea area) {
        String name = com.formdev.flatlaf.FlatLaf.isLafDark() ? "dark" : "default";
        try (java.io.InputStream in = RSyntaxTextArea.class.getResourceAsStream(
                "/org/fife/ui/rsyntaxtextarea/themes/" + name + ".xml")) {
            if (in != null) {
                org.fife.ui.rsyntaxtextarea.Theme.load(in).apply(area);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("editor theme " + name + " unreadable", e);
        }
    }

    private void markDirty() {
        if (!dirty) {
            dirty = true;
            onDirtyChange.run();
        }
    }

    /** Called when the tab's title should change (dirty, saved). EDT only. */
    public void onTitleChange(Runnable r) {
        this.onDirtyChange = r;
    }

    /** The text area. EDT only. */
    public RSyntaxTextArea textArea() {
        return text;
    }

    /** The validation feeding this tab (add listeners to follow each parse). EDT only. */
    public ScenarioParser parser() {
        return parser;
    }

    /** The last parse result, or {@code null} before the first parse. EDT only. */
    public ParseResult latest() {
        return parser.latest();
    }

    /** Opens the completion popup at the caret. EDT only. */
    public void complete() {
        text.requestFocusInWindow();
        completion.doCompletion();
    }

    /** Validates now instead of after the typing pause. EDT only. */
    public void validateNow() {
        text.forceReparsing(parser);
    }

    /** The file, or {@code null}. EDT only. */
    public Path file() {
        return file;
    }

    /** The built-in's name when this tab shows one, else {@code null}. EDT only. */
    public String builtin() {
        return builtin;
    }

    /** Whether the text differs from what was last saved. EDT only. */
    public boolean dirty() {
        return dirty;
    }

    /** Title for the tab: file or built-in name, with a star when unsaved. EDT only. */
    public String title() {
        String base = file != null ? file.getFileName().toString()
                : builtin != null ? builtin + " (built-in)" : "untitled.yaml";
        return (dirty && builtin == null ? "*" : "") + base;
    }

    /** The name diagnostics use. Any thread after construction (fields are set once on the EDT). */
    public String sourceName() {
        return file != null ? file.getFileName().toString()
                : builtin != null ? "config/scenarios/" + builtin + ".yaml" : "untitled.yaml";
    }

    /** Writes the text to {@code target} and makes it this tab's file. EDT only. */
    public void saveTo(Path target) throws IOException {
        String content = text.getText();
        Files.writeString(target, content, StandardCharsets.UTF_8);
        file = target;
        diskText = content;
        setDirty(false);
    }

    /**
     * Whether the file now holds something other than what this tab last read or wrote (another program
     * changed or deleted it). Reads the file. EDT only.
     */
    public boolean changedOnDisk() {
        if (file == null || diskText == null) {
            return false;
        }
        try {
            return !Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(diskText);
        } catch (IOException e) {
            return true;
        }
    }

    /** Replaces the text with the file's content and marks it saved. EDT only. */
    public void reload() throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        int caret = text.getCaretPosition();
        text.setText(content);
        text.setCaretPosition(Math.min(caret, content.length()));
        diskText = content;
        setDirty(false);
        validateNow();
    }

    /**
     * Keeps the editor's text although the file changed: takes the file's present content as the known one
     * (so the user is not asked again for the same change) and marks the tab unsaved. EDT only.
     */
    public void keepMine() {
        try {
            diskText = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            diskText = null;
        }
        setDirty(true);
    }

    private void setDirty(boolean d) {
        dirty = d;
        onDirtyChange.run();
    }

    /** Moves the caret to a 1-based line and column and shows it. EDT only. */
    public void goTo(int line, int column) {
        Element root = text.getDocument().getDefaultRootElement();
        if (line < 1) {
            return;
        }
        Element l = root.getElement(Math.min(root.getElementCount() - 1, line - 1));
        int offset = Math.min(l.getEndOffset() - 1, l.getStartOffset() + Math.max(0, column - 1));
        text.setCaretPosition(Math.max(0, offset));
        text.requestFocusInWindow();
    }

    /** The 1-based line of the caret. EDT only. */
    public int caretLine() {
        try {
            return text.getLineOfOffset(text.getCaretPosition()) + 1;
        } catch (BadLocationException e) {
            return 1;
        }
    }
}
