package io.vst.gui;

import io.vst.engine.RunEnvironment;
import io.vst.gui.action.ActionRegistry;
import io.vst.gui.chart.LiveChartsPanel;
import io.vst.gui.editor.EditorTabs;
import io.vst.gui.editor.FileCommands;
import io.vst.gui.editor.FindReplaceDialog;
import io.vst.gui.editor.ProblemsPanel;
import io.vst.gui.live.LiveView;
import io.vst.gui.run.BackgroundExecutor;
import io.vst.gui.run.CheckpointPanel;
import io.vst.gui.run.ConnectionBar;
import io.vst.gui.run.ExportCommands;
import io.vst.gui.run.LogPanel;
import io.vst.gui.run.ProgressPanel;
import io.vst.gui.run.ResultsPanel;
import io.vst.gui.run.RunBanner;
import io.vst.gui.run.RunCommands;
import io.vst.gui.run.RunController;
import io.vst.gui.run.RunHistoryPanel;
import io.vst.gui.steps.PlanPanel;
import io.vst.gui.steps.StepTreePanel;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.util.List;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.WindowConstants;

/**
 * The workbench window. It only creates the panels and lays them out; {@link WorkbenchWiring} connects
 * them to the actions and to each other.
 */
public final class MainFrame extends JFrame {

    /** Title prefix of the window. */
    public static final String TITLE = "vst workbench";

    final ActionRegistry actions = new ActionRegistry();
    final EditorTabs tabs;
    final StatusBar status = new StatusBar();
    final ProblemsPanel problems = new ProblemsPanel(this::goTo);
    final StepTreePanel tree = new StepTreePanel(this::goTo);
    final PlanPanel plan = new PlanPanel();
    final LiveChartsPanel charts = new LiveChartsPanel();
    final ProgressPanel progress = new ProgressPanel();
    final LogPanel log = new LogPanel();
    final CheckpointPanel checkpoints = new CheckpointPanel();
    final ResultsPanel results = new ResultsPanel();
    private HelpDialog help;
    final RunHistoryPanel history;
    final ConnectionBar connection;
    final RunController runs;
    /** Planning, exports and history reads; shut down when the window closes. */
    final BackgroundExecutor background = new BackgroundExecutor();
    final JTabbedPane workspace = new JTabbedPane();
    final JTabbedPane bottom = new JTabbedPane();
    final FileCommands files;
    final RunCommands runCommands;
    final ExportCommands exports;
    final FindReplaceDialog find = new FindReplaceDialog(this);
    final RunBanner banner = new RunBanner();
    final io.vst.gui.settings.WorkbenchSettings settings;

    /** @param environment the workloads (with plugins) and schema scenarios are checked and run with. EDT only. */
    public MainFrame(WorkbenchOptions options, RunEnvironment environment) {
        super(TITLE);
        setName("mainFrame");
        // Closing asks about unsaved edits first (WorkbenchWiring).
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        setIconImages(AppIcon.windowImages());
        settings = options.settings();
        tabs = new EditorTabs(environment.schema());
        history = new RunHistoryPanel(options.runsRoot(), background);
        connection = new ConnectionBar(options.settings());
        runs = new RunController(environment);
        files = new FileCommands(tabs, options.settings(), this);
        for (LiveView v : List.<LiveView>of(progress, results, charts, log, checkpoints, banner, status)) {
            runs.addView(v);
        }
        runCommands = new RunCommands(tabs, tree, connection, runs, background, new RunCommands.Views(plan,
                () -> workspace.setSelectedComponent(charts),
                () -> bottom.setSelectedComponent(problems), () -> bottom.setSelectedComponent(plan),
                () -> bottom.setSelectedComponent(progress)), this);
        exports = new ExportCommands(charts, runs, background, this);

        workspace.setName("workspace");
        workspace.addTab("Scenarios", tabs);
        workspace.addTab("Live charts", charts);
        bottom.setName("bottomTabs");
        bottom.addTab("Problems", problems);
        bottom.addTab("Progress", progress);
        bottom.addTab("Results", results);
        bottom.addTab("Plan", plan);
        bottom.addTab("Log", log);
        bottom.addTab("Checkpoints", checkpoints);
        bottom.addTab("Run history", history);
        JPanel top = new JPanel(new BorderLayout());
        top.add(banner, BorderLayout.NORTH);
        top.add(workspace, BorderLayout.CENTER);
        JSplitPane center = new JSplitPane(JSplitPane.VERTICAL_SPLIT, top, bottom);
        center.setResizeWeight(0.72);
        JSplitPane main = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, tree, center);
        main.setDividerLocation(270);
        tree.setMinimumSize(new Dimension(160, 100));
        actions.releaseShortcuts(center);
        actions.releaseShortcuts(main);
        JPanel north = new JPanel(new BorderLayout());
        north.add(actions.toolBar(), BorderLayout.NORTH);
        north.add(connection, BorderLayout.CENTER);
        setJMenuBar(actions.menuBar());
        add(north, BorderLayout.NORTH);
        add(main, BorderLayout.CENTER);
        add(status, BorderLayout.SOUTH);
        WorkbenchWiring.connect(this);
        setSize(1400, 900);
        setLocationByPlatform(true);
    }

    private void goTo(int line, int column) {
        if (tabs.active() != null) {
            tabs.active().goTo(line, column);
        }
    }

    /** The action registry (menus, toolbar, keys). EDT only. */
    public ActionRegistry actions() {
        return actions;
    }

    /** EDT only. */
    public EditorTabs editorTabs() {
        return tabs;
    }

    /** EDT only. */
    public ProblemsPanel problemsPanel() {
        return problems;
    }

    /** EDT only. */
    public StepTreePanel stepTree() {
        return tree;
    }

    /** EDT only. */
    public LiveChartsPanel liveCharts() {
        return charts;
    }

    /** EDT only. */
    public RunController runController() {
        return runs;
    }

    /** EDT only. */
    public ConnectionBar connectionBar() {
        return connection;
    }

    /** EDT only. */
    public FileCommands fileCommands() {
        return files;
    }

    /** EDT only. */
    public ExportCommands exportCommands() {
        return exports;
    }

    /** EDT only. */
    public StatusBar statusBar() {
        return status;
    }

    /** EDT only. */
    public PlanPanel planPanel() {
        return plan;
    }

    /** EDT only. */
    public CheckpointPanel checkpointPanel() {
        return checkpoints;
    }

    /** The help window, made on first use. EDT only. */
    HelpDialog help() {
        if (help == null) {
            help = new HelpDialog(this, io.vst.scenario.schema.SchemaRegistry.builtin());
        }
        return help;
    }

    /** Closes the help window if it was opened. EDT only. */
    void disposeHelp() {
        if (help != null) {
            help.dispose();
        }
    }

    /** EDT only. */
    public ResultsPanel resultsPanel() {
        return results;
    }

    /** EDT only. */
    public ProgressPanel progressPanel() {
        return progress;
    }

    /** The strip that says why the last run failed. EDT only. */
    public RunBanner runBanner() {
        return banner;
    }

    /** EDT only. */
    public RunHistoryPanel runHistory() {
        return history;
    }
}
