package io.vst.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/** Renders charts to PNG, headless or not. Any thread, for a chart no UI is showing. */
public final class ChartImages {

    /** The large size for reports and screenshots. */
    public static final int WIDTH = 1600;
    public static final int HEIGHT = 900;
    /** The small size: still readable in a narrow window or a chat message. */
    public static final int SMALL_WIDTH = 800;
    public static final int SMALL_HEIGHT = 450;

    private ChartImages() {
    }

    /** The chart as PNG bytes of {@code width} × {@code height} pixels. */
    public static byte[] png(JFreeChart chart, int width, int height) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart '" + chart.getTitle().getText() + "'", e);
        }
    }

    /** Writes the chart as a PNG file, atomically (readers never see half an image). */
    public static void writePng(JFreeChart chart, Path file, int width, int height) {
        byte[] bytes = png(chart, width, height);
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
