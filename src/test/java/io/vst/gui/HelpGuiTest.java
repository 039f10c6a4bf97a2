package io.vst.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.gui.action.WorkbenchAction;
import io.vst.scenario.schema.MetricSpec;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.schema.WorkloadSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** F1 opens the help: the reference names every workload and condition metric, search finds, shortcuts listed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpGuiTest {

    @TempDir
    static Path tmp;
    private GuiSession gui;

    @BeforeAll
    void open() throws Exception {
        Path file = tmp.resolve("help.yaml");
        Files.writeString(file, "name: help\nsteps: []\n");
        gui = GuiSession.open(file.toString(), tmp.resolve("runs"), "light");
    }

    @AfterAll
    void close() {
        if (gui != null) {
            gui.close();
        }
    }

    @Test
    void f1ShowsAReferenceOfEveryWorkloadAndMetricThatSearchFindsIn() {
        gui.press(WorkbenchAction.HELP);
        DialogFixture help = gui.window.dialog("helpDialog");
        String text = help.textBox("helpReference").text();
        SchemaRegistry registry = SchemaRegistry.builtin();
        for (WorkloadSpec w : registry.workloads()) {
            assertThat(text).as("workload " + w.name()).contains(w.name());
        }
        for (MetricSpec m : registry.conditionMetrics()) {
            assertThat(text).as("metric " + m.name()).contains(m.name());
        }
        help.textBox("helpSearch").setText("recall_sample_rate");
        String lower = text.toLowerCase(Locale.ROOT);
        int expected = 0;
        for (int i = lower.indexOf("recall_sample_rate"); i >= 0; i = lower.indexOf("recall_sample_rate", i + 1)) {
            expected++;
        }
        assertThat(expected).isPositive();
        help.label("helpMatches").requireText(String.format(Locale.ROOT, "%,d match%s", expected,
                expected == 1 ? "" : "es"));
        assertThat(help.textBox("helpReference").target().getSelectedText()).isEqualTo("recall_sample_rate");
        help.textBox("helpSearch").setText("no-such-words-here");
        help.label("helpMatches").requireText("no match");
        help.tabbedPane("helpTabs").selectTab("Shortcuts");
        String[][] shortcuts = help.table("helpShortcuts").contents();
        assertThat(shortcuts).hasNumberOfRows(WorkbenchAction.values().length);
        java.util.List<java.util.List<String>> rows = java.util.Arrays.stream(shortcuts).map(java.util.List::of).toList();
        assertThat(rows).contains(java.util.List.of("Run", "Run", "F5"),
                java.util.List.of("Help", "Scenario reference and shortcuts", "F1"));
        help.tabbedPane("helpTabs").selectTab("About");
        assertThat(help.textBox("helpAbout").text()).contains("Java " + System.getProperty("java.version"));
        help.close();
    }
}
