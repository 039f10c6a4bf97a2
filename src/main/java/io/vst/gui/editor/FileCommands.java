package io.vst.gui.editor;

import io.vst.VstException;
import io.vst.gui.settings.WorkbenchSettings;
import io.vst.scenario.Scenarios;
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

/** New, open, open built-in, save, save as, close and recent files for the editor tabs. */
public final class FileCommands {

    static final String NEW_TEXT = "name: my_scenario\ndescription: What this scenario measures\n"
            + "dataset: synthetic-128\n\nsteps:\n  - name: load\n    type: workload\n    workload: ingest\n"
            + "    parameters:\n      target_vectors: 10000\n";
    private final EditorTabs tabs;
    private final WorkbenchSettings settings;
    private final Component parent;
    private final JMenu recent = new JMenu("Recent files");

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
        if (t == null) {
            return;
        }
        if (t.file() == null) {
            saveAs();
        } else {
            write(t, t.file());
        }
    }

    /** Saves the active tab under a new name; a built-in becomes an editable copy. EDT only. */
    public void saveAs() {
        ScenarioTab t = tabs.active();
        if (t == null) {
            return;
        }
        JFileChooser fc = chooser();
        fc.setSelectedFile(Path.of(t.builtin() != null ? t.builtin() + ".yaml" : t.sourceName()).toFile());
        if (fc.showSaveDialog(parent) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        saveActiveAs(fc.getSelectedFile().toPath());
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

    private void write(ScenarioTab t, Path target) {
        try {
            t.saveTo(target);
            settings.addRecent(target);
            refreshRecent();
            tabs.setToolTipTextAt(tabs.indexOfComponent(t), target.toString());
        } catch (IOException e) {
            JOptionPane.showMessageDialog(parent, "Cannot write " + target + ": " + e.getMessage(), "Save",
                    JOptionPane.ERROR_MESSAGE);
        }
    }

    /** Closes the active tab, asking first when it has unsaved changes. EDT only. */
    public void close() {
        ScenarioTab t = tabs.active();
        if (t == null) {
            return;
        }
        if (t.dirty() && t.builtin() == null) {
            int a = JOptionPane.showConfirmDialog(parent, "Discard unsaved changes to " + t.title() + "?", "Close",
                    JOptionPane.OK_CANCEL_OPTION);
            if (a != JOptionPane.OK_OPTION) {
                return;
            }
        }
        tabs.closeActive();
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
