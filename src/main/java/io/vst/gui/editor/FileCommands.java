package io.vst.gui.editor;

import io.vst.VstException;
import io.vst.gui.settings.WorkbenchSettings;
import io.vst.scenario.validate.Scenarios;
import java.awt.Component;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.JFileChooser;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.filechooser.FileNameExtensionFilter;

/**
 * New, open, open built-in, save, save as, close and recent files for the editor tabs. Nothing unsaved is
 * lost without asking: closing a tab or the window asks Save / Discard / Cancel, and a file changed by
 * another program is reported when the window regains focus and before it is overwritten.
 */
public final class FileCommands {

    static final String NEW_TEXT = "name: my_scenario\ndescription: What this scenario measures\n"
            + "dataset: synthetic-128\n\nsteps:\n  - name: load\n    type: workload\n    workload: ingest\n"
            + "    parameters:\n      target_vectors: 10000\n";
    static final String SAVE = "Save";
    static final String DISCARD = "Discard";
    static final String CANCEL = "Cancel";
    static final String OVERWRITE = "Overwrite";
    static final String RELOAD = "Reload";
    static final String KEEP = "Keep mine";
    private final EditorTabs tabs;
    private final WorkbenchSettings settings;
    private final Component parent;
    private final JMenu recent = new JMenu("Recent files");
    /** How many of our questions are up (one may open inside another's modal loop). */
    private int asking;

    /** EDT only. */
    public FileCommands(EditorTabs tabs, WorkbenchSettings settings, Component parent) {
        this.tabs = tabs;
        this.settings = settings;
        this.parent = parent;
        recent.setName("menu.recent");
        refreshRecent();
    }

    /** The "Recent files" submenu, kept up to date. EDT only. */
    public JMenu recentMenu() {
        return recent;
    }

    /** Opens a new untitled scenario. EDT only. */
    public void newScenario() {
        tabs.open(NEW_TEXT, null, null);
    }

    /** Asks for a file and opens it. EDT only. */
    public void open() {
        JFileChooser fc = chooser();
        if (fc.showOpenDialog(parent) == JFileChooser.APPROVE_OPTION) {
            openFile(fc.getSelectedFile().toPath());
        }
    }

    /** Opens a file, or a built-in scenario when {@code fileOrBuiltin} names one. EDT only. */
    public ScenarioTab openFileOrBuiltin(String fileOrBuiltin) {
        Path p = Path.of(fileOrBuiltin);
        if (Files.isRegularFile(p)) {
            return openFile(p);
        }
        String name = fileOrBuiltin.endsWith(".yaml") ? fileOrBuiltin.substring(0, fileOrBuiltin.length() - 5)
                : fileOrBuiltin;
        if (Scenarios.builtinNames().contains(name)) {
            return openBuiltin(name);
        }
        throw VstException.invalidInput("No scenario file or built-in scenario named '" + fileOrBuiltin + "'",
                "built-in scenarios: " + String.join(", ", Scenarios.builtinNames()));
    }

    /** Opens (or shows, when open already) a scenario file. EDT only. */
    public ScenarioTab openFile(Path p) {
        ScenarioTab open = tabs.find(p);
        if (open != null) {
            tabs.setSelectedComponent(open);
            return open;
        }
        try {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            settings.addRecent(p);
            refreshRecent();
            return tabs.open(text, p, null);
        } catch (IOException e) {
            JOptionPane.showMessageDialog(parent, "Cannot read " + p + ": " + e.getMessage(), "Open",
                    JOptionPane.ERROR_MESSAGE);
            return null;
        }
    }

    /** Asks which built-in to open. EDT only. */
    public void chooseBuiltin() {
        Object pick = JOptionPane.showInputDialog(parent, "Built-in scenario (opens read-only):", "Open built-in",
                JOptionPane.PLAIN_MESSAGE, null, Scenarios.builtinNames().toArray(), Scenarios.builtinNames().get(0));
        if (pick != null) {
            openBuiltin(pick.toString());
        }
    }

    /** Opens a built-in scenario read-only. EDT only. */
    public ScenarioTab openBuiltin(String name) {
        return tabs.open(Scenarios.builtinText(name), null, name);
    }

    /** Saves the active tab (asks for a file when it has none or is a built-in). EDT only. */
    public void save() {
        ScenarioTab t = tabs.active();
        if (t != null) {
            save(t);
        }
    }

    /** Saves {@code t}; {@code false} when it was not written (no file chosen, refused, failed). EDT only. */
    private boolean save(ScenarioTab t) {
        if (t.file() == null || t.builtin() != null) {
            return saveAs(t);
        }
        return write(t, t.file());
    }

    /** Saves the active tab under a new name; a built-in becomes an editable copy. EDT only. */
    public void saveAs() {
        ScenarioTab t = tabs.active();
        if (t != null) {
            saveAs(t);
        }
    }

