package io.vst.gui;

import io.vst.gui.settings.WorkbenchSettings;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.prefs.Preferences;
import javax.imageio.ImageIO;

/**
 * Takes the README's screenshots of the real window (run under Xvfb by scripts/screenshots.sh): the
 * editor with a problem, the step tree of a nested scenario, the main window during a run on the embedded
 * server (live charts with the crosshair), the results table, a past run opened from the run browser, two
 * runs compared, the connection manager and the help window.
 *
 * <p>Usage: {@code ScreenshotTour OUT_DIR WORK_DIR}
 */
public final class ScreenshotTour {

    static final String NESTED = """
            name: nested_demo
            description: Loop, parallel and conditional steps
            dataset: synthetic-128
            steps:
              - name: load
                type: workload
                workload: ingest
                parameters:
                  target_vectors: 5000
              - name: rounds
                type: loop
                iterations: 3
                steps:
                  - name: grow_${loop_index}
                    type: workload
                    workload: ingest
                    parameters:
                      target_vectors: 8000
                  - name: measure_${loop_index}
                    type: checkpoint
              - name: load_and_query
                type: parallel
                steps:
                  - name: queries
                    type: workload
                    workload: query
                    duration_seconds: 5
                  - name: watch
                    type: checkpoint
                    interval_seconds: 1
              - name: big_enough
                type: conditional
                condition:
                  metric: used_memory_mb
                  operator: greater_than
                  value: 10
                if_true:
                  - name: trim
                    type: workload
                    workload: shrink
                    parameters:
                      target_vectors: 2000
                if_false:
                  - name: note
                    type: wait
                    parameters:
                      duration_seconds: 1
            """;

    /** Long enough for the charts to show shaded steps and checkpoints (about half a minute). */
    static final String LIVE = """
            name: live_demo
            description: Grow, shrink and grow again with checkpoints
            dataset: synthetic-128
            global_config:
              n_threads: 2
              n_clients: 4
              batch_size: 200
            steps:
              - name: load
                type: workload
                workload: ingest
                parameters:
                  target_vectors: 150000
              - name: loaded
                type: checkpoint
                parameters:
                  force_gc: true
              - name: shrink
                type: workload
                workload: shrink
                parameters:
                  target_vectors: 40000
              - name: settle
                type: wait
                parameters:
                  duration_seconds: 3
              - name: shrunk
                type: checkpoint
                parameters:
                  compare_with: loaded
              - name: regrow
                type: workload
                workload: ingest
                parameters:
                  target_vectors: 150000
              - name: regrown
                type: checkpoint
                parameters:
                  compare_with: loaded
                  analyze_fragmentation: true
            """;

    private ScreenshotTour() {
    }

