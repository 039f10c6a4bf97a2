package io.vst.gui.run;

import io.vst.VstException;
import io.vst.engine.ConnectionSpec;
import io.vst.engine.PlanOptions;
import io.vst.engine.RunPlan;
import io.vst.gui.chart.LiveChartsPanel;
import io.vst.gui.editor.EditorTabs;
import io.vst.gui.editor.ScenarioTab;
import io.vst.gui.steps.PlanPanel;
import io.vst.gui.steps.StepEntry;
import io.vst.gui.steps.StepTreePanel;
import io.vst.report.RunOutcome;
import io.vst.scenario.ParseResult;
import io.vst.scenario.Scenario;
import java.awt.Component;
import java.util.function.Consumer;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;

/**
 * Run, Run step, Stop and Dry-run: validates the active scenario, freezes it into a {@link RunPlan} and
 * hands it to the {@link RunController}; resets the run views for the new run.
 */
public final class RunCommands {

    /** The panels a run updates. */
    public record Views(LiveChartsPanel charts, ProgressPanel progress, LogPanel log, CheckpointPanel checkpoints,
            PlanPanel plan, RunBanner banner, Runnable showLive, Runnable showProblems, Runnable showPlan,
            Runnable showProgress) {
    }

    private final EditorTabs tabs;
    private final StepTreePanel tree;
    private final ConnectionBar connection;
    private final RunController controller;
    private final Views views;
    private final Component parent;
    private boolean planning;

    /** EDT only. */
    public RunCommands(EditorTabs tabs, StepTreePanel tree, ConnectionBar connection, RunController controller,
            Views views, Component parent) {
        this.tabs = tabs;
        this.tree = tree;
        this.connection = connection;
        this.controller = controller;
        this.views = views;
        this.parent = parent;
        controller.onBatch(b -> applyBatch(b));
    }

    private void applyBatch(FeedBatch b) {
        // Starts and ends of top-level steps in time order, so several steps in one batch shade correctly.
        java.util.List<double[]> edges = new java.util.ArrayList<>();
        java.util.List<String> names = new java.util.ArrayList<>();
        for (FeedBatch.StepAt s : b.started()) {
            if (s.step().depth() == 0) {
                edges.add(new double[] {s.elapsedSeconds(), 1, names.size()});
                names.add(s.step().name());
            }
        }
        for (FeedBatch.Finished f : b.finished()) {
            if (f.step().depth() == 0) {
                edges.add(new double[] {f.elapsedSeconds(), 0, -1});
            }
        }
        edges.sort(java.util.Comparator.comparingDouble((double[] e) -> e[0]).thenComparingDouble(e -> e[1]));
        for (double[] e : edges) {
            if (e[1] == 1) {
                views.charts().stepStarted(names.get((int) e[2]), e[0]);
            } else {
                views.charts().stepEnded(e[0]);
            }
        }
        views.charts().addSamples(b.samples());
        b.checkpoints().forEach(cp -> views.charts().checkpoint(cp.name(), cp.elapsedSeconds()));
        if (b.outcome() != null) {
            views.charts().redraw();
        }
        views.progress().apply(b);
        views.log().apply(b);
        views.checkpoints().apply(b);
        if (b.outcome() == RunOutcome.FAILED) {
            views.banner().showFailure(b.outcomeMessage() == null ? "no reason given" : b.outcomeMessage(),
                    b.outcomeHint());
        }
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
        views.charts().clear();
        views.log().clear();
        views.checkpoints().clear();
        views.banner().clear();
        views.progress().begin(plan);
        views.plan().show(plan);
        views.showLive().run();
        views.showProgress().run();
        controller.start(plan, server);
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
     * Freezes {@code s} into a plan on a background thread (a loop of many iterations expands into many
     * planned steps, too slow for the EDT), then hands the plan to {@code then} on the EDT.
     */
    private void plan(Scenario s, String onlyStep, Consumer<RunPlan> then) {
        PlanOptions options = new PlanOptions(connection.timeScale(), onlyStep);
        planning = true;
        Thread t = new Thread(() -> {
            try {
                RunPlan plan = RunPlan.of(s, controller.environment().schema(), options);
                SwingUtilities.invokeLater(() -> {
                    planning = false;
                    then.accept(plan);
                });
            } catch (VstException e) {
                SwingUtilities.invokeLater(() -> {
                    planning = false;
                    JOptionPane.showMessageDialog(parent, e.getMessage() + (e.hint() == null ? "" : "\n" + e.hint()),
                            "Run", JOptionPane.WARNING_MESSAGE);
                });
            }
        }, "vst-gui-plan");
        t.setDaemon(true);
        t.start();
    }
}
