package io.vst.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.gui.action.WorkbenchAction;
import io.vst.gui.run.RunController;
import io.vst.rundir.RunDirectory;
import io.vst.testsupport.ValkeyTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run ▸ Watch server… follows the connection bar's server in the live charts and writes a run directory. */
class WatchGuiTest {

    private static final String WAIT_ONLY = "name: tiny\nsteps:\n  - name: settle\n    type: wait\n    parameters:\n"
            + "      duration_seconds: 1\n";

    @TempDir
    Path tmp;

    @Test
    void watchFeedsTheMemoryChartUntilStopAndWritesTheRunDirectory() throws Exception {
        GuiTestSupport.requireValkey();
        Path file = Files.writeString(tmp.resolve("run.yaml"), WAIT_ONLY);
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            GuiSession gui = GuiSession.open(file.toString(), tmp.resolve("runs"), "light");
            try {
                gui.server(false, server.port());
                assertThat(WorkbenchAction.WATCH.shortcut()).isNull();
                gui.window.menuItem("menuItem." + WorkbenchAction.WATCH.name()).click();
                assertThat(Edt.await(() -> gui.frame.liveCharts().pointCount("memory") > 0, Duration.ofSeconds(30)))
                        .as("the memory chart follows the watch").isTrue();
                int first = Edt.call(() -> gui.frame.liveCharts().pointCount("memory"));
                // A sample a second: the chart grows with each one while the watch goes on.
                assertThat(Edt.await(() -> gui.frame.liveCharts().pointCount("memory") >= 3 * first,
                        Duration.ofSeconds(30))).as("later samples reach the chart").isTrue();
                assertThat(Edt.call(() -> gui.frame.runController().state())).isEqualTo(RunController.State.RUNNING);
                gui.window.menuItem("menuItem." + WorkbenchAction.STOP.name()).click();
                assertThat(Edt.await(() -> gui.frame.runController().state() == RunController.State.IDLE
                        && gui.frame.runController().lastOutcome() != null, Duration.ofSeconds(20))).isTrue();
                Path dir = Edt.call(() -> gui.frame.runController().lastRunDirectory());
                assertThat(dir).isNotNull();
                assertThat(Files.readString(dir.resolve(RunDirectory.RUN_JSON))).contains("\"outcome\" : \"completed\"")
                        .contains("stopped from the workbench").contains("\"scenario\" : \"watch\"");
                List<String> rows = Files.readAllLines(dir.resolve(RunDirectory.TIMELINE));
                assertThat(rows.size() - 1).as("samples recorded").isGreaterThanOrEqualTo(3);
                assertThat(Edt.call(() -> gui.frame.runController().lastOutcome().outcome())).isEqualTo(io.vst.rundir.RunOutcome.COMPLETED);
            } finally {
                gui.close();
            }
        }
    }
}
