package io.vst.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.engine.PlanOptions;
import io.vst.engine.PlannedStep;
import io.vst.engine.RunPlan;
import io.vst.gui.action.WorkbenchAction;
import io.vst.gui.run.CheckpointFigures;
import io.vst.gui.run.RunController;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.RunDirectory;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.testsupport.ValkeyTestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run tells the user where the eye is: a failed run (nothing listening, a search scenario on a plain
 * server) in a banner with its hint, the status bar and the history row; progress of a loop counted from the
 * iterations steps.csv records, also after Stop; the checkpoint inspector's figures with units, as in
 * report.html, never NaN.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunFeedbackGuiTest {

    private static final String WAIT_ONLY = "name: tiny\nsteps:\n  - name: settle\n    type: wait\n    parameters:\n"
            + "      duration_seconds: 1\n";
    private static final String SEARCH = "name: needs_search\ndataset: synthetic-128\nsteps:\n  - name: load\n"
            + "    type: workload\n    workload: ingest\n    parameters:\n      target_vectors: 100\n"
            + "  - name: ask\n    type: workload\n    workload: query\n    duration_seconds: 1\n";
    private static final String LOOP = """
            name: loop_progress
            dataset: synthetic-128
            steps:
              - name: load
                type: workload
                workload: ingest
                parameters:
                  target_vectors: 500
              - name: snap
                type: checkpoint
              - name: cycles
                type: loop
                iterations: 30
                steps:
                  - name: pause
                    type: wait
                    parameters:
                      duration_seconds: 0.5
            """;
    @TempDir
    static Path tmp;
    private GuiSession gui;

    @BeforeAll
    void open() throws Exception {
        Path file = tmp.resolve("run.yaml");
        Files.writeString(file, WAIT_ONLY);
        gui = GuiSession.open(file.toString(), tmp.resolve("runs"), "light");
    }

    @AfterAll
    void close() {
        if (gui != null) {
            gui.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void noJavaNames(String text) {
        assertThat(text).doesNotContain("Exception").doesNotContain("java.").doesNotContain("NaN");
    }

    @Test
    @Order(1)
    void connectionRefusedShowsInTheBannerAndStatusBar() throws Exception {
        int port = freePort();
        gui.scenario(WAIT_ONLY);
        gui.server(false, port);
        gui.runToTheEnd(Duration.ofSeconds(90));
        assertThat(Edt.call(() -> gui.frame.runController().lastOutcome().outcome())).isEqualTo(RunOutcome.FAILED);
        String banner = Edt.call(() -> gui.frame.runBanner().text());
        assertThat(Edt.call(() -> gui.frame.runBanner().isShowing())).isTrue();
        assertThat(banner).startsWith("Run failed: ").contains(Integer.toString(port)).contains("\n");
        noJavaNames(banner);
        assertThat(Edt.call(() -> gui.frame.statusBar().runText())).contains("failed").isNotEqualTo("Idle");
        assertThat(Edt.call(() -> gui.frame.bottom.getSelectedComponent() == gui.frame.progressPanel())).isTrue();
    }

    @Test
    @Order(2)
    void aSearchScenarioOnAPlainServerSaysSoEverywhere() {
        GuiTestSupport.requireValkey();
        try (ValkeyTestServer plain = ValkeyTestServer.start()) {
            gui.scenario(SEARCH);
            gui.server(false, plain.port());
            gui.runToTheEnd(Duration.ofSeconds(90));
        }
        String banner = Edt.call(() -> gui.frame.runBanner().text());
        assertThat(banner).contains("no valkey-search module").contains("ask").contains("--loadmodule");
        noJavaNames(banner);
        assertThat(Edt.call(() -> gui.frame.statusBar().runText())).contains("failed")
                .contains("no valkey-search module");
        Path dir = Edt.call(() -> gui.frame.runController().lastRunDirectory());
        assertThat(dir).isNotNull();
        assertThat(Edt.await(() -> gui.frame.runHistory().listed().contains(dir), GuiSession.WAIT))
                .as("the run listed").isTrue();
        assertThat(Edt.call(() -> gui.frame.runHistory().rowText(dir))).contains("failed")
                .contains("no valkey-search module");
        Edt.run(() -> gui.frame.runBanner().clear());
    }

    @Test
    @Order(3)
    void loopProgressFollowsTheIterationsThatRanAlsoAfterStop() throws Exception {
        GuiTestSupport.requireValkey();
        gui.scenario(LOOP);
        gui.server(true, 6379);
        // The previous test's run directory stays until this run's plan is made: wait for a new one.
        Path previous = Edt.call(() -> gui.frame.runController().lastRunDirectory());
        gui.startRun();
        assertThat(Edt.await(() -> {
            Path d = gui.frame.runController().lastRunDirectory();
            return d != null && !d.equals(previous);
        }, Duration.ofSeconds(60))).isTrue();
        assertThat(Edt.call(() -> gui.frame.bottom.getSelectedComponent() == gui.frame.progressPanel()))
                .as("Run shows Progress").isTrue();
        Path dir = Edt.call(() -> gui.frame.runController().lastRunDirectory());
        assertThat(waitFor(() -> iterationsOk(dir) >= 6, Duration.ofSeconds(60))).as("6 iterations ran").isTrue();
        int overallInLoop = Edt.call(() -> percent(gui.frame.progressPanel().overallText()));
        assertThat(overallInLoop).as("overall bar inside the loop").isGreaterThan(0);
        // The action itself: a robot click can be lost on a loaded machine, and the loop would then run to its end.
        Edt.run(() -> gui.frame.actions().perform(WorkbenchAction.STOP));
        assertThat(Edt.await(() -> gui.frame.runController().state() == RunController.State.IDLE,
                Duration.ofSeconds(30))).isTrue();
        int ran = iterationsOk(dir);
        assertThat(ran).isBetween(6, 29);
        List<String> loopRow = Edt.call(() -> gui.frame.progressPanel().rowOf("cycles"));
        assertThat(loopRow.get(1)).isEqualTo("stopped");
        assertThat(loopRow.get(3)).isEqualTo(String.format(Locale.ROOT, "%d / 30 iterations", ran));
        assertThat(percent(loopRow.get(2))).isBetween(100 * ran / 30 - 1, 100 * (ran + 1) / 30 + 1);
        String header = Edt.call(() -> gui.frame.progressPanel().headerText());
        assertThat(header).startsWith("Run interrupted").doesNotContain("ETA");

        RunPlan plan = RunPlan.of(Edt.call(() -> gui.frame.editorTabs().activeResult().scenario()),
                SchemaRegistry.builtin(), new PlanOptions(1.0, null));
        double total = plan.estimatedSeconds();
        double before = plan.steps().get(0).estimatedSeconds() + plan.steps().get(1).estimatedSeconds();
        PlannedStep loop = plan.steps().get(2);
        double each = loop.children().get(0).estimatedSeconds();
        int overall = Edt.call(() -> percent(gui.frame.progressPanel().overallText()));
        System.out.printf(Locale.ROOT, "in loop: overall %d %%; after Stop: steps.csv %d ok iterations, loop row %s,"
                + " overall %d %%, header '%s'%n", overallInLoop, ran, loopRow, overall, header);
        assertThat(overall).as("overall after Stop against %d iterations in steps.csv", ran)
                .isBetween((int) Math.floor(100 * (before + ran * each) / total) - 1,
                        (int) Math.ceil(100 * (before + (ran + 1) * each) / total) + 1);
        Files.readAllLines(dir.resolve(RunDirectory.STEPS)).stream().filter(l -> l.startsWith("cycles,"))
                .forEach(l -> System.out.println("steps.csv loop row: " + l));
        checkpointInspectorShowsTheReportsFigures(dir);
    }

    private void checkpointInspectorShowsTheReportsFigures(Path dir) throws Exception {
        assertThat(waitFor(() -> Files.isRegularFile(dir.resolve("report.html")), Duration.ofSeconds(30))).isTrue();
        String report = Files.readString(dir.resolve("report.html"));
        Edt.run(() -> gui.frame.checkpointPanel().select(0));
        List<CheckpointFigures.Row> rows = Edt.call(() -> gui.frame.checkpointPanel().shownRows());
        assertThat(rows).isNotEmpty();
        for (CheckpointFigures.Row r : rows) {
            assertThat(r.value()).as(r.figure()).doesNotContain("NaN").doesNotMatch("-?\\d+\\.0");
        }
        CheckpointFigures.Row used = rows.stream().filter(r -> r.figure().equals("used_memory_bytes")).findFirst()
                .orElseThrow();
        assertThat(used.value()).matches("[0-9.]+ (B|KiB|MiB|GiB)");
        rows.forEach(r -> System.out.printf(Locale.ROOT, "inspector | %s | %s | %s%n", r.section(), r.figure(),
                r.value()));
        assertThat(report).as("report.html shows used_memory as the inspector does").contains(used.value());
        CheckpointFigures.Row index = rows.stream().filter(r -> r.figure().equals("index")).findFirst().orElseThrow();
        assertThat(index.value()).startsWith(CheckpointFigures.ABSENT).contains("no search module");
        assertThat(rows.get(rows.size() - 1).section()).isEqualTo("Server");
        List<String> server = rows.stream().filter(r -> r.section().equals("Server")).map(CheckpointFigures.Row::figure)
                .toList();
        assertThat(server).as("in timeline.csv's order").isSortedAccordingTo(java.util.Comparator.comparingInt(
                f -> io.vst.metrics.TimelineColumns.all().indexOf(f) < 0 ? Integer.MAX_VALUE
                        : io.vst.metrics.TimelineColumns.all().indexOf(f)));
    }

    private static int iterationsOk(Path dir) {
        try {
            return (int) Files.readAllLines(dir.resolve(RunDirectory.STEPS)).stream()
                    .map(l -> l.split(",", -1)).filter(f -> f.length > 3 && f[0].startsWith("pause[")
                            && f[3].equals("ok")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static int percent(String text) {
        return Integer.parseInt(text.replace("%", "").trim());
    }

    private static boolean waitFor(java.util.function.BooleanSupplier c, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (c.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return c.getAsBoolean();
    }
}
