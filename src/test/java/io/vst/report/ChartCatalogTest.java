package io.vst.report;

import static io.vst.report.RecordedRuns.QUICKSTART;
import static io.vst.report.RecordedRuns.SEARCH_PROXY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class ChartCatalogTest {

    @Test
    void everyChartOfTheRecordedRunsRendersAtBothSizesWithData() throws Exception {
        RunData quickstart = RunDataReader.read(QUICKSTART);
        RunData search = RunDataReader.read(SEARCH_PROXY);
        assertThat(ChartCatalog.available(quickstart)).extracting(ChartSpec::id).containsExactly("memory",
                "fragmentation", "vectors", "throughput", "latency-ingest", "latency-delete", "spectrum-ingest",
                "spectrum-delete", "memory-per-vector");
        assertThat(ChartCatalog.available(search)).extracting(ChartSpec::id).contains("latency-query",
                "spectrum-query", "recall");
        int rendered = 0;
        for (RunData run : List.of(quickstart, search)) {
            for (ChartSpec spec : ChartCatalog.available(run)) {
                JFreeChart chart = spec.create(run);
                assertThat(points(chart)).as(spec.id()).isPositive();
                for (int[] size : new int[][] {{1600, 900}, {800, 450}}) {
                    BufferedImage image = ImageIO.read(new ByteArrayInputStream(ChartImages.png(chart, size[0],
                            size[1])));
                    assertThat(image.getWidth()).isEqualTo(size[0]);
                    assertThat(image.getHeight()).isEqualTo(size[1]);
                    assertThat(distinctColours(image)).as(spec.id() + " is more than a blank canvas")
                            .isGreaterThan(8);
                    rendered++;
                }
            }
        }
        assertThat(rendered).isEqualTo(2 * (9 + ChartCatalog.available(search).size()));
    }

    @Test
    void theSameSeriesHasTheSameColourInEveryChart() {
        RunData search = RunDataReader.read(SEARCH_PROXY);
        XYPlot memory = ChartCatalog.get("memory").create(search).getXYPlot();
        XYPlot vectors = ChartCatalog.get("vectors").create(search).getXYPlot();
        assertThat(paint(memory, "search index memory")).isEqualTo(ChartStyle.color("search"));
        assertThat(paint(vectors, "search num_docs")).isEqualTo(ChartStyle.color("num_docs"));
        XYPlot throughput = ChartCatalog.get("throughput").create(search).getXYPlot();
        assertThat(paint(throughput, "query")).isEqualTo(ChartStyle.color("query"));
        assertThat(paint(throughput, "ingest")).isEqualTo(ChartStyle.color("ingest"));
    }

    @Test
    void overlaidRunsKeepColoursAndDifferByLine() {
        RunData a = RunDataReader.read(QUICKSTART, "A");
        RunData b = RunDataReader.read(QUICKSTART, "B");
        XYPlot one = ChartCatalog.get("memory").create(a).getXYPlot();
        XYPlot both = ChartCatalog.get("memory").overlay(List.of(a, b)).getXYPlot();
        assertThat(both.getDataset().getSeriesCount()).isEqualTo(2 * one.getDataset().getSeriesCount());
        assertThat(paint(both, "A: used_memory")).isEqualTo(paint(both, "B: used_memory"));
        int ia = index(both, "A: used_memory");
        int ib = index(both, "B: used_memory");
        assertThat(both.getRenderer().getSeriesStroke(ia)).isNotEqualTo(both.getRenderer().getSeriesStroke(ib));
    }

    @Test
    void aLiveModelRedrawsAsSamplesArriveAndShowsTheRunningStep() {
        RunData live = new RunData("live");
        assertThat(ChartCatalog.available(live)).isEmpty();
        Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
        long v0 = live.version();
        for (int i = 0; i < 5; i++) {
            live.addSample(new Sample(t0.plusSeconds(i), i, i < 2 ? "" : "load",
                    Map.of(TimelineColumns.USED_MEMORY, 1e6 * (i + 1), TimelineColumns.LIVE_VECTORS, 100.0 * i)));
        }
        assertThat(live.version()).isGreaterThan(v0);
        assertThat(live.stepSpans()).containsExactly(new RunData.StepSpan("load", "", 2, 4));
        JFreeChart chart = ChartCatalog.get("memory").create(live);
        assertThat(chart.getXYPlot().getDataset().getItemCount(0)).isEqualTo(5);
        live.addSample(new Sample(t0.plusSeconds(5), 5, "load", Map.of(TimelineColumns.USED_MEMORY, 7e6)));
        assertThat(ChartCatalog.get("memory").create(live).getXYPlot().getDataset().getItemCount(0)).isEqualTo(6);
    }

    @Test
    void aLongTimelineIsThinnedButKeepsItsSpikes() {
        RunData run = new RunData("long");
        Instant t0 = Instant.parse("2026-11-27T00:00:00Z");
        for (int i = 0; i < 36_000; i++) {
            double used = i == 20_001 ? 9e9 : 1e9 + i;
            run.addSample(new Sample(t0.plusSeconds(i), i, "soak", Map.of(TimelineColumns.USED_MEMORY, used)));
        }
        XYDataset d = ChartCatalog.get("memory").create(run).getXYPlot().getDataset();
        assertThat(d.getItemCount(0)).isLessThanOrEqualTo(TimeCharts.MAX_POINTS).isGreaterThan(1000);
        double max = 0;
        for (int i = 0; i < d.getItemCount(0); i++) {
            max = Math.max(max, d.getYValue(0, i));
        }
        assertThat(max).as("the spike survives thinning (GiB)").isEqualTo(9e9 / (1L << 30));
    }

    @Test
    void anUnknownChartIdIsRefused() {
        assertThat(ChartCatalog.find("nope")).isEmpty();
        assertThatThrownBy(() -> ChartCatalog.get("nope")).hasMessageContaining("nope");
        assertThat(ChartCatalog.all()).extracting(ChartSpec::id).doesNotHaveDuplicates();
    }

    static int points(JFreeChart chart) {
        int n = 0;
        if (chart.getPlot() instanceof XYPlot xy) {
            XYDataset d = xy.getDataset();
            for (int s = 0; s < d.getSeriesCount(); s++) {
                n += d.getItemCount(s);
            }
        } else if (chart.getPlot() instanceof CategoryPlot cat) {
            CategoryDataset d = cat.getDataset();
            for (int r = 0; r < d.getRowCount(); r++) {
                for (int c = 0; c < d.getColumnCount(); c++) {
                    n += d.getValue(r, c) == null ? 0 : 1;
                }
            }
        }
        return n;
    }

    static long distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static int index(XYPlot plot, String key) {
        XYDataset d = plot.getDataset();
        for (int s = 0; s < d.getSeriesCount(); s++) {
            if (d.getSeriesKey(s).equals(key)) {
                return s;
            }
        }
        throw new AssertionError("no series " + key);
    }

    private static Object paint(XYPlot plot, String key) {
        return plot.getRenderer().getSeriesPaint(index(plot, key));
    }
}
