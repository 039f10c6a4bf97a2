package io.vst.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.gui.action.WorkbenchAction;
import io.vst.gui.editor.ScenarioTab;
import io.vst.gui.run.RunController;
import io.vst.report.ChartCatalog;
import io.vst.report.ChartSpec;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import io.vst.rundir.RunDirectory;
import io.vst.scenario.Diagnostic;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.swing.JList;
import javax.swing.ListModel;
import org.assertj.swing.core.Robot;
import org.assertj.swing.exception.EdtViolationException;
import org.assertj.swing.fixture.FrameFixture;
import org.fife.ui.autocomplete.Completion;
import org.fife.ui.rsyntaxtextarea.parser.ParserNotice;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real workbench window driven by a robot under Xvfb: validation squiggles and Problems, completion,
 * tree/caret sync, a run on the embedded server with live charts, Stop, and exports. Every test runs
 * with a repaint manager that throws when Swing is touched off the EDT; violations on other threads
 * are collected and fail the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkbenchGuiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SCENARIO = """
            name: gui_test
            dataset: synthetic-128
            steps:
              - name: load
                type: workload
                workload: ingest
                parameters:
                  target_vectors: 2000
              - name: snap
                type: checkpoint
              - name: shrink
                type: workload
                workload: shrink
                parameters:
                  target_vectors: 500
            """;

    @TempDir
    static Path tmp;
    private GuiSession gui;
    private Robot robot;
    private FrameFixture window;
    private MainFrame frame;

    @BeforeAll
    void open() throws Exception {
        Path file = tmp.resolve("gui_test.yaml");
        Files.writeString(file, SCENARIO);
        long t0 = System.nanoTime();
        gui = GuiSession.open(file.toString(), tmp.resolve("runs"), "light");
        System.out.printf(Locale.ROOT, "workbench visible after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        robot = gui.robot;
        window = gui.window;
        frame = gui.frame;
        assertThat(Edt.call(frame::getTitle)).startsWith("vst");
    }

    @AfterAll
    void close() {
        if (gui != null) {
            gui.close();
        }
    }

    private ScenarioTab tab() {
        return Edt.call(() -> frame.editorTabs().active());
    }

    @Test
    @Order(1)
    void typoShowsSquiggleAndProblemAtItsLine() {
        reset(SCENARIO);
        Edt.run(() -> frame.editorTabs().active().goTo(6, 15));
        int offset = Edt.call(() -> tab().textArea().getCaretPosition());
        assertThat(Edt.call(() -> tab().textArea().getText().substring(offset, offset + 6))).isEqualTo("ingest");
        window.textBox("scenarioEditor").focus();
        robot.pressAndReleaseKey(KeyEvent.VK_END);
        robot.pressAndReleaseKey(KeyEvent.VK_BACK_SPACE);
        robot.pressAndReleaseKey(KeyEvent.VK_BACK_SPACE);
        robot.enterText("xt");
        assertThat(Edt.await(() -> frame.problemsPanel().problems().stream()
                .anyMatch(d -> d.span().line() == 6 && d.isError()), WAIT)).as("problem on line 6").isTrue();
        Diagnostic d = Edt.call(() -> frame.problemsPanel().problems().get(0));
        assertThat(d.message()).contains("ingext");
        List<ParserNotice> notices = Edt.call(() -> tab().textArea().getParserNotices());
        assertThat(notices).anySatisfy(n -> {
            assertThat(n.getLine()).isEqualTo(5);
            assertThat(n.getLevel()).isEqualTo(ParserNotice.Level.ERROR);
            assertThat(n.getToolTipText()).contains("ingext");
        });
        assertThat(Edt.call(() -> frame.statusBar().problemsText())).startsWith("1 error");
        window.table("problemsTable").selectRows(0);
        assertThat(Edt.call(() -> tab().caretLine())).isEqualTo(6);
    }

    /** Puts {@code text} in the editor and waits for its clean parse, whatever an earlier test left. */
    private void reset(String text) {
        robot.pressAndReleaseKey(KeyEvent.VK_ESCAPE);
        Edt.run(() -> {
            tab().textArea().setText(text);
            tab().validateNow();
        });
        assertThat(Edt.await(() -> frame.problemsPanel().problems().stream().noneMatch(Diagnostic::isError), WAIT))
                .isTrue();
    }

    @Test
    @Order(2)
    void completionOffersIngestAfterWorkloadKey() {
        reset(SCENARIO);
        Edt.run(() -> {
            String text = tab().textArea().getText() + "  - name: more\n    type: workload\n    workload: ";
            tab().textArea().setText(text);
            tab().textArea().setCaretPosition(text.length());
        });
        window.textBox("scenarioEditor").focus();
        window.menuItem("menuItem.COMPLETE").click();
        assertThat(Edt.await(() -> completionPopupValues().contains("ingest"), WAIT))
                .as("completion popup lists ingest").isTrue();
        assertThat(Edt.call(this::completionPopupValues)).contains("query", "shrink", "update", "mixed");
        robot.pressAndReleaseKey(KeyEvent.VK_ESCAPE);
    }

    private static List<String> seriesNames(JFreeChart chart) {
        List<String> out = new ArrayList<>();
        XYDataset d = chart.getXYPlot().getDataset();
        for (int i = 0; i < d.getSeriesCount(); i++) {
            out.add(String.valueOf(d.getSeriesKey(i)));
        }
        out.sort(null);
        return out;
    }

    private List<String> completionPopupValues() {
        List<String> out = new ArrayList<>();
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && w != frame) {
                JList<?> list = (JList<?>) ScreenshotTour.find(w, JList.class);
                if (list != null) {
                    ListModel<?> m = list.getModel();
                    for (int i = 0; i < m.getSize(); i++) {
                        if (m.getElementAt(i) instanceof Completion c) {
                            out.add(c.getReplacementText());
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    @Order(3)
    void selectingATreeNodeMovesTheCaretAndBack() {
        reset(SCENARIO);
        assertThat(Edt.await(() -> frame.stepTree().tree().getRowCount() == 4, WAIT)).isTrue();
        window.tree("stepTree").selectRow(3);
        assertThat(Edt.call(() -> tab().caretLine())).isEqualTo(11);
        // The editor's delayed reparse of reset's text can rebuild the tree after the caret moved (seen once on
        // a loaded machine), leaving no selection: each check that finds none moves the caret off and back.
        Edt.run(() -> tab().goTo(9, 5));
        assertThat(Edt.await(() -> {
            if (frame.stepTree().selected() == null) {
                tab().goTo(1, 1);
                tab().goTo(9, 5);
            }
            return frame.stepTree().selected() != null && "snap".equals(frame.stepTree().selected().step().name());
        }, WAIT)).isTrue();
    }

    @Test
    @Order(4)
    void runOnTheEmbeddedServerFillsChartsAndWritesTheRunDirectory() throws Exception {
        GuiTestSupport.requireValkey();
        reset(SCENARIO);
        window.button("toolbar.RUN").click();
        assertThat(Edt.await(() -> frame.runController().state() == RunController.State.IDLE
                && frame.runController().lastRunDirectory() != null, Duration.ofSeconds(90))).isTrue();
        Path dir = Edt.call(() -> frame.runController().lastRunDirectory());
        assertThat(dir).isDirectoryContaining(p -> p.getFileName().toString().equals(RunDirectory.TIMELINE));
        assertThat(Files.readString(dir.resolve(RunDirectory.RUN_JSON))).contains("\"completed\"");
        assertThat(Edt.call(() -> frame.liveCharts().pointCount("memory"))).isGreaterThan(0);
        assertThat(Edt.call(() -> frame.liveCharts().pointCount("vectors"))).isGreaterThan(0);
        assertThat(Edt.call(() -> frame.liveCharts().stepCount("memory"))).isEqualTo(3);
        assertThat(Edt.call(() -> frame.checkpointPanel().count())).isEqualTo(1);
        // The live window shows the charts report.html draws over time from the run directory, line for line.
        Map<String, List<String>> report = new LinkedHashMap<>();
        RunData run = RunDataReader.read(dir);
        for (ChartSpec spec : ChartCatalog.available(run)) {
            if (spec.needs().contains(ChartSpec.Source.TIMELINE)) {
                report.put(spec.title(), seriesNames(spec.create(run)));
            }
        }
        Map<String, List<String>> live = Edt.call(() -> {
            Map<String, List<String>> out = new LinkedHashMap<>();
            frame.liveCharts().charts().values().forEach(c -> out.put(c.getTitle().getText(), seriesNames(c)));
            return out;
        });
        assertThat(report).containsKeys("Memory over time", "Throughput per operation", "Latency of ingest over time");
        assertThat(live).isEqualTo(report);
        assertThat(Edt.await(() -> frame.runHistory().listed().contains(dir), WAIT)).as("the run listed").isTrue();

        Path pngs = tmp.resolve("png");
        List<Path> files = Edt.call(() -> frame.exportCommands().exportPng(pngs)).get(60, TimeUnit.SECONDS);
        assertThat(files).hasSize(Edt.call(() -> frame.liveCharts().charts().size()));
        BufferedImage img = ImageIO.read(pngs.resolve("chart-memory.png").toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        Path html = Edt.call(() -> frame.exportCommands().exportHtml(tmp.resolve("report"))).get(60, TimeUnit.SECONDS);
        assertThat(Files.readString(html)).contains("<html").contains("gui_test");
    }

    @Test
    @Order(5)
    void stopEndsALongRunAsInterrupted() throws Exception {
        GuiTestSupport.requireValkey();
        reset(SCENARIO.replace("  - name: snap\n    type: checkpoint\n",
                "  - name: long_wait\n    type: wait\n    parameters:\n      duration_seconds: 120\n"));
        Edt.run(() -> frame.actions().perform(WorkbenchAction.RUN));
        assertThat(Edt.await(() -> frame.progressPanel().headerText().startsWith("Elapsed")
                && frame.runController().lastRunDirectory() != null, Duration.ofSeconds(60))).isTrue();
        Thread.sleep(1500);
        // The action itself (as Run above): a robot click can be lost on a loaded machine.
        Edt.run(() -> frame.actions().perform(WorkbenchAction.STOP));
        assertThat(Edt.await(() -> frame.runController().state() == RunController.State.IDLE,
                Duration.ofSeconds(20))).as("stopped within 20 s").isTrue();
        Path dir = Edt.call(() -> frame.runController().lastRunDirectory());
        assertThat(Files.readString(dir.resolve(RunDirectory.RUN_JSON))).contains("\"interrupted\"");
        assertThat(Edt.call(() -> frame.progressPanel().headerText())).contains("interrupted");
    }

    @Test
    @Order(6)
    void touchingSwingOffTheEdtFails() {
        assertThatThrownBy(() -> frame.statusBar().setRun("off the EDT"))
                .isInstanceOf(EdtViolationException.class);
    }
}