    private boolean saveAs(ScenarioTab t) {
        tabs.setSelectedComponent(t);
        JFileChooser fc = chooser();
        fc.setSelectedFile(Path.of(t.builtin() != null ? t.builtin() + ".yaml" : t.sourceName()).toFile());
        if (fc.showSaveDialog(parent) != JFileChooser.APPROVE_OPTION) {
            return false;
        }
        ScenarioTab saved = saveActiveAs(fc.getSelectedFile().toPath());
        return saved != null && !saved.dirty();
    }

    /** Writes the active tab to {@code target}; a built-in opens as an editable copy there. EDT only. */
    public ScenarioTab saveActiveAs(Path target) {
        ScenarioTab t = tabs.active();
        if (t == null) {
            return null;
        }
        if (t.builtin() != null) {
            try {
                Files.writeString(target, t.textArea().getText(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                JOptionPane.showMessageDialog(parent, "Cannot write " + target + ": " + e.getMessage(), "Save",
                        JOptionPane.ERROR_MESSAGE);
                return t;
            }
            return openFile(target);
        }
        write(t, target);
        return t;
    }

    private boolean write(ScenarioTab t, Path target) {
        if (target.equals(t.file()) && t.changedOnDisk()) {
            int a = ask(t.file() + "\nchanged on disk since it was opened or saved here."
                    + "\nOverwrite it with the editor's text?", OVERWRITE, CANCEL);
            if (a != 0) {
                // The user knows of this change now: the focus check does not ask again, the next Save writes.
                t.keepMine();
                return false;
            }
        }
        try {
            t.saveTo(target);
            settings.addRecent(target);
            refreshRecent();
            tabs.setToolTipTextAt(tabs.indexOfComponent(t), target.toString());
            return true;
        } catch (IOException e) {
            JOptionPane.showMessageDialog(parent, "Cannot write " + target + ": " + e.getMessage(), "Save",
                    JOptionPane.ERROR_MESSAGE);
            return false;
        }
    }

    /** Closes the active tab, asking Save / Discard / Cancel first when it has unsaved changes. EDT only. */
    public void close() {
        ScenarioTab t = tabs.active();
        if (t != null && mayClose(t)) {
            tabs.closeActive();
        }
    }

    /**
     * Asks Save / Discard / Cancel for every tab with unsaved changes, in turn; {@code true} when the window
     * may close (each was saved or discarded), {@code false} at the first Cancel. EDT only.
     */
    public boolean mayCloseAll() {
        for (int i = 0; i < tabs.getTabCount(); i++) {
            if (tabs.getComponentAt(i) instanceof ScenarioTab t && !mayClose(t)) {
                return false;
            }
        }
        return true;
    }

    private boolean mayClose(ScenarioTab t) {
        if (!t.dirty() || t.builtin() != null) {
            return true;
        }
        tabs.setSelectedComponent(t);
        int a = ask("Save the changes to " + t.title().substring(1) + "?", SAVE, DISCARD, CANCEL);
        return a == 1 || a == 0 && save(t);
    }

    /**
     * Tells about each tab whose file another program changed since it was read or saved here, offering to
     * reload it or keep the editor's text; asks once per change. Called when the window regains focus. EDT only.
     */
    public void checkDisk() {
        // A question of ours is up (its own focus changes are no new look at the files).
        if (asking > 0) {
            return;
        }
        for (int i = 0; i < tabs.getTabCount(); i++) {
            if (tabs.getComponentAt(i) instanceof ScenarioTab t && t.changedOnDisk()) {
                askReload(t);
            }
        }
    }

    /** A warning with these buttons; the index of the one chosen, -1 when the dialog was closed. */
    private int ask(String message, String... options) {
        asking++;
        try {
            return JOptionPane.showOptionDialog(parent, message, options[0].equals(SAVE) ? "Unsaved changes"
                    : "File changed on disk", JOptionPane.DEFAULT_OPTION, JOptionPane.WARNING_MESSAGE, null, options,
                    options[options.length - 1]);
        } finally {
            asking--;
        }
    }

    private void askReload(ScenarioTab t) {
        tabs.setSelectedComponent(t);
        String lost = t.dirty() ? " (your unsaved edits are lost)" : "";
        int a = ask(t.file() + "\nchanged on disk. Reload it" + lost + ", or keep the editor's text?", RELOAD, KEEP);
        if (a == 0 && java.nio.file.Files.isRegularFile(t.file())) {
            try {
                t.reload();
                return;
            } catch (IOException e) {
                JOptionPane.showMessageDialog(parent, "Cannot read " + t.file() + ": " + e.getMessage(), "Reload",
                        JOptionPane.ERROR_MESSAGE);
            }
        }
        t.keepMine();
    }

    private void refreshRecent() {
        recent.removeAll();
        for (Path p : settings.recentFiles()) {
            JMenuItem item = new JMenuItem(p.toString());
            item.addActionListener(e -> openFile(p));
            recent.add(item);
        }
        recent.setEnabled(recent.getItemCount() > 0);
    }

    private static JFileChooser chooser() {
        JFileChooser fc = new JFileChooser(Path.of("").toAbsolutePath().toFile());
        fc.setFileFilter(new FileNameExtensionFilter("Scenarios (*.yaml, *.yml)", "yaml", "yml"));
        return fc;
    }
}
