package io.vst.gui;

import io.vst.rundir.RunOutcome;
import io.vst.engine.RunPlan;
import io.vst.gui.live.FeedBatch;
import io.vst.gui.live.LiveView;
import java.awt.BorderLayout;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.UIManager;

/**
 * The bottom line: problem count of the active scenario, caret position and run state. As a live view it
 * names the top-level step running and, once the run ends, what it came to (a failure in the error colour).
 */
public final class StatusBar extends JPanel implements LiveView {

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

    /** EDT only. */
    @Override
    public void runStarting(RunPlan plan) {
        setRun("Running " + plan.scenario().name());
    }

    /** EDT only. */
    @Override
    public void apply(FeedBatch b) {
        if (b.outcome() != null) {
            setRun(idleText(b), b.outcome() == RunOutcome.FAILED);
            return;
        }
        for (int i = b.started().size() - 1; i >= 0; i--) {
            FeedBatch.StepAt s = b.started().get(i);
            if (s.step().depth() == 0) {
                setRun("Running — " + s.step().name());
                return;
            }
        }
    }

    /** What the last run came to: a failure must be seen where the eye goes, not only in the log. */
    private static String idleText(FeedBatch last) {
        return "Idle — last run " + last.outcome()
                + (last.outcome() == RunOutcome.FAILED && last.outcomeMessage() != null ? ": " + last.outcomeMessage() : "");
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
