package io.vst.gui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vst.gui.run.PastRunDialog;
import io.vst.report.ChartCatalog;
import io.vst.report.RecordedRuns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JTabbedPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded run opened from the run browser shows everything: steps, checkpoints, the charts report.html
 * lists for it (its golden summary.json, read here) and its vst.log with a level filter and search, checked
 * against the file's lines filtered by the test itself.
 */
class PastRunGuiTest {

    @TempDir
    Path tmp;

    @Test
    void aRecordedRunShowsStepsCheckpointsChartsAndItsLog() throws Exception {
        GuiTestSupport.requireDisplay();
        Path runs = tmp.resolve("runs");
        Path dir = RecordedRuns.copy(RecordedRuns.SEARCH_PROXY, runs.resolve("20261127T030356Z_search_churn"));
        Files.writeString(dir.resolve("vst.log"), String.join("\n",
                "2026-11-27T03:04:01.100000000Z WARN step shrink: 3 deletes retried after a timeout",
                "2026-11-27T03:04:02.200000000Z ERROR query_small: FT.SEARCH failed: index vst_idx not found",
                "  the index was dropped by another client",
                "2026-11-27T03:04:03.300000000Z INFO checkpoint regrown taken",
                "2026-11-27T03:04:04.400000000Z DEBUG sampler interval 1000 ms") + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        List<String> file = Files.readAllLines(dir.resolve("vst.log"), StandardCharsets.UTF_8);
        assertThat(file).hasSize(6);
        Path scenario = Files.writeString(tmp.resolve("s.yaml"), "name: s\nsteps:\n  - name: w\n    type: wait\n"
                + "    parameters:\n      duration_seconds: 1\n");
        GuiSession gui = GuiSession.open(scenario.toString(), runs, "dark");
        try {
            PastRunDialog dialog = Edt.call(() -> gui.frame.runHistory().openRun(dir)).get(60, TimeUnit.SECONDS);
            dialog.logShown().get(30, TimeUnit.SECONDS);
            JTabbedPane tabs = Edt.call(dialog::tabs);
            List<String> titles = Edt.call(() -> {
                List<String> t = new ArrayList<>();
                for (int i = 0; i < tabs.getTabCount(); i++) {
                    t.add(tabs.getTitleAt(i));
                }
                return t;
            });
            JsonNode summary = new ObjectMapper().readTree(Path.of("src/test/resources/golden/search-proxy/summary.json")
                    .toFile());
            List<String> reportCharts = new ArrayList<>();
            summary.get("charts").forEach(n -> reportCharts.add(n.asText()));
            assertThat(reportCharts).contains("memory", "latency-query", "recall");
            assertThat(titles).containsExactly("Steps (8)", "Checkpoints (3)", "Charts (" + reportCharts.size() + ")",
                    "Log");
            assertThat(Edt.call(() -> List.copyOf(dialog.charts().charts().keySet())))
                    .containsExactlyElementsOf(reportCharts);
            // Every chart the user looks for first has data in this run: none says why not.
            assertThat(Edt.call(() -> dialog.charts().emptyReasons())).isEmpty();
            assertThat(ChartCatalog.ALWAYS_SHOWN).allMatch(reportCharts::contains);
            JButton report = gui.robot.finder().findByName(dialog, "pastRunReport", JButton.class);
            assertThat(Edt.call(report::getText)).isEqualTo("Open report in browser");
            assertThat(Edt.call(report::isEnabled)).isTrue();

            Edt.run(() -> tabs.setSelectedIndex(3));
            assertThat(Edt.call(() -> dialog.log().shownLines())).isEqualTo(file);
            assertThat(Edt.call(() -> dialog.log().countText())).isEqualTo("6 of 6 lines");
            @SuppressWarnings("unchecked")
            JComboBox<String> level = gui.robot.finder().findByName(dialog, "runLogLevel", JComboBox.class);
            Edt.run(() -> level.setSelectedItem("WARN and above"));
            // The ERROR's continuation line belongs to the ERROR.
            assertThat(Edt.call(() -> dialog.log().shownLines())).isEqualTo(file.subList(1, 4));
            Edt.run(() -> level.setSelectedItem("all levels"));
            org.assertj.swing.fixture.JTextComponentFixture find = new org.assertj.swing.fixture.JTextComponentFixture(
                    gui.robot, "runLogSearch");
            find.enterText("INDEX");
            List<String> containing = file.stream()
                    .filter(l -> l.toLowerCase(Locale.ROOT).contains("index")).toList();
            assertThat(containing).hasSize(3);
            assertThat(Edt.call(() -> dialog.log().shownLines())).isEqualTo(containing);
            assertThat(Edt.call(() -> dialog.log().countText())).isEqualTo("3 of 6 lines");
            Edt.run(dialog::dispose);
        } finally {
            gui.close();
        }
    }
}
