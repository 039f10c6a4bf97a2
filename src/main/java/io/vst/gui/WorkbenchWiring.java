package io.vst.gui;

import io.vst.gui.action.WorkbenchAction;
import io.vst.gui.editor.ProblemText;
import io.vst.gui.editor.ScenarioTab;
import io.vst.gui.run.RunController;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import javax.swing.JFileChooser;
import javax.swing.JMenu;

/** Connects the main window's panels to the action registry and to each other. */
final class WorkbenchWiring {

    private WorkbenchWiring() {
    }

    static void connect(MainFrame f) {
        bindActions(f);
        f.tabs.onActiveParsed(tab -> {
            f.problems.show(tab == null ? null : tab.latest());
            f.tree.show(tab == null ? null : tab.latest());
            f.status.setProblems(tab == null ? "" : ProblemText.count(tab.latest()));
            showTitle(f, tab);
            refreshEnablement(f);
        });
        f.tabs.onActiveTitle(tab -> showTitle(f, tab));
        f.tabs.addContainerListener(new java.awt.event.ContainerAdapter() {
            @Override
            public void componentAdded(java.awt.event.ContainerEvent e) {
                if (e.getChild() instanceof ScenarioTab t) {
                    f.actions.releaseShortcuts(t.textArea());
                }
            }
        });
        f.tabs.onActiveCaret(tab -> {
            int line = tab.caretLine();
            f.tree.selectLine(line);
            int col = tab.textArea().getCaretOffsetFromLineStart() + 1;
            f.status.setCaret(line, col);
        });
        f.runs.onState(s -> {
            // The status bar follows the run itself (a live view); only Stop is known here first.
            if (s == RunController.State.STOPPING) {
                f.status.setRun("Stopping…");
            }
            if (s == RunController.State.IDLE) {
                f.history.refresh();
            }
            refreshEnablement(f);
        });
        f.addWindowFocusListener(new WindowAdapter() {
            @Override
            public void windowGainedFocus(WindowEvent e) {
                f.files.checkDisk();
            }
        });
        f.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                quit(f);
            }

            @Override
            public void windowClosed(WindowEvent e) {
                f.connection.save();
                f.runs.dispose();
                f.background.shutdown();
                f.find.dispose();
                f.disposeHelp();
            }
        });
        JMenu fileMenu = f.getJMenuBar().getMenu(0);
        fileMenu.insert(f.files.recentMenu(), 5);
        refreshEnablement(f);
    }

    private static void bindActions(MainFrame f) {
        var a = f.actions;
        a.bind(WorkbenchAction.NEW, f.files::newScenario);
        a.bind(WorkbenchAction.OPEN, f.files::open);
        a.bind(WorkbenchAction.OPEN_BUILTIN, f.files::chooseBuiltin);
        a.bind(WorkbenchAction.SAVE, f.files::save);
        a.bind(WorkbenchAction.SAVE_AS, f.files::saveAs);
        a.bind(WorkbenchAction.CLOSE_TAB, f.files::close);
        a.bind(WorkbenchAction.OPEN_RUN, () -> openRun(f));
        a.bind(WorkbenchAction.QUIT, () -> quit(f));
        a.bind(WorkbenchAction.UNDO, () -> withTab(f, t -> t.textArea().undoLastAction()));
        a.bind(WorkbenchAction.REDO, () -> withTab(f, t -> t.textArea().redoLastAction()));
        a.bind(WorkbenchAction.FIND, () -> withTab(f, t -> f.find.showFor(t.textArea())));
        a.bind(WorkbenchAction.COMPLETE, () -> withTab(f, ScenarioTab::complete));
        a.bind(WorkbenchAction.VALIDATE, () -> withTab(f, ScenarioTab::validateNow));
        a.bind(WorkbenchAction.DRY_RUN, f.runCommands::dryRun);
        a.bind(WorkbenchAction.RUN, f.runCommands::run);
        a.bind(WorkbenchAction.RUN_STEP, f.runCommands::runStep);
        a.bind(WorkbenchAction.STOP, f.runCommands::stop);
        a.bind(WorkbenchAction.WATCH, f.runCommands::watch);
        a.bind(WorkbenchAction.PAUSE_CHARTS, () -> f.charts.setPaused(!f.charts.paused()));
        a.bind(WorkbenchAction.COMPARE_RUNS, () -> f.bottom.setSelectedComponent(f.history));
        a.bind(WorkbenchAction.CONNECTIONS, () -> io.vst.gui.connection.ConnectionManagerDialog.open(f, f.connection,
                io.vst.valkey.EndpointProfiles.user()));
        a.bind(WorkbenchAction.EXPORT_PNG, f.exports::png);
        a.bind(WorkbenchAction.EXPORT_CSV, f.exports::csv);
        a.bind(WorkbenchAction.EXPORT_HTML, f.exports::html);
        a.bind(WorkbenchAction.TOGGLE_THEME, () -> Themes.toggle(f));
        a.bind(WorkbenchAction.HELP, () -> f.help().showReference());
        a.bind(WorkbenchAction.ABOUT, () -> f.help().showAbout());
    }

    /** Closes the window once every unsaved tab was saved or discarded; a Cancel keeps it open. */
    private static void quit(MainFrame f) {
        if (f.files.mayCloseAll()) {
            f.dispose();
        }
    }

    private static void showTitle(MainFrame f, ScenarioTab tab) {
        f.setTitle(MainFrame.TITLE + (tab == null ? "" : " — " + tab.title()));
    }

    private static void openRun(MainFrame f) {
        JFileChooser fc = new JFileChooser(f.runs.outputRoot().toAbsolutePath().toFile());
        fc.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        if (fc.showOpenDialog(f) == JFileChooser.APPROVE_OPTION) {
            f.history.openRun(fc.getSelectedFile().toPath());
        }
    }

    private static void withTab(MainFrame f, java.util.function.Consumer<ScenarioTab> action) {
        ScenarioTab t = f.tabs.active();
        if (t != null) {
            action.accept(t);
        }
    }

    /** Enablement follows state: a tab open, a run going on, a run directory to export. */
    static void refreshEnablement(MainFrame f) {
        boolean tab = f.tabs.active() != null;
        boolean idle = f.runs.state() == RunController.State.IDLE;
        boolean editable = tab && f.tabs.active().builtin() == null;
        var a = f.actions;
        a.setEnabled(WorkbenchAction.SAVE, editable);
        a.setEnabled(WorkbenchAction.SAVE_AS, tab);
        a.setEnabled(WorkbenchAction.CLOSE_TAB, tab);
        a.setEnabled(WorkbenchAction.UNDO, editable);
        a.setEnabled(WorkbenchAction.REDO, editable);
        a.setEnabled(WorkbenchAction.VALIDATE, tab);
        a.setEnabled(WorkbenchAction.DRY_RUN, tab);
        a.setEnabled(WorkbenchAction.RUN, tab && idle);
        a.setEnabled(WorkbenchAction.RUN_STEP, tab && idle);
        a.setEnabled(WorkbenchAction.STOP, f.runs.state() == RunController.State.RUNNING);
        a.setEnabled(WorkbenchAction.WATCH, idle);
        a.setEnabled(WorkbenchAction.EXPORT_CSV, f.runs.lastRunDirectory() != null && idle);
        a.setEnabled(WorkbenchAction.EXPORT_HTML, f.runs.lastRunDirectory() != null && idle);
    }
}
