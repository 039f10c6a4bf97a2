package io.vst.gui.run;

import io.vst.engine.RunPlan;
import io.vst.gui.live.FeedBatch;
import io.vst.gui.live.LiveView;
import java.awt.BorderLayout;
import java.awt.Font;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.text.BadLocationException;
import javax.swing.text.Element;

/** The run's log, bounded to the last {@link #MAX_LINES} lines. */
public final class LogPanel extends JPanel implements LiveView {

    /** Lines kept; older ones are dropped so a long run cannot fill the heap. */
    public static final int MAX_LINES = 2_000;
    private final JTextArea text = new JTextArea();

    /** EDT only. */
    public LogPanel() {
        super(new BorderLayout());
        setName("logPanel");
        text.setName("logText");
        text.setEditable(false);
        text.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        add(new JScrollPane(text), BorderLayout.CENTER);
    }

    /** Appends a batch's log lines. EDT only. */
    @Override
    public void apply(FeedBatch b) {
        if (b.log().isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        b.log().forEach(l -> sb.append(l).append('\n'));
        text.append(sb.toString());
        trim();
        text.setCaretPosition(text.getDocument().getLength());
    }

    private void trim() {
        Element root = text.getDocument().getDefaultRootElement();
        int excess = root.getElementCount() - MAX_LINES;
        if (excess > 0) {
            try {
                text.getDocument().remove(0, root.getElement(excess - 1).getEndOffset());
            } catch (BadLocationException e) {
                throw new IllegalStateException("log trimming out of range", e);
            }
        }
    }

    /** Empties the log for a new run. EDT only. */
    @Override
    public void runStarting(RunPlan plan) {
        text.setText("");
    }
}
