package io.vst.gui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.gui.live.FeedBatch;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.report.ChartCatalog;
import io.vst.report.ChartSpec;
import io.vst.rundir.RunData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.swing.SwingUtilities;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

/**
 * The live charts are the report's time charts: after the same samples, the live panel shows exactly the
 * titles and line names the report's catalogue draws from a RunData of those samples; a chart joins once
 * the catalogue finds data for it; a snapshot for PNG export holds its own copy of the data.
 */
class LiveChartsPanelTest {

    private static Sample sample(double t, Map<String, Double> values) {
        return new Sample(Instant.EPOCH.plusMillis((long) (t * 1000)), t, "load", values);
    }

    private static Map<String, Double> memory(double bytes) {
        Map<String, Double> m = new HashMap<>();
        m.put(TimelineColumns.USED_MEMORY, bytes);
        m.put(TimelineColumns.USED_MEMORY_RSS, bytes * 1.2);
        m.put(TimelineColumns.MEM_FRAG_RATIO, 1.2);
        return m;
    }

    /** Memory only, then ingest work with live vectors: the query, update and delete columns read 0 ops. */
    private static Map<String, Double> ingesting(double bytes, double vectors) {
        Map<String, Double> m = memory(bytes);
        m.put(TimelineColumns.LIVE_VECTORS, vectors);
        for (String op : List.of("ingest", "query", "update", "delete")) {
            boolean ran = op.equals("ingest");
            m.put(TimelineColumns.operation(op, "count"), ran ? 500.0 : 0.0);
            m.put(TimelineColumns.operation(op, "ops_per_s"), ran ? 5000.0 : 0.0);
            if (ran) {
                m.put(TimelineColumns.operation(op, "p50_ms"), 0.8);
                m.put(TimelineColumns.operation(op, "p99_ms"), 2.5);
                m.put(TimelineColumns.operation(op, "p999_ms"), 4.0);
                m.put(TimelineColumns.operation(op, "max_ms"), 9.0);
            }
        }
        return m;
    }

    private static FeedBatch batch(List<Sample> samples) {
        return new FeedBatch(null, List.of(), List.of(), Map.of(), samples, List.of(), List.of(), null, null, null);
    }

