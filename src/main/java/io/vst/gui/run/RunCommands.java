package io.vst.gui.run;

import io.vst.VstException;
import io.vst.engine.ConnectionSpec;
import io.vst.engine.PlanOptions;
import io.vst.engine.RunPlan;
import io.vst.gui.editor.EditorTabs;
import io.vst.gui.editor.ScenarioTab;
import io.vst.gui.steps.PlanPanel;
import io.vst.gui.steps.StepEntry;
import io.vst.gui.steps.StepTreePanel;
import io.vst.scenario.yaml.ParseResult;
import io.vst.scenario.Scenario;
import java.awt.Component;
import java.util.function.Consumer;
import javax.swing.JOptionPane;

/**
 * Run, Run step, Stop and Dry-run: validates the active scenario, freezes it into a {@link RunPlan} and
 * hands it to the {@link RunController}; resets the run views for the new run.
 */
public final class RunCommands {

    /** The plan view and the tabs a run start shows; the live views are the controller's. */
    public record Views(PlanPanel plan, Runnable showLive, Runnable showProblems, Runnable showPlan,
            Runnable showProgress) {
    }

    private final EditorTabs tabs;
    private final StepTreePanel tree;
    private final ConnectionBar connection;
    private final RunController controller;
    private final Views views;
    private final Component parent;
    private final BackgroundExecutor background;
    private boolean planning;
    private Planner planner;

    /** How a scenario is frozen into a plan; {@link RunPlan#of} unless replaced. */
    @FunctionalInterface
    public interface Planner {
        /** Any thread (runs on the background executor). */
        RunPlan plan(Scenario scenario, PlanOptions options);
    }

    /** EDT only. */
    public RunCommands(EditorTabs tabs, StepTreePanel tree, ConnectionBar connection, RunController controller,
            BackgroundExecutor background, Views views, Component parent) {
        this.tabs = tabs;
        this.tree = tree;
        this.connection = connection;
        this.controller = controller;
        this.views = views;
        this.parent = parent;
        this.background = background;
        this.planner = (s, o) -> RunPlan.of(s, controller.environment().schema(), o);
    }

    /** Replaces how plans are made (tests inject failures through it). EDT only. */
    public void usePlanner(Planner p) {
        planner = p;
    }

    /** Runs the whole active scenario. EDT only. */
    public void run() {
        start(null);
    }

    /** Runs only the step selected in the tree. EDT only. */
    public void runStep() {
        StepEntry e = tree.selected();
        if (e == null) {
            JOptionPane.showMessageDialog(parent, "Select a step in the step tree first.", "Run step",
                    JOptionPane.INFORMATION_MESSAGE);
            return;
        }
        start(e.step().name());
    }

    /** Stops the run. EDT only. */
    public void stop() {
        controller.stop();
    }

    /** Plans the active scenario (off the EDT) and shows the plan. EDT only. */
    public void dryRun() {
        Scenario s = validScenario();
        if (s != null) {
            plan(s, null, plan -> {
                views.plan().show(plan);
                views.showPlan().run();
            });
        }
    }

    /** Starts a run with the connection bar's server; {@code onlyStep} = null for all steps. EDT only. */
    public void start(String onlyStep) {
        if (controller.state() != RunController.State.IDLE || planning) {
            return;
        }
        Scenario s = validScenario();
        if (s != null) {
            plan(s, onlyStep, this::startPlanned);
        }
    }

    private void startPlanned(RunPlan plan) {
        if (controller.state() != RunController.State.IDLE) {
            return;
        }
        ConnectionSpec server = connection.askPassword(connection.spec());
        if (server == null) {
            return;
        }
        connection.save();
        views.plan().show(plan);
        views.showLive().run();
        views.showProgress().run();
        controller.start(plan, server);
    }

    /**
     * Watches the connection bar's server without a scenario, every second, until Stop: the live charts
     * follow it and a run directory is written. EDT only.
     */
    public void watch() {
        if (controller.state() != RunController.State.IDLE || planning) {
            return;
        }
        ConnectionSpec server = connection.askPassword(connection.spec());
        if (server == null) {
            return;
        }
        connection.save();
        views.showLive().run();
        controller.startWatch(server, 1.0);
    }

    /** The active scenario when it is valid, or {@code null} (after telling the user why). */
    private Scenario validScenario() {
        ScenarioTab tab = tabs.active();
        if (tab == null) {
            return null;
        }
        tab.validateNow();
        ParseResult r = tab.latest();
        if (r == null || r.scenario() == null || r.hasErrors()) {
            views.showProblems().run();
            JOptionPane.showMessageDialog(parent, "The scenario has errors; see Problems.", "Run",
                    JOptionPane.WARNING_MESSAGE);
            return null;
        }
        return r.scenario();
    }

    /**
     * Freezes {@code s} into a plan on the background executor (a loop of many iterations expands into
     * many planned steps, too slow for the EDT), then hands the plan to {@code then} on the EDT. Whatever
     * planning throws, the planning flag is reset and the user told, so Run stays usable.
     */
    private void plan(Scenario s, String onlyStep, Consumer<RunPlan> then) {
        PlanOptions options = new PlanOptions(connection.timeScale(), onlyStep);
        planning = true;
        Planner p = planner;
        background.submit(() -> p.plan(s, options), (plan, failure) -> {
            planning = false;
            if (failure == null) {
                then.accept(plan);
            } else {
                JOptionPane.showMessageDialog(parent, planFailure(failure), "Run", JOptionPane.WARNING_MESSAGE);
            }
        });
    }

    /** What the user reads when planning failed: the scenario's mistake, or a fault of vst, never a class name. */
    static String planFailure(Throwable t) {
        if (t instanceof VstException e) {
            return e.getMessage() + (e.hint() == null ? "" : "\n" + e.hint());
        }
        return "Planning failed: " + (t.getMessage() == null ? "an internal error" : t.getMessage())
                + "\nThis is a fault in vst, not in the scenario; Run stays available.";
    }
}
