package io.vst.gui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.event.MouseEvent;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import javax.swing.SwingUtilities;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

/**
 * The hover lookup: a painted chart holds no entity per point, and the text under the mouse is the point's,
 * found from the data, against the pixel the test works out from the axes itself.
 */
class HoverChartPanelTest {

    @Test
    void aPaintedChartKeepsNoEntityPerPointAndHoverFindsThePointUnderTheMouse() throws Exception {
        XYSeries line = new XYSeries("used_memory", true, true);
        for (int i = 0; i < 5_000; i++) {
            line.add(i * 0.1, 100 + (i % 50));
        }
        JFreeChart chart = ChartFactory.createXYLineChart("memory", "s", "MiB", new XYSeriesCollection(line));
        XYPlot plot = chart.getXYPlot();
        plot.getRenderer().setDefaultToolTipGenerator((data, s, item) -> String.format(Locale.ROOT, "%s: %.0f at %.1f s",
                data.getSeriesKey(s), data.getYValue(s, item), data.getXValue(s, item)));
        String[] texts = new String[3];
        int[] entities = new int[1];
        SwingUtilities.invokeAndWait(() -> {
            HoverChartPanel panel = new HoverChartPanel(chart);
            panel.setSize(900, 500);
            BufferedImage img = new BufferedImage(900, 500, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            panel.paint(g);
            g.dispose();
            entities[0] = panel.getChartRenderingInfo().getEntityCollection().getEntityCount();
            Rectangle2D area = panel.getScreenDataArea();
            // Item 2,345: x 234.5 s, y 100 + 2345 % 50 = 145.
            int px = (int) Math.round(plot.getDomainAxis().valueToJava2D(234.5, area, plot.getDomainAxisEdge()));
            int py = (int) Math.round(plot.getRangeAxis().valueToJava2D(145, area, plot.getRangeAxisEdge()));
            texts[0] = panel.getToolTipText(move(panel, px, py));
            int low = (int) Math.round(plot.getRangeAxis().valueToJava2D(plot.getRangeAxis().getLowerBound(), area,
                    plot.getRangeAxisEdge()));
            texts[1] = panel.getToolTipText(move(panel, px, low - 1));
            texts[2] = panel.getToolTipText(move(panel, 1, 1));
        });
        assertThat(entities[0]).as("entities after a paint").isLessThan(10);
        assertThat(texts[0]).startsWith("used_memory: 145 at 234.");
        assertThat(texts[1]).as("far below the line").isNull();
        assertThat(texts[2]).as("outside the plot").isNull();
    }

    private static MouseEvent move(HoverChartPanel p, int x, int y) {
        return new MouseEvent(p, MouseEvent.MOUSE_MOVED, 0L, 0, x, y, 0, false);
    }
}
