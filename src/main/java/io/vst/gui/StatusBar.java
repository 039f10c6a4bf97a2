package io.vst.gui;

import java.awt.BorderLayout;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.UIManager;

/** The bottom line: problem count of the active scenario, caret position and run state. */
public final class StatusBar extends JPanel {

    private final JLabel problems = new JLabel(" ");
    private final JLabel caret = new JLabel(" ");
    private final JLabel run = new JLabel("Idle");

    /** EDT only. */
    public StatusBar() {
        super(new BorderLayout(16, 0));
        setName("statusBar");
        problems.setName("statusProblems");
        run.setName("statusRun");
        setBorder(BorderFactory.createEmptyBorder(2, 8, 2, 8));
        add(problems, BorderLayout.WEST);
        add(caret, BorderLayout.CENTER);
        add(run, BorderLayout.EAST);
    }

    /** EDT only. */
    public void setProblems(String text) {
        problems.setText(text);
    }

    /** EDT only. */
    public void setCaret(int line, int column) {
        caret.setText("Ln " + line + ", Col " + column);
    }

    /** EDT only. */
    public void setRun(String text) {
        setRun(text, false);
    }

    /** Shows the run state; {@code failure} paints it in the theme's error colour. EDT only. */
    public void setRun(String text, boolean failure) {
        run.setText(text);
        run.setToolTipText(text);
        run.setForeground(failure ? UIManager.getColor("Component.error.focusedBorderColor") : null);
    }

    /** The caret position text ("Ln 3, Col 7"). EDT only. */
    public String caretText() {
        return caret.getText();
    }

    /** The run state text. EDT only. */
    public String runText() {
        return run.getText();
    }

    /** The problem count text. EDT only. */
    public String problemsText() {
        return problems.getText();
    }
}
