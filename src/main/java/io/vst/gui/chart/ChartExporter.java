package io.vst.gui.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/** Writes charts as PNG files. */
public final class ChartExporter {

    private ChartExporter() {
    }

    /**
     * Writes each chart as {@code <prefix><id>.png} in {@code dir}; returns the files written. On the thread
     * that owns the charts: the EDT for live charts, any thread for copies nothing else touches
     * ({@link LiveChartsPanel#snapshot()}).
     */
    public static List<Path> png(Map<String, JFreeChart> charts, Path dir, String prefix, int width, int height)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, JFreeChart> e : charts.entrySet()) {
            Path f = dir.resolve(prefix + e.getKey() + ".png");
            ChartUtils.saveChartAsPNG(f.toFile(), e.getValue(), width, height);
            out.add(f);
        }
        return out;
    }
}
