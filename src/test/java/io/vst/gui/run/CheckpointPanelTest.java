package io.vst.gui.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.gui.live.FeedBatch;
import io.vst.metrics.CheckpointResult;
import io.vst.report.RecordedRuns;
import io.vst.rundir.RunDataReader;
import java.awt.Component;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.swing.CellRendererPane;
import javax.swing.JList;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint list stays cheap as checkpoints arrive: its renderer pane holds one cell component however
 * many checkpoints were laid out and painted (a component per cell piled up there, each add walking the others).
 */
class CheckpointPanelTest {

    @Test
    void laidOutOverAndOverTheListKeepsOneCellComponent() throws Exception {
        List<CheckpointResult> recorded = RunDataReader.read(RecordedRuns.QUICKSTART).checkpoints();
        assertThat(recorded).isNotEmpty();
        int[] panes = new int[2];
        SwingUtilities.invokeAndWait(() -> {
            CheckpointPanel panel = new CheckpointPanel();
            panel.setSize(900, 400);
            JList<?> list = find(panel, JList.class);
            BufferedImage img = new BufferedImage(900, 400, BufferedImage.TYPE_INT_RGB);
            for (int batch = 0; batch < 60; batch++) {
                List<CheckpointResult> more = new ArrayList<>(recorded);
                panel.apply(new FeedBatch(null, List.of(), List.of(), Map.of(), List.of(), more, List.of(), null, null,
                        null));
                panel.doLayout();
                panel.validate();
                list.getPreferredSize();
                panel.paint(img.getGraphics());
            }
            panes[0] = list.getModel().getSize();
            panes[1] = find(list, CellRendererPane.class).getComponentCount();
        });
        assertThat(panes[0]).isGreaterThan(60);
        assertThat(panes[1]).as("components in the list's renderer pane").isEqualTo(1);
    }

    private static <T> T find(Component root, Class<T> type) {
        if (type.isInstance(root)) {
            return type.cast(root);
        }
        if (root instanceof java.awt.Container c) {
            for (Component child : c.getComponents()) {
                T t = find(child, type);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }
}
