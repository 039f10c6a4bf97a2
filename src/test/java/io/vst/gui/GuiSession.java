package io.vst.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.gui.live.FeedBatch;
import io.vst.gui.run.RunController;
import io.vst.gui.settings.WorkbenchSettings;
import java.awt.Window;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.prefs.Preferences;
import javax.swing.JOptionPane;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.assertj.swing.exception.EdtViolationException;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;

/**
 * One workbench window for a GUI test class: a throw-away settings node, a robot, the thread-violation
 * check (Swing touched off the EDT, or any exception nobody caught, fails the class in {@link #close()}) and
 * helpers for shortcuts and option panes.
 */
final class GuiSession {

    static final Duration WAIT = Duration.ofSeconds(20);
    final Robot robot;
    final FrameFixture window;
    final MainFrame frame;
    final WorkbenchSettings settings;
    private final List<Throwable> offEdt = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());
    private final Thread.UncaughtExceptionHandler previousHandler;

    private GuiSession(WorkbenchOptions options, String node) {
        FailOnThreadViolationRepaintManager.install();
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (e instanceof EdtViolationException) {
                offEdt.add(e);
            } else {
                // E.g. a NoClassDefFoundError in a completion on the EDT: it must fail the class, not vanish.
                uncaught.add(e);
            }
        });
        settings = new WorkbenchSettings(Preferences.userRoot().node(node));
        frame = Workbench.open(options.withSettings(settings));
        robot = BasicRobot.robotWithCurrentAwtHierarchy();
        window = new FrameFixture(robot, frame);
        Edt.run(() -> frame.setBounds(0, 0, 1400, 900));
    }

    /** Opens the workbench on {@code scenario} with runs under {@code runs}; skips without a display. */
    static GuiSession open(String scenario, Path runs, String theme) {
        return open(scenario, runs, theme, List.of());
    }

    /** As {@link #open(String, Path, String)}, with plugin workloads from {@code pluginDirs} (as --plugins). */
    static GuiSession open(String scenario, Path runs, String theme, List<Path> pluginDirs) {
        GuiTestSupport.requireDisplay();
        String node = "io/vst/workbench-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        return new GuiSession(WorkbenchOptions.defaults().withScenario(scenario).withRunsRoot(runs)
                .withTheme(theme).withPluginDirs(pluginDirs), node);
    }

    /** Replaces the active editor's text and validates it at once. */
    void scenario(String text) {
        Edt.run(() -> {
            frame.editorTabs().active().textArea().setText(text);
            frame.editorTabs().active().validateNow();
        });
    }

    /** Points the connection bar at the embedded server, or at the server on loopback {@code port}. */
    @SuppressWarnings("unchecked")
    void server(boolean embedded, int port) {
        Edt.run(() -> {
            javax.swing.JComboBox<String> mode = (javax.swing.JComboBox<String>) window.comboBox("connectionMode")
                    .target();
            mode.setSelectedIndex(embedded ? 0 : 1);
            ((javax.swing.JTextField) window.textBox("connectionHost").target()).setText("127.0.0.1");
            ((javax.swing.JSpinner) window.spinner("connectionPort").target()).setValue(port);
        });
    }

    /** Disposes the window, removes the settings node and fails when Swing was touched off the EDT. */
    void close() {
        Edt.run(() -> frame.runController().dispose());
        window.cleanUp();
        Edt.run(() -> { });
        settings.clear();
        FailOnThreadViolationRepaintManager.uninstall();
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        assertThat(offEdt).as("Swing touched off the EDT").isEmpty();
        assertThat(uncaught).as("exceptions nobody caught").isEmpty();
    }

    /** Presses the shortcut the action registry advertises for {@code a}, as a user would. */
    @SuppressWarnings("deprecation")
    void press(io.vst.gui.action.WorkbenchAction a) {
        // Without a window manager a closed dialog hands the keyboard focus back to nobody: click the editor.
        Edt.run(() -> frame.workspace.setSelectedIndex(0));
        window.textBox("scenarioEditor").click();
        javax.swing.KeyStroke ks = a.shortcut();
        int ex = ks.getModifiers();
        List<Integer> mods = new ArrayList<>();
        if ((ex & java.awt.event.InputEvent.CTRL_DOWN_MASK) != 0) {
            mods.add(java.awt.event.InputEvent.CTRL_MASK);
        }
        if ((ex & java.awt.event.InputEvent.SHIFT_DOWN_MASK) != 0) {
            mods.add(java.awt.event.InputEvent.SHIFT_MASK);
        }
        if ((ex & java.awt.event.InputEvent.ALT_DOWN_MASK) != 0) {
            mods.add(java.awt.event.InputEvent.ALT_MASK);
        }
        if ((ex & java.awt.event.InputEvent.META_DOWN_MASK) != 0) {
            mods.add(java.awt.event.InputEvent.META_MASK);
        }
        robot.pressAndReleaseKey(ks.getKeyCode(), mods.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Presses Run and waits until that run has ended: the controller is idle again with an outcome that is not
     * the one it held before the key press (the key reaches the window later, so the outcome of an earlier run
     * must not pass for this one's).
     */
    FeedBatch runToTheEnd(Duration limit) {
        RunController runs = Edt.call(frame::runController);
        FeedBatch before = Edt.call(runs::lastOutcome);
        startRun();
        return awaitOutcomeOtherThan(before, limit);
    }

    /**
     * Presses Run and returns once a run has started (or already ended). Under Xvfb with no window manager a
     * robot key can be lost on a loaded machine (seen once in a full run: no run started in 60 s): when the
     * run has neither started nor ended after 10 s, it presses once more.
     */
    void startRun() {
        RunController runs = Edt.call(frame::runController);
        FeedBatch before = Edt.call(runs::lastOutcome);
        press(io.vst.gui.action.WorkbenchAction.RUN);
        if (!Edt.await(() -> runs.state() != RunController.State.IDLE || runs.lastOutcome() != before,
                Duration.ofSeconds(10))) {
            press(io.vst.gui.action.WorkbenchAction.RUN);
        }
    }

    /** Waits until the controller is idle with an outcome other than {@code before} (compared by identity). */
    FeedBatch awaitOutcomeOtherThan(FeedBatch before, Duration limit) {
        RunController runs = Edt.call(frame::runController);
        assertThat(Edt.await(() -> runs.state() == RunController.State.IDLE && runs.lastOutcome() != null
                && runs.lastOutcome() != before, limit)).as("run ended within " + limit).isTrue();
        return Edt.call(runs::lastOutcome);
    }

    /**
     * Clicks {@code button} through its own action, later on the EDT, and returns at once: for a button that
     * opens a modal dialog (which would block a synchronous call), where a robot click was lost in full runs
     * on a loaded machine (the dialog never opened in 20 s). The dialog is then found with {@link #optionPane}.
     */
    static void clickLater(javax.swing.AbstractButton button) {
        javax.swing.SwingUtilities.invokeLater(button::doClick);
    }

    /**
     * Presses {@code button} of the option pane {@code pane} through the button's own action and waits until
     * the pane's window has closed: a robot click on OK was lost in a full run, the dialog stayed open, and
     * the next one the test opened showed beside it (two option panes, and the lookup failed).
     */
    static void closeWith(JOptionPaneFixture pane, org.assertj.swing.fixture.JButtonFixture button) {
        Window w = Edt.call(() -> javax.swing.SwingUtilities.getWindowAncestor(pane.target()));
        Edt.run(button.target()::doClick);
        assertThat(Edt.await(() -> w == null || !w.isShowing(), WAIT)).as("the option pane closed").isTrue();
    }

    /** The option pane showing now (waits for it). */
    JOptionPaneFixture optionPane() {
        return window.optionPane(org.assertj.swing.timing.Timeout.timeout(WAIT.toMillis()));
    }

    /** Waits for a showing option pane whose message contains {@code text} (an earlier one may still be closing). */
    JOptionPaneFixture optionPaneSaying(String text) {
        JOptionPane[] found = new JOptionPane[1];
        boolean shown = Edt.await(() -> {
            for (Window w : Window.getWindows()) {
                if (w.isShowing() && ScreenshotTour.find(w, JOptionPane.class) instanceof JOptionPane p
                        && String.valueOf(p.getMessage()).contains(text)) {
                    found[0] = p;
                    return true;
                }
            }
            return false;
        }, WAIT);
        assertThat(shown).as("a question mentioning '%s'; showing instead: %s", text, Edt.call(GuiSession::showingWindows))
                .isTrue();
        return new JOptionPaneFixture(robot, found[0]);
    }

    /**
     * Answers a question by pressing its button on the event thread and waits until the question has closed.
     * A robot click can miss a dialog that is still being placed on a loaded machine; the button's own action
     * is what the code under test sees either way.
     */
    void answer(JOptionPaneFixture pane, String button) {
        javax.swing.JButton b = pane.buttonWithText(button).target();
        Window w = Edt.call(() -> javax.swing.SwingUtilities.getWindowAncestor(pane.target()));
        Edt.run(b::doClick);
        assertThat(Edt.await(() -> !w.isShowing(), WAIT)).as("the question closes after %s", button).isTrue();
        robot.waitForIdle();
    }

    /** The showing windows with their titles and any question's text, for a failure message. */
    static String showingWindows() {
        List<String> shown = new ArrayList<>();
        for (Window w : Window.getWindows()) {
            if (w.isShowing()) {
                String title = w instanceof java.awt.Frame fr ? fr.getTitle() : w instanceof java.awt.Dialog d ? d.getTitle() : "";
                JOptionPane p = (JOptionPane) ScreenshotTour.find(w, JOptionPane.class);
                shown.add(w.getClass().getSimpleName() + " '" + title + "'" + (p == null ? "" : " asking '" + p.getMessage() + "'")
                        + (w.isFocused() ? " (focused)" : ""));
            }
        }
        return shown.toString();
    }

    /** Whether any option pane is showing. */
    static boolean optionPaneShowing() {
        return Edt.call(() -> {
            for (Window w : Window.getWindows()) {
                if (w.isShowing() && ScreenshotTour.find(w, JOptionPane.class) != null) {
                    return true;
                }
            }
            return false;
        });
    }
}
