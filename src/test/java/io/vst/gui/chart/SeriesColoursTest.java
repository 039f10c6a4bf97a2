package io.vst.gui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLightLaf;
import io.vst.gui.live.FeedBatch;
import io.vst.metrics.Recorders;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.report.ChartCatalog;
import io.vst.report.ChartSpec;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import java.awt.Color;
import java.awt.Paint;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.swing.LookAndFeel;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import org.HdrHistogram.Histogram;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No two lines of one chart share a colour, in the report's own colours and in both themes of the workbench,
 * where each line also stands out from its plot at a contrast of at least 3:1 (WCAG's minimum for graphics;
 * computed here from the sRGB luminance formula, apart from the theme's own code).
 */
class SeriesColoursTest {

    private LookAndFeel before = UIManager.getLookAndFeel();

    @AfterEach
    void restoreLook() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            try {
                UIManager.setLookAndFeel(before);
            } catch (javax.swing.UnsupportedLookAndFeelException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Every column of the timeline with a value, every operation, and 25 steps of latency for the spectra. */
    static RunData everything() {
        RunData run = new RunData("");
        for (int t = 0; t < 30; t++) {
            Map<String, Double> v = new HashMap<>();
            for (String column : TimelineColumns.all()) {
                v.put(column, 1000.0 + t);
            }
            for (String op : Recorders.STANDARD) {
                v.put(TimelineColumns.operation(op, "count"), 10.0);
                v.put(TimelineColumns.operation(op, "ops_per_s"), 100.0 + t);
                for (String p : List.of("p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms")) {
                    v.put(TimelineColumns.operation(op, p), 1.0 + t);
                }
            }
            v.put(TimelineColumns.RECALL, 0.9);
            run.addSample(new Sample(Instant.EPOCH.plusSeconds(t), t, "step" + t, v));
        }
        for (int step = 0; step < 25; step++) {
            Histogram h = new Histogram(3);
            h.recordValue(1000 + step);
            h.recordValue(5000 + step);
            run.addLatency("query", "step" + step, h);
        }
        return run;
    }

    private static List<RunData> runs() {
        return List.of(RunDataReader.read(Path.of("src/test/resources/runs/quickstart")),
                RunDataReader.read(Path.of("src/test/resources/runs/search-proxy")), everything());
    }

    /** The paint of each series, by legend name. */
    static Map<String, Paint> paints(JFreeChart chart) {
        Map<String, Paint> out = new LinkedHashMap<>();
        if (chart.getPlot() instanceof XYPlot xy) {
            XYItemRenderer r = xy.getRenderer();
            for (int i = 0; i < xy.getDataset().getSeriesCount(); i++) {
                out.put(String.valueOf(xy.getDataset().getSeriesKey(i)), r.getItemPaint(i, 0));
            }
        } else if (chart.getPlot() instanceof CategoryPlot cat) {
            for (int i = 0; i < cat.getDataset().getRowCount(); i++) {
                out.put(String.valueOf(cat.getDataset().getRowKey(i)), cat.getRenderer().getItemPaint(i, 0));
            }
        }
        return out;
    }

    private static double luminance(Color c) {
        double[] ch = {c.getRed() / 255.0, c.getGreen() / 255.0, c.getBlue() / 255.0};
        for (int i = 0; i < 3; i++) {
            ch[i] = ch[i] <= 0.03928 ? ch[i] / 12.92 : Math.pow((ch[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
    }

    private static double contrast(Color a, Color b) {
        double x = luminance(a);
        double y = luminance(b);
        return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
    }

    private static void assertDistinct(String what, Map<String, Paint> paints) {
        assertThat(paints).as(what + " has lines").isNotEmpty();
        Map<Paint, String> seen = new HashMap<>();
        for (Map.Entry<String, Paint> e : paints.entrySet()) {
            String other = seen.put(e.getValue(), e.getKey());
            assertThat(other).as(what + ": '" + e.getKey() + "' has the colour of '" + other + "'").isNull();
        }
    }

    private static void assertReadable(String what, JFreeChart chart) {
        Color back = (Color) chart.getPlot().getBackgroundPaint();
        for (Map.Entry<String, Paint> e : paints(chart).entrySet()) {
            assertThat(contrast((Color) e.getValue(), back)).as(what + ": '" + e.getKey() + "' on " + back)
                    .isGreaterThanOrEqualTo(3.0);
        }
    }

    @Test
    void everyReportChartGivesEachLineItsOwnColour() {
        int checked = 0;
        for (RunData run : runs()) {
            for (ChartSpec spec : ChartCatalog.available(run)) {
                assertDistinct(spec.id(), paints(spec.create(run)));
                checked++;
            }
        }
        // Both watch charts, four latency and four spectrum charts of the synthetic run among them.
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    void overlaidRunsDifferByColourOrLine() {
        RunData a = everything();
        RunData b = everything();
        for (ChartSpec spec : ChartCatalog.available(a)) {
            JFreeChart both = spec.overlay(List.of(a, b));
            if (both.getPlot() instanceof XYPlot xy) {
                List<List<Object>> looks = new ArrayList<>();
                for (int i = 0; i < xy.getDataset().getSeriesCount(); i++) {
                    looks.add(List.of(xy.getRenderer().getItemPaint(i, 0), xy.getRenderer().getItemStroke(i, 0)));
                }
                assertThat(looks).as(spec.id()).doesNotHaveDuplicates().hasSizeGreaterThan(1);
            }
        }
    }

    @Test
    void inBothThemesEveryLineOfEveryChartIsDistinctAndStandsOut() throws Exception {
        for (LookAndFeel laf : List.of(new FlatLightLaf(), new FlatDarkLaf())) {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    UIManager.setLookAndFeel(laf);
                } catch (javax.swing.UnsupportedLookAndFeelException e) {
                    throw new IllegalStateException(e);
                }
                for (RunData run : runs()) {
                    for (ChartSpec spec : ChartCatalog.available(run)) {
                        JFreeChart c = spec.create(run);
                        ChartTheme.apply(c);
                        assertDistinct(laf.getName() + " " + spec.id(), paints(c));
                        assertReadable(laf.getName() + " " + spec.id(), c);
                    }
                }
                LiveChartsPanel live = new LiveChartsPanel();
                live.apply(new FeedBatch(null, List.of(), List.of(), Map.of(), everything().samples(), List.of(),
                        List.of(), null, null, null));
                assertThat(live.charts()).containsKeys("memory", "throughput", "latency-query", "server-throughput");
                for (Map.Entry<String, JFreeChart> e : live.charts().entrySet()) {
                    assertDistinct(laf.getName() + " live " + e.getKey(), paints(e.getValue()));
                    assertReadable(laf.getName() + " live " + e.getKey(), e.getValue());
                }
            });
        }
    }
}