    public static void main(String[] args) {
        try {
            tour(args);
            System.exit(0);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void tour(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path work = Path.of(args[1]);
        Files.createDirectories(out);
        Files.createDirectories(work);
        Path typo = work.resolve("typo.yaml");
        Files.writeString(typo, NESTED.replace("workload: shrink", "workload: shrnk")
                .replace("target_vectors: 8000", "target_vector: 8000"), StandardCharsets.UTF_8);
        WorkbenchSettings settings = new WorkbenchSettings(Preferences.userRoot().node("io/vst/workbench-tour"));
        MainFrame f = Workbench.open(WorkbenchOptions.defaults().withScenario(typo.toString())
                .withRunsRoot(work.resolve("runs")).withTheme("light").withSettings(settings));
        Robot robot = new Robot();
        Edt.await(() -> !f.problemsPanel().problems().isEmpty(), Duration.ofSeconds(10));
        Edt.run(() -> {
            f.setBounds(0, 0, 1600, 1000);
            f.problemsPanel().show(f.editorTabs().activeResult());
        });
        Thread.sleep(500);
        Edt.run(() -> {
            var table = (javax.swing.JTable) find(f.problemsPanel(), javax.swing.JTable.class);
            table.setRowSelectionInterval(0, 0);
        });
        Thread.sleep(800);
        shoot(robot, f, out.resolve("gui-editor-problem.png"));

        Edt.run(() -> {
            f.editorTabs().active().textArea().setText(NESTED);
            f.editorTabs().active().validateNow();
        });
        Thread.sleep(400);
        Edt.run(() -> f.stepTree().tree().setSelectionRow(5));
        Thread.sleep(600);
        shoot(robot, f, out.resolve("gui-step-tree.png"));

        Path live = work.resolve("live_demo.yaml");
        Files.writeString(live, LIVE, StandardCharsets.UTF_8);
        Edt.run(() -> {
            f.fileCommands().openFile(live);
            f.connectionBar().setTimeScale(1.0);
            f.actions().perform(io.vst.gui.action.WorkbenchAction.RUN);
        });
        Edt.await(() -> f.liveCharts().stepCount("memory") >= 6, Duration.ofSeconds(120));
        Thread.sleep(1500);
        // The mouse over the memory chart: the crosshair shows the same time on every chart.
        java.awt.Point over = Edt.call(() -> {
            javax.swing.JComponent memory = f.liveCharts().panels().get("memory");
            java.awt.Point p = memory.getLocationOnScreen();
            return new java.awt.Point(p.x + memory.getWidth() * 2 / 3, p.y + memory.getHeight() / 2);
        });
        robot.mouseMove(over.x, over.y);
        Thread.sleep(400);
        robot.mouseMove(over.x + 2, over.y);
        // During a run the charts redraw one after the other; the picture shows them drawn at one instant.
        Edt.run(() -> f.liveCharts().redraw());
        Thread.sleep(600);
        shoot(robot, f, out.resolve("gui-live-charts.png"));
        Edt.await(() -> f.runController().state() == io.vst.gui.run.RunController.State.IDLE, Duration.ofSeconds(120));
        robot.mouseMove(5, 5);
        Path firstRun = Edt.call(() -> f.runController().lastRunDirectory());
        Edt.run(() -> f.bottom.setSelectedIndex(f.bottom.indexOfTab("Results")));
        Thread.sleep(800);
        shoot(robot, f, out.resolve("gui-results.png"));

        io.vst.gui.run.PastRunDialog past = Edt.call(() -> f.runHistory().openRun(firstRun))
                .get(60, java.util.concurrent.TimeUnit.SECONDS);
        past.logShown().get(30, java.util.concurrent.TimeUnit.SECONDS);
        Edt.run(() -> {
            past.setBounds(40, 40, 1400, 900);
            past.tabs().setSelectedIndex(2);
        });
        Thread.sleep(1200);
        shoot(robot, past, out.resolve("gui-past-run.png"));
        Edt.run(past::dispose);

        // A second, smaller run of the same scenario to compare with the first, step by step.
        Path smaller = work.resolve("live_demo_smaller.yaml");
        Files.writeString(smaller, LIVE.replace("target_vectors: 150000", "target_vectors: 110000"),
                StandardCharsets.UTF_8);
        Edt.run(() -> {
            f.fileCommands().openFile(smaller);
            f.actions().perform(io.vst.gui.action.WorkbenchAction.RUN);
        });
        Edt.await(() -> f.runController().state() != io.vst.gui.run.RunController.State.IDLE, Duration.ofSeconds(30));
        Edt.await(() -> f.runController().state() == io.vst.gui.run.RunController.State.IDLE, Duration.ofSeconds(180));
        Path secondRun = Edt.call(() -> f.runController().lastRunDirectory());
        io.vst.gui.run.ComparisonDialog compared = Edt.call(() -> f.runHistory().compare(firstRun, secondRun))
                .get(60, java.util.concurrent.TimeUnit.SECONDS);
        Edt.run(() -> compared.setBounds(40, 40, 1400, 860));
        Thread.sleep(1000);
        shoot(robot, compared, out.resolve("gui-comparison.png"));
        Edt.run(compared::dispose);

        Edt.run(() -> f.actions().perform(io.vst.gui.action.WorkbenchAction.CONNECTIONS));
        java.awt.Window manager = awaitWindow("connectionManager");
        Thread.sleep(800);
        shoot(robot, manager, out.resolve("gui-connection-manager.png"));
        Edt.run(manager::dispose);

        Edt.run(() -> f.actions().perform(io.vst.gui.action.WorkbenchAction.HELP));
        java.awt.Window help = awaitWindow("helpDialog");
        Edt.run(() -> help.setBounds(40, 40, 1300, 860));
        Thread.sleep(800);
        shoot(robot, help, out.resolve("gui-help.png"));
        Edt.run(help::dispose);
        Edt.run(f::dispose);
        Edt.run(() -> { });
        settings.clear();
    }

    static java.awt.Component find(java.awt.Container root, Class<?> type) {
        for (java.awt.Component c : root.getComponents()) {
            if (type.isInstance(c)) {
                return c;
            }
            if (c instanceof java.awt.Container k) {
                java.awt.Component inner = find(k, type);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /** The showing window named {@code name}, once it shows (within 20 s). */
    private static java.awt.Window awaitWindow(String name) {
        java.awt.Window[] found = new java.awt.Window[1];
        Edt.await(() -> {
            for (java.awt.Window w : java.awt.Window.getWindows()) {
                if (name.equals(w.getName()) && w.isShowing()) {
                    found[0] = w;
                    return true;
                }
            }
            return false;
        }, Duration.ofSeconds(20));
        if (found[0] == null) {
            throw new IllegalStateException("no window '" + name + "' showed");
        }
        return found[0];
    }

    private static void shoot(Robot robot, java.awt.Window f, Path file) throws IOException {
        Rectangle r = Edt.call(f::getBounds);
        BufferedImage img = robot.createScreenCapture(r);
        ImageIO.write(img, "png", file.toFile());
        System.out.println("wrote " + file);
    }
}
