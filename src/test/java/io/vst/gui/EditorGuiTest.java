package io.vst.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.gui.action.WorkbenchAction;
import io.vst.gui.editor.ScenarioTab;
import io.vst.scenario.Diagnostic;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.validate.ScenarioValidator;
import io.vst.scenario.validate.ValidationOptions;
import io.vst.scenario.yaml.ParseResult;
import io.vst.scenario.yaml.ScenarioReader;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.swing.JDialog;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The editor's keyboard and snippets: every advertised shortcut reaches its command with the caret in the
 * editor (F6 included), each step snippet inserts a step the scenario validator accepts, Find stays off the
 * match, and the status bar's line and column follow the tab shown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EditorGuiTest {

    private static final String BASE = "name: snippets\ndataset: synthetic-128\nsteps:\n  - name: base\n"
            + "    type: workload\n    workload: ingest\n    parameters:\n      target_vectors: 1000\n";
    @TempDir
    static Path tmp;
    private GuiSession gui;

    @BeforeAll
    void open() throws Exception {
        Path file = tmp.resolve("snippets.yaml");
        Files.writeString(file, BASE);
        gui = GuiSession.open(file.toString(), tmp.resolve("runs"), "light");
    }

    @AfterAll
    void close() {
        if (gui != null) {
            gui.close();
        }
    }

    private ScenarioTab tab() {
        return Edt.call(() -> gui.frame.editorTabs().active());
    }

    private void setText(String text) {
        Edt.run(() -> {
            tab().textArea().setText(text);
            tab().textArea().setCaretPosition(text.length());
        });
    }

    /** Types {@code typed} where a step starts ({@code lead} before it), asks for completion, validates. */
    @ParameterizedTest
    @CsvSource({"'  - ', step_workload", "'  - ', step_checkpoint", "'  - ', step_wait", "'  - ', step_cleanup",
        "'  - ', step_conditional", "'  - ', step_parallel", "'  - ', step_loop", "'  - ', wait", "'  ', step_loop",
        "'  ', cleanup"})
    void eachStepSnippetInsertsAStepTheValidatorAccepts(String lead, String typed) {
        gui.robot.pressAndReleaseKey(KeyEvent.VK_ESCAPE);
        setText(BASE + lead);
        gui.window.textBox("scenarioEditor").click();
        Edt.run(() -> tab().textArea().setCaretPosition(tab().textArea().getDocument().getLength()));
        gui.robot.enterText(typed);
        gui.press(WorkbenchAction.COMPLETE);
        String type = typed.startsWith("step_") ? typed.substring(5) : typed;
        assertThat(Edt.await(() -> tab().textArea().getText().contains("type: " + type), GuiSession.WAIT))
                .as("the %s snippet was inserted", type).isTrue();
        gui.robot.pressAndReleaseKey(KeyEvent.VK_ESCAPE);
        String text = Edt.call(() -> tab().textArea().getText());
        ParseResult read = ScenarioReader.read(text, "snippet.yaml");
        List<Diagnostic> problems = new ArrayList<>(read.errors());
        if (read.tree() != null) {
            new ScenarioValidator(SchemaRegistry.builtin(), ValidationOptions.defaults()).validate(read).stream()
                    .filter(Diagnostic::isError).forEach(problems::add);
        }
        assertThat(problems).as("validator errors in\n%s", text).isEmpty();
        assertThat(read.scenario().steps()).hasSize(2);
        assertThat(read.scenario().steps().get(1).type().yamlName()).isEqualTo(type);
    }

    @Test
    void everyAdvertisedShortcutReachesItsCommandFromTheEditor() {
        setText(BASE);
        Map<WorkbenchAction, Runnable> real = new EnumMap<>(WorkbenchAction.class);
        List<WorkbenchAction> heard = new ArrayList<>();
        Edt.run(() -> {
            for (WorkbenchAction a : WorkbenchAction.values()) {
                real.put(a, gui.frame.actions().handler(a));
                gui.frame.actions().bind(a, () -> heard.add(a));
                gui.frame.actions().setEnabled(a, true);
            }
        });
        List<WorkbenchAction> missed = new ArrayList<>();
        try {
            for (WorkbenchAction a : WorkbenchAction.values()) {
                if (a.shortcut() == null) {
                    continue;
                }
                // A parse after the text change sets enablement from state again: enable right before the key.
                Edt.run(() -> {
                    heard.clear();
                    gui.frame.actions().setEnabled(a, true);
                });
                gui.press(a);
                if (!Edt.await(() -> heard.contains(a), java.time.Duration.ofSeconds(3))) {
                    missed.add(a);
                }
            }
        } finally {
            Edt.run(() -> {
                real.forEach((a, h) -> gui.frame.actions().bind(a, h));
                WorkbenchWiring.refreshEnablement(gui.frame);
            });
        }
        assertThat(missed).as("shortcuts that did not reach their command").isEmpty();
        assertThat(java.util.Arrays.stream(WorkbenchAction.values()).filter(a -> a.shortcut() != null)
                .map(WorkbenchAction::shortcut).distinct().count())
                .as("no two commands share a shortcut")
                .isEqualTo(java.util.Arrays.stream(WorkbenchAction.values()).filter(a -> a.shortcut() != null).count());
    }

    @Test
    void f6InTheEditorShowsTheDryRunPlan() {
        setText(BASE);
        Edt.run(() -> tab().validateNow());
        gui.press(WorkbenchAction.DRY_RUN);
        assertThat(Edt.await(() -> gui.frame.bottom.getSelectedComponent() == gui.frame.planPanel()
                && gui.frame.planPanel().rows().size() == 1, GuiSession.WAIT)).as("plan shown").isTrue();
    }

    @Test
    void findMovesOffTheMatchItFinds() {
        setText(BASE);
        gui.press(WorkbenchAction.FIND);
        JDialog find = (JDialog) gui.window.dialog("findReplaceDialog").target();
        // Put the dialog right over the first line, where the word is.
        Edt.run(() -> {
            Rectangle line;
            try {
                line = tab().textArea().modelToView2D(0).getBounds();
            } catch (javax.swing.text.BadLocationException e) {
                throw new IllegalStateException(e);
            }
            java.awt.Point p = line.getLocation();
            SwingUtilities.convertPointToScreen(p, tab().textArea());
            find.setLocation(p.x, p.y - 4);
            tab().textArea().setCaretPosition(0);
        });
        gui.window.dialog("findReplaceDialog").textBox("findField").setText("snippets");
        gui.window.dialog("findReplaceDialog").button("findNext").click();
        assertThat(Edt.call(() -> tab().textArea().getSelectedText())).isEqualTo("snippets");
        Rectangle match = Edt.call(() -> {
            try {
                Rectangle r = tab().textArea().modelToView2D(tab().textArea().getSelectionStart()).getBounds()
                        .union(tab().textArea().modelToView2D(tab().textArea().getSelectionEnd()).getBounds());
                java.awt.Point p = r.getLocation();
                SwingUtilities.convertPointToScreen(p, tab().textArea());
                r.setLocation(p);
                return r;
            } catch (javax.swing.text.BadLocationException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(Edt.call(find::getBounds).intersects(match)).as("Find covers the match").isFalse();
        gui.robot.pressAndReleaseKey(KeyEvent.VK_ESCAPE);
        assertThat(Edt.await(() -> !find.isShowing(), GuiSession.WAIT)).as("Esc closes Find").isTrue();
    }

    @Test
    void statusBarLineAndColumnFollowTheTabShown() throws Exception {
        setText(BASE);
        Path other = tmp.resolve("other.yaml");
        Files.writeString(other, BASE);
        ScenarioTab first = tab();
        Edt.run(() -> first.goTo(4, 5));
        ScenarioTab second = Edt.call(() -> gui.frame.fileCommands().openFile(other));
        Edt.run(() -> second.goTo(2, 3));
        assertThat(Edt.call(() -> gui.frame.statusBar().caretText())).isEqualTo("Ln 2, Col 3");
        Edt.run(() -> gui.frame.editorTabs().setSelectedComponent(first));
        assertThat(Edt.call(() -> gui.frame.statusBar().caretText())).isEqualTo("Ln 4, Col 5");
    }
}
