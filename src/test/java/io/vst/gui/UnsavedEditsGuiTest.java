package io.vst.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.gui.action.WorkbenchAction;
import io.vst.gui.editor.ScenarioTab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * No edit is lost without asking: Ctrl+Q and closing the window ask Save / Discard / Cancel for every
 * unsaved tab, the window title drops its star after saving, and a file changed by another program is
 * reported before it is overwritten and when the window regains focus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnsavedEditsGuiTest {

    private static final String TEXT = "name: %s\ndataset: synthetic-128\nsteps:\n  - name: settle\n    type: wait\n"
            + "    parameters:\n      duration_seconds: 1\n";
    @TempDir
    static Path tmp;
    private GuiSession gui;
    private Path a;
    private Path b;

    @BeforeAll
    void open() throws Exception {
        a = tmp.resolve("a.yaml");
        b = tmp.resolve("b.yaml");
        Files.writeString(a, String.format(Locale.ROOT, TEXT, "a"));
        Files.writeString(b, String.format(Locale.ROOT, TEXT, "b"));
        gui = GuiSession.open(a.toString(), tmp.resolve("runs"), "light");
        Edt.run(() -> gui.frame.fileCommands().openFile(b));
    }

    @AfterAll
    void close() {
        if (gui != null) {
            gui.close();
        }
    }

    private ScenarioTab tab(Path file) {
        return Edt.call(() -> gui.frame.editorTabs().find(file));
    }

    /** Types at the end of {@code file}'s editor, as a user would. */
    private void edit(Path file, String typed) {
        Edt.run(() -> gui.frame.editorTabs().setSelectedComponent(tab(file)));
        gui.window.textBox("scenarioEditor").click();
        Edt.run(() -> tab(file).textArea().setCaretPosition(tab(file).textArea().getDocument().getLength()));
        gui.robot.enterText(typed);
        assertThat(Edt.call(() -> tab(file).dirty())).isTrue();
        // The click's focus change reaches the window late under Xvfb; a file changed before it lands would be
        // (rightly) offered for reload as if the user came back from another program.
        assertThat(Edt.await(gui.frame::isFocused, GuiSession.WAIT)).as("the window has the focus").isTrue();
        gui.robot.waitForIdle();
    }

    private String title() {
        return Edt.call(gui.frame::getTitle);
    }

    @Test
    @Order(1)
    void savingDropsTheStarFromTheWindowTitle() throws Exception {
        edit(a, "# one\n");
        assertThat(title()).isEqualTo(MainFrame.TITLE + " — *a.yaml");
        gui.press(WorkbenchAction.SAVE);
        assertThat(Files.readString(a)).isEqualTo(String.format(Locale.ROOT, TEXT, "a") + "# one\n");
        assertThat(title()).isEqualTo(MainFrame.TITLE + " — a.yaml");
    }

    @Test
    @Order(2)
    void saveWarnsWhenTheFileChangedOnDisk() throws Exception {
        edit(a, "# two\n");
        Files.writeString(a, "name: changed_elsewhere\n");
        gui.press(WorkbenchAction.SAVE);
        JOptionPaneFixture pane = gui.optionPane();
        pane.requireMessage(java.util.regex.Pattern.compile("(?s).*changed on disk.*"));
        gui.answer(pane, "Cancel");
        assertThat(Files.readString(a)).as("the other program's text stays").isEqualTo("name: changed_elsewhere\n");
        assertThat(Edt.call(() -> tab(a).dirty())).isTrue();
        assertThat(GuiSession.optionPaneShowing()).as("told once about one change; showing: %s",
                Edt.call(GuiSession::showingWindows)).isFalse();
        gui.press(WorkbenchAction.SAVE);
        assertThat(Files.readString(a)).isEqualTo(String.format(Locale.ROOT, TEXT, "a") + "# one\n# two\n");
        assertThat(Edt.call(() -> tab(a).dirty())).isFalse();
    }

    @Test
    @Order(3)
    void regainingFocusOffersToReloadAFileChangedOnDisk() throws Exception {
        Edt.run(() -> gui.frame.editorTabs().setSelectedComponent(tab(b)));
        String other = String.format(Locale.ROOT, TEXT, "b") + "# added by another editor\n";
        Files.writeString(b, other);
        gui.press(WorkbenchAction.FIND);
        java.awt.Dialog find = gui.window.dialog("findReplaceDialog").target();
        gui.robot.pressAndReleaseKey(java.awt.event.KeyEvent.VK_ESCAPE);
        assertThat(Edt.await(() -> !find.isShowing(), GuiSession.WAIT))
                .as("Esc closes Find").isTrue();
        // Coming back to the window, as a user clicking into it after the other editor.
        gui.window.textBox("scenarioEditor").click();
        JOptionPaneFixture pane = gui.optionPane();
        pane.requireMessage(java.util.regex.Pattern.compile("(?s).*b\\.yaml.*changed on disk.*"));
        gui.answer(pane, "Reload");
        assertThat(Edt.call(() -> tab(b).textArea().getText())).isEqualTo(other);
        assertThat(Edt.call(() -> tab(b).dirty())).isFalse();
        assertThat(GuiSession.optionPaneShowing()).as("asked once per change; showing: %s",
                Edt.call(GuiSession::showingWindows)).isFalse();
    }

    @Test
    @Order(4)
    void quitAsksForEveryUnsavedTabAndCancelKeepsTheWindow() throws Exception {
        edit(a, "# three\n");
        edit(b, "# four\n");
        gui.press(WorkbenchAction.QUIT);
        JOptionPaneFixture pane = gui.optionPane();
        pane.requireMessage(java.util.regex.Pattern.compile("(?s).*a\\.yaml.*"));
        pane.buttonWithText("Save");
        pane.buttonWithText("Discard");
        gui.answer(pane, "Cancel");
        assertThat(Edt.call(gui.frame::isDisplayable)).isTrue();
        assertThat(Edt.call(() -> tab(a).dirty() && tab(b).dirty())).isTrue();
    }

    @Test
    @Order(5)
    void closingTheWindowSavesOrDiscardsEachUnsavedTab() throws Exception {
        String bOnDisk = Files.readString(b);
        gui.window.close();
        gui.answer(gui.optionPaneSaying("Save the changes to a.yaml?"), "Save");
        gui.answer(gui.optionPaneSaying("Save the changes to b.yaml?"), "Discard");
        assertThat(Edt.await(() -> !gui.frame.isDisplayable(), GuiSession.WAIT)).as("window closed").isTrue();
        assertThat(Files.readString(a)).endsWith("# two\n# three\n");
        assertThat(Files.readString(b)).isEqualTo(bOnDisk);
    }
}
