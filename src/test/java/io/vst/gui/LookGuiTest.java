package io.vst.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.gui.action.WorkbenchAction;
import io.vst.gui.steps.StepIcons;
import java.awt.Color;
import java.awt.Component;
import java.awt.Container;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.Icon;
import javax.swing.JLabel;
import javax.swing.JPasswordField;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.JTree;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the window looks: the connection bar's fields read whole and are explained, a step with warnings only
 * gets a warning badge, and the dark theme reaches editors, charts and dialogs, also at start, and is
 * remembered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LookGuiTest {

    private static final String STEP = "name: look\nsteps:\n  - name: settle\n    type: wait\n    parameters:\n"
            + "      duration_seconds: 1\n";
    @TempDir
    static Path tmp;
    private GuiSession gui;

    @BeforeAll
    void open() throws Exception {
        Path file = tmp.resolve("look.yaml");
        Files.writeString(file, STEP);
        gui = GuiSession.open(file.toString(), tmp.resolve("runs"), "light");
    }

    @AfterAll
    void close() {
        if (gui != null) {
            Edt.run(() -> Themes.install(false));
            gui.close();
        }
    }

    private static double luminance(Paint p) {
        Color c = (Color) p;
        return (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255;
    }

    @Test
    @Order(1)
    void connectionBarFieldsReadWholeAndAreExplained() {
        JSpinner port = (JSpinner) gui.window.spinner("connectionPort").target();
        Edt.run(() -> port.setValue(6379));
        JTextField portText = ((JSpinner.DefaultEditor) Edt.call(port::getEditor)).getTextField();
        String shown = Edt.call(portText::getText);
        assertThat(shown).isEqualTo("6379");
        assertThat(Edt.call(() -> portText.getWidth() - portText.getInsets().left - portText.getInsets().right))
                .as("room for a five-digit port")
                .isGreaterThanOrEqualTo(Edt.call(() -> portText.getFontMetrics(portText.getFont()).stringWidth("65535")));
        JTextField env = (JTextField) gui.window.textBox("passwordEnv").target();
        assertThat(Edt.call(() -> env.getWidth() - env.getInsets().left - env.getInsets().right))
                .as("room for the whole variable name")
                .isGreaterThanOrEqualTo(Edt.call(() -> env.getFontMetrics(env.getFont()).stringWidth("VST_PASSWORD")));
        Container bar = Edt.call(() -> gui.frame.connectionBar());
        for (String name : new String[] {"modulePath", "timeScale", "connectionPort"}) {
            JLabel label = Edt.call(() -> labelFor(bar, name));
            assertThat(label).as("label of %s", name).isNotNull();
            assertThat(label.getToolTipText()).as("tooltip of %s", label.getText()).isNotBlank();
        }
        assertThat(Edt.call(() -> labelFor(bar, "timeScale").getText())).contains("time scale");
        assertThat(Edt.call(() -> ScreenshotTour.find(bar, JPasswordField.class))).isNull();
    }

    private static JLabel labelFor(Container bar, String fieldName) {
        for (Component c : bar.getComponents()) {
            if (c instanceof JLabel l && l.getLabelFor() != null && fieldName.equals(l.getLabelFor().getName())) {
                return l;
            }
        }
        return null;
    }

    @Test
    @Order(2)
    void aStepWithOnlyWarningsGetsAWarningBadgeAndErrorsARedOne() {
        assertThat(badgeOfFirstStep(STEP.replace("duration_seconds: 1", "duration_seconds: 1\n      bogus_key: 1")))
                .isEqualTo(StepIcons.WARNING_BADGE.getRGB());
        assertThat(badgeOfFirstStep(STEP.replace("duration_seconds: 1", "duration_seconds: -5")))
                .isEqualTo(StepIcons.ERROR_BADGE.getRGB());
        assertThat(badgeOfFirstStep(STEP)).isNotIn(StepIcons.WARNING_BADGE.getRGB(), StepIcons.ERROR_BADGE.getRGB());
    }

    /** Paints the step tree's icon of the first step and reads the colour at the badge's centre. */
    private int badgeOfFirstStep(String text) {
        Edt.run(() -> {
            gui.frame.editorTabs().active().textArea().setText(text);
            gui.frame.editorTabs().active().validateNow();
        });
        return Edt.call(() -> {
            JTree tree = gui.frame.stepTree().tree();
            Object node = tree.getPathForRow(1).getLastPathComponent();
            JLabel r = (JLabel) tree.getCellRenderer().getTreeCellRendererComponent(tree, node, false, false, true, 1,
                    false);
            Icon icon = r.getIcon();
            BufferedImage img = new BufferedImage(icon.getIconWidth(), icon.getIconHeight(), BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics g = img.getGraphics();
            icon.paintIcon(r, g, 0, 0);
            g.dispose();
            return img.getRGB(13, 3);
        });
    }

    @Test
    @Order(3)
    void darkThemeReachesEditorsChartsAndDialogsAndIsRemembered() {
        gui.press(WorkbenchAction.FIND);
        Component find = gui.window.dialog("findReplaceDialog").target();
        gui.press(WorkbenchAction.TOGGLE_THEME);
        assertThat(Edt.call(() -> luminance(gui.frame.editorTabs().active().textArea().getBackground())))
                .as("editor background").isLessThan(0.35);
        for (JFreeChart c : Edt.call(() -> gui.frame.liveCharts().charts().values())) {
            assertThat(luminance(Edt.call(c::getBackgroundPaint))).as("chart background").isLessThan(0.35);
            assertThat(luminance(Edt.call(() -> c.getPlot().getBackgroundPaint()))).as("plot").isLessThan(0.35);
        }
        assertThat(Edt.call(() -> luminance(((javax.swing.JDialog) find).getContentPane().getBackground())))
                .as("Find dialog").isLessThan(0.35);
        assertThat(gui.settings.theme()).isEqualTo("dark");
        gui.robot.pressAndReleaseKey(java.awt.event.KeyEvent.VK_ESCAPE);
    }

    @Test
    @Order(4)
    void startingWithTheRememberedDarkThemeGivesDarkCharts() {
        Edt.run(() -> Themes.install(false));
        MainFrame second = Workbench.open(WorkbenchOptions.defaults().withScenario(tmp.resolve("look.yaml").toString())
                .withRunsRoot(tmp.resolve("runs")).withTheme("auto").withSettings(gui.settings));
        try {
            assertThat(Edt.call(Themes::isDark)).as("remembered dark").isTrue();
            for (JFreeChart c : Edt.call(() -> second.liveCharts().charts().values())) {
                assertThat(luminance(Edt.call(c::getBackgroundPaint))).as("chart background").isLessThan(0.35);
            }
            assertThat(Edt.call(() -> luminance(second.editorTabs().active().textArea().getBackground())))
                    .isLessThan(0.35);
        } finally {
            Edt.run(second::dispose);
        }
    }
}