    private static Map<String, List<String>> titlesAndLines(Iterable<JFreeChart> charts) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JFreeChart c : charts) {
            List<String> names = new ArrayList<>();
            XYDataset d = c.getXYPlot().getDataset();
            for (int i = 0; i < d.getSeriesCount(); i++) {
                names.add(String.valueOf(d.getSeriesKey(i)));
            }
            names.sort(null);
            out.put(c.getTitle().getText(), names);
        }
        return out;
    }

    private static Map<String, List<String>> reportFor(List<Sample> samples) {
        RunData run = new RunData("");
        samples.forEach(run::addSample);
        List<JFreeChart> charts = new ArrayList<>();
        for (ChartSpec spec : ChartCatalog.available(run)) {
            if (spec.needs().contains(ChartSpec.Source.TIMELINE)) {
                charts.add(spec.create(run));
            }
        }
        return titlesAndLines(charts);
    }

    private static <T> T onEdt(Supplier<T> s) throws Exception {
        List<T> out = new ArrayList<>();
        SwingUtilities.invokeAndWait(() -> out.add(s.get()));
        return out.get(0);
    }

    @Test
    void theLiveChartsAreTheReportsChartsForTheSameSamples() throws Exception {
        LiveChartsPanel panel = onEdt(LiveChartsPanel::new);
        List<Sample> first = List.of(sample(0, memory(1e6)), sample(1, memory(2e6)));
        List<Sample> all = new ArrayList<>(first);
        Map<String, List<String>> afterFirst = onEdt(() -> {
            panel.apply(batch(first));
            return titlesAndLines(panel.charts().values());
        });
        assertThat(afterFirst).isEqualTo(reportFor(all)).containsOnlyKeys("Memory over time", "Fragmentation ratios");

        List<Sample> second = List.of(sample(2, ingesting(3e6, 1000)), sample(3, ingesting(4e6, 2000)));
        all.addAll(second);
        Map<String, List<String>> afterSecond = onEdt(() -> {
            panel.apply(batch(second));
            return titlesAndLines(panel.charts().values());
        });
        assertThat(afterSecond).isEqualTo(reportFor(all));
        // Only the operation that ran has a throughput line, as in the report.
        assertThat(afterSecond.get("Throughput per operation")).containsExactly("ingest");
        assertThat(afterSecond).containsKey("Latency of ingest over time").doesNotContainKey("Latency of query over time");
        assertThat(onEdt(() -> List.copyOf(panel.charts().keySet())))
                .isEqualTo(ChartCatalog.available(runOf(all)).stream()
                        .filter(s -> s.needs().contains(ChartSpec.Source.TIMELINE)).map(ChartSpec::id).toList());
    }

    private static RunData runOf(List<Sample> samples) {
        RunData run = new RunData("");
        samples.forEach(run::addSample);
        return run;
    }

    @Test
    void aSnapshotKeepsItsOwnDataWhileTheRunGoesOn() throws Exception {
        LiveChartsPanel panel = onEdt(LiveChartsPanel::new);
        int[] counts = onEdt(() -> {
            panel.apply(batch(List.of(sample(0, memory(1e6)), sample(1, memory(2e6)))));
            JFreeChart copy = panel.snapshot().get("memory");
            panel.apply(batch(List.of(sample(2, memory(3e6)))));
            return new int[] {copy.getXYPlot().getDataset().getItemCount(0),
                panel.charts().get("memory").getXYPlot().getDataset().getItemCount(0)};
        });
        assertThat(counts).containsExactly(2, 3);
    }

    @Test
    void aNewRunStartsWithNoChartShown() throws Exception {
        LiveChartsPanel panel = onEdt(LiveChartsPanel::new);
        int shown = onEdt(() -> {
            panel.apply(batch(List.of(sample(0, ingesting(1e6, 10)))));
            panel.runStarting(null);
            return panel.charts().size();
        });
        assertThat(shown).isZero();
    }

    @Test
    void chartsWithoutDataSayWhyFromTheFirstMomentToTheRecordedRunsSamples() throws Exception {
        LiveChartsPanel panel = onEdt(LiveChartsPanel::new);
        Map<String, String> before = onEdt(panel::emptyReasons);
        assertThat(before.keySet()).containsExactlyElementsOf(ChartCatalog.ALWAYS_SHOWN);
        assertThat(before.values()).containsOnly(ChartSpec.WAITING);
        assertThat(onEdt(() -> panel.panels().get("recall").getChart().getXYPlot().getNoDataMessage()))
                .isEqualTo(ChartSpec.WAITING);
        // The recorded quickstart (a plain server: ingest and delete, no query), fed as a run feeds it.
        List<Sample> quickstart = io.vst.rundir.RunDataReader.read(java.nio.file.Path.of(
                "src/test/resources/runs/quickstart")).samples();
        Map<String, String> after = onEdt(() -> {
            panel.apply(batch(quickstart.subList(0, quickstart.size() / 2)));
            panel.apply(batch(quickstart.subList(quickstart.size() / 2, quickstart.size())));
            return panel.emptyReasons();
        });
        assertThat(after).containsOnlyKeys("latency-query", "recall");
        assertThat(after.get("latency-query")).isEqualTo("no queries in this run");
        assertThat(after.get("recall")).isEqualTo("recall needs verify_results and the search module");
        assertThat(onEdt(() -> panel.panels().get("latency-query").getChart().getXYPlot().getNoDataMessage()))
                .isEqualTo("no queries in this run");
        assertThat(onEdt(() -> panel.charts().keySet())).contains("memory", "throughput", "latency-ingest")
                .doesNotContain("recall", "latency-query");
    }

    @Test
    void manyStepsCloseTogetherLeaveLiveLabelsThatNeverOverlap() throws Exception {
        LiveChartsPanel panel = onEdt(LiveChartsPanel::new);
        JFreeChart memory = onEdt(() -> {
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                panel.stepStarted("ingest_batch_number_" + i, i * 0.4);
                panel.checkpoint("after_batch_" + i, i * 0.4 + 0.3);
                samples.add(sample(i * 0.4 + 0.1, memory(1e6 + i)));
                samples.add(sample(i * 0.4 + 0.35, memory(1e6 + i)));
            }
            panel.apply(batch(samples));
            return panel.charts().get("memory");
        });
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(600, 340,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        org.jfree.chart.ChartRenderingInfo info = new org.jfree.chart.ChartRenderingInfo();
        onEdt(() -> {
            memory.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, 600, 340), info);
            return null;
        });
        g.dispose();
        io.vst.report.MarkerLabels labels = memory.getXYPlot().getAnnotations().stream()
                .filter(io.vst.report.MarkerLabels.class::isInstance).map(io.vst.report.MarkerLabels.class::cast)
                .findFirst().orElseThrow();
        List<io.vst.report.MarkerLabels.Drawn> drawn = labels.drawn();
        assertThat(drawn.size() + labels.leftOut().size()).isEqualTo(100);
        assertThat(drawn).hasSizeGreaterThan(10);
        java.awt.geom.Rectangle2D area = info.getPlotInfo().getDataArea();
        for (int i = 0; i < drawn.size(); i++) {
            assertThat(area.contains(drawn.get(i).bounds())).as(drawn.get(i).text()).isTrue();
            for (int j = i + 1; j < drawn.size(); j++) {
                assertThat(drawn.get(i).bounds().intersects(drawn.get(j).bounds()))
                        .as(drawn.get(i).text() + " over " + drawn.get(j).text()).isFalse();
            }
        }
    }

    @Test
    void everyChartShowsTheRunsWholeTimeAsSamplesArriveAndAThemeChangeIsNoZoom() throws Exception {
        LiveChartsPanel panel = onEdt(LiveChartsPanel::new);
        Map<String, org.jfree.data.Range> ranges = onEdt(() -> {
            panel.apply(batch(List.of(sample(0.5, memory(1e6)), sample(1, memory(2e6)))));
            // New lines and charts restyle their axes (ChartTheme) between batches; a theme toggle does too.
            panel.apply(batch(List.of(sample(2, ingesting(3e6, 1000)), sample(3, ingesting(4e6, 2000)))));
            panel.charts().values().forEach(ChartTheme::apply);
            panel.apply(batch(List.of(sample(40, ingesting(5e6, 3000)))));
            Map<String, org.jfree.data.Range> out = new LinkedHashMap<>();
            panel.panels().forEach((id, p) -> out.put(id, p.getChart().getXYPlot().getDomainAxis().getRange()));
            return out;
        });
        assertThat(ranges).containsKeys("memory", "throughput", "latency-ingest", "latency-query", "recall");
        // From the run's start to its last sample (40 s) and 1 % more, the same on every chart.
        assertThat(ranges.values()).containsOnly(new org.jfree.data.Range(0, 40.4));
    }
}
