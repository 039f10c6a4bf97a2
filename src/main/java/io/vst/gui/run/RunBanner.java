package io.vst.gui.run;

import io.vst.rundir.RunOutcome;
import io.vst.engine.RunPlan;
import io.vst.gui.live.FeedBatch;
import io.vst.gui.live.LiveView;
import java.awt.BorderLayout;
import java.awt.Color;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.UIManager;

/**
 * A strip above the editor and charts that says why the last run failed (connection refused, a module the
 * server lacks, a failed step) with what to do about it, until it is closed or the next run starts.
 */
public final class RunBanner extends JPanel implements LiveView {

    private final JLabel message = new JLabel();
    private String text = "";

    /** EDT only. */
    public RunBanner() {
        super(new BorderLayout(8, 0));
        setName("runBanner");
        message.setName("runBannerText");
        JButton close = new JButton("×");
        close.setName("runBannerClose");
        close.setToolTipText("Hide this message");
        close.addActionListener(e -> clear());
        add(message, BorderLayout.CENTER);
        add(close, BorderLayout.EAST);
        setBorder(BorderFactory.createEmptyBorder(6, 10, 6, 6));
        setVisible(false);
    }

    /** Shows a failure with its hint ({@code null} for none). EDT only. */
    public void showFailure(String why, String hint) {
        text = "Run failed: " + why + (hint == null || hint.isBlank() ? "" : "\n" + hint);
        message.setText("<html><b>Run failed:</b> " + escape(why)
                + (hint == null || hint.isBlank() ? "" : "<br>" + escape(hint)) + "</html>");
        Color error = UIManager.getColor("Component.error.focusedBorderColor");
        setBackground(error == null ? new Color(0xF8D7DA) : mix(error, getParent() == null
                ? Color.WHITE : getParent().getBackground()));
        setVisible(true);
        revalidate();
    }

    /** Hides the last run's failure. EDT only. */
    @Override
    public void runStarting(RunPlan plan) {
        clear();
    }

    /** Shows the failure a batch ends the run with. EDT only. */
    @Override
    public void apply(FeedBatch b) {
        if (b.outcome() == RunOutcome.FAILED) {
            showFailure(b.outcomeMessage() == null ? "no reason given" : b.outcomeMessage(), b.outcomeHint());
        }
    }

    /** Hides the banner. EDT only. */
    public void clear() {
        text = "";
        setVisible(false);
    }

    /** The failure shown (message, a new line, the hint), or "" when hidden. EDT only. */
    public String text() {
        return text;
    }

    private static Color mix(Color a, Color b) {
        return new Color((a.getRed() + 2 * b.getRed()) / 3, (a.getGreen() + 2 * b.getGreen()) / 3,
                (a.getBlue() + 2 * b.getBlue()) / 3);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>");
    }
}
