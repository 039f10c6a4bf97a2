package io.vst.report;

import io.vst.rundir.AtomicFiles;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;

/** Renders charts to PNG, headless or not. Any thread, for a chart no UI is showing. */
public final class ChartImages {

    /** The large size for reports and screenshots. */
    public static final int WIDTH = 1600;
    public static final int HEIGHT = 900;
    /** The small size: still readable in a narrow window or a chat message. */
    public static final int SMALL_WIDTH = 800;
    public static final int SMALL_HEIGHT = 450;

    /** Widest layout, in pixels, before a chart is scaled up instead of spread out. */
    public static final int LAYOUT_WIDTH = 1200;

    private ChartImages() {
    }

    /**
     * The chart as PNG bytes of {@code width} × {@code height} pixels. Images wider than
     * {@link #LAYOUT_WIDTH} are drawn at that width and scaled up, so that text keeps its size relative
     * to the image: a 1600 × 900 image reads like a 1200 × 675 chart, only sharper.
     */
    public static byte[] png(JFreeChart chart, int width, int height) {
        double scale = Math.max(1.0, width / (double) LAYOUT_WIDTH);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(scale, scale);
            chart.draw(g, new Rectangle2D.Double(0, 0, width / scale, height / scale));
        } finally {
            g.dispose();
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart '" + chart.getTitle().getText() + "'", e);
        }
    }

    /** Writes the chart as a PNG file, atomically (readers never see half an image). */
    public static Path writePng(JFreeChart chart, Path file, int width, int height) {
        return AtomicFiles.write(file, png(chart, width, height));
    }
}
