package io.vst.gui.run;

import io.vst.engine.RunPlanText;
import io.vst.metrics.CheckpointResult;
import java.awt.BorderLayout;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.swing.DefaultListModel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTextArea;
import javax.swing.ListSelectionModel;

/**
 * The checkpoint inspector: pick a checkpoint to see its snapshot, per-vector memory and comparisons. Keeps
 * the latest {@link #MAX_ITEMS} checkpoints of a live run (all of them are in the run directory).
 */
public final class CheckpointPanel extends JPanel {

    /** Checkpoints kept in the list. */
    static final int MAX_ITEMS = 200;
    private final DefaultListModel<CheckpointResult> items = new DefaultListModel<>();
    private final JList<CheckpointResult> list = new JList<>(items);
    private final JTextArea detail = new JTextArea();

    /** EDT only. */
    public CheckpointPanel() {
        super(new BorderLayout());
        setName("checkpointPanel");
        list.setName("checkpointList");
        list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        list.setCellRenderer((l, cp, i, sel, focus) -> new javax.swing.DefaultListCellRenderer()
                .getListCellRendererComponent(l, cp.name() + (cp.tag() == null ? "" : " [" + cp.tag() + "]")
                        + String.format(Locale.ROOT, "  @%.0fs", cp.elapsedSeconds()), i, sel, focus));
        list.addListSelectionListener(e -> {
            CheckpointResult cp = list.getSelectedValue();
            detail.setText(cp == null ? "" : describe(cp));
            detail.setCaretPosition(0);
        });
        detail.setEditable(false);
        detail.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, new JScrollPane(list), new JScrollPane(detail));
        split.setDividerLocation(220);
        add(split, BorderLayout.CENTER);
    }

    /** Adds a batch's checkpoints. EDT only. */
    public void apply(FeedBatch b) {
        b.checkpoints().forEach(items::addElement);
        if (items.size() > MAX_ITEMS) {
            items.removeRange(0, items.size() - MAX_ITEMS - 1);
        }
    }

    /** Shows these checkpoints instead (an opened run directory). EDT only. */
    public void show(List<CheckpointResult> all) {
        items.clear();
        all.forEach(items::addElement);
    }

    /** EDT only. */
    public void clear() {
        items.clear();
        detail.setText("");
    }

    /** Checkpoints listed. EDT only. */
    public int count() {
        return items.size();
    }

    /** The inspector's text for one checkpoint. Any thread. */
    public static String describe(CheckpointResult cp) {
        StringBuilder sb = new StringBuilder();
        sb.append(cp.name()).append(cp.tag() == null ? "" : " [" + cp.tag() + "]").append('\n');
        sb.append("time            ").append(cp.time()).append(String.format(Locale.ROOT, "  (%.1f s)%n",
                cp.elapsedSeconds()));
        sb.append(String.format(Locale.ROOT, "live vectors    %,d%n", cp.liveVectors()));
        sb.append("purged first    ").append(cp.purged()).append("\n\n");
        if (cp.perVector() != null) {
            sb.append(String.format(Locale.ROOT, "per vector      total %.1f B, keyspace %.1f B, index %.1f B%n%n",
                    cp.perVector().totalBytes(), cp.perVector().keyspaceBytes(), cp.perVector().indexBytes()));
        }
        if (cp.comparison() != null) {
            CheckpointResult.Comparison c = cp.comparison();
            sb.append("compared with ").append(c.against()).append(String.format(Locale.ROOT,
                    ": %.1f B per vector delta, %.1f %% reclaimed%n", c.bytesPerVectorDelta(), c.reclaimedPercent()));
            c.deltas().forEach((k, d) -> sb.append(String.format(Locale.ROOT, "  %-32s %16.1f -> %16.1f (%+.1f %%)%n",
                    k, d.before(), d.after(), d.percent())));
            sb.append('\n');
        }
        if (cp.fragmentation() != null) {
            sb.append("fragmentation   ").append(cp.fragmentation().verdict()).append('\n');
        }
        if (cp.trend() != null) {
            sb.append("trend           ").append(cp.trend().verdict()).append(": ").append(cp.trend().explanation())
                    .append('\n');
        }
        cp.notes().forEach(n -> sb.append("note: ").append(n).append('\n'));
        sb.append("\nfigures\n");
        for (Map.Entry<String, Double> e : cp.figures().entrySet()) {
            String v = e.getKey().endsWith("_bytes") && e.getValue() != null
                    ? RunPlanText.bytes(e.getValue().longValue()) : String.format(Locale.ROOT, "%.3f", e.getValue());
            sb.append(String.format(Locale.ROOT, "  %-34s %s%n", e.getKey(), v));
        }
        return sb.toString();
    }
}
