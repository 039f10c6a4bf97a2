package io.vst.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import io.vst.rundir.StepRecord;
import io.vst.rundir.StepStatus;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

/**
 * Step and checkpoint names never overlap: a run of 60 short steps with long names and 30 checkpoints close
 * together, drawn at the small and large image sizes (and zoomed in), leaves label bounds that do not
 * intersect, inside the plot; each name is drawn whole, cut with an ellipsis, or left out, and every name,
 * drawn or not, is a tooltip over its marker.
 */
class MarkerLabelsTest {

    static RunData crowded() {
        RunData run = new RunData("");
        for (int i = 0; i < 600; i++) {
            run.addSample(new Sample(Instant.EPOCH.plusMillis(i * 100L), i * 0.1, "",
                    Map.of(TimelineColumns.USED_MEMORY, 1e6 + i)));
        }
        // 20 steps of 0.1 s, then 31 of 1.8 s: neighbours crowd each other at any size.
        long at = 0;
        for (int s = 0; s < 51; s++) {
            long length = s < 20 ? 100 : 1800;
            run.addStep(new StepRecord(String.format(java.util.Locale.ROOT, "grow_vectors_round_%02d", s), "workload",
                    "ingest", StepStatus.OK, Instant.EPOCH.plusMillis(at), Instant.EPOCH.plusMillis(at + length),
                    Double.NaN, 0, 0, 0, Double.NaN, Double.NaN, Map.of(), null));
            at += length;
        }
        for (int c = 0; c < 30; c++) {
            run.addCheckpoint(new CheckpointResult("measure_after_round_" + c, "", Instant.EPOCH.plusSeconds(c),
                    5 + c * 1.5, 0, Map.of(), Map.of(), null, null, null, null, false, List.of(), Map.of()));
        }
        return run;
    }

    static MarkerLabels labelsOf(JFreeChart chart) {
        return chart.getXYPlot().getAnnotations().stream().filter(MarkerLabels.class::isInstance)
                .map(MarkerLabels.class::cast).findFirst().orElseThrow();
    }

    /** Draws {@code chart} as an image draws it; returns the tooltips of its entities. */
    static Set<String> draw(JFreeChart chart, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        ChartRenderingInfo info = new ChartRenderingInfo();
        try {
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height), info);
        } finally {
            g.dispose();
        }
        Set<String> tips = new TreeSet<>();
        for (Object e : info.getEntityCollection().getEntities()) {
            String tip = ((ChartEntity) e).getToolTipText();
            if (tip != null) {
                tips.add(tip);
            }
        }
        dataArea = info.getPlotInfo().getDataArea();
        return tips;
    }

    private static Rectangle2D dataArea;

    static void assertNoOverlap(String what, List<MarkerLabels.Drawn> drawn, Rectangle2D area) {
        assertThat(drawn).as(what + ": labels drawn").isNotEmpty();
        for (int i = 0; i < drawn.size(); i++) {
            Rectangle2D a = drawn.get(i).bounds();
            assertThat(area.contains(a) || area.createIntersection(a).equals(a)).as(what + ": " + drawn.get(i)
                    + " inside " + area).isTrue();
            for (int j = i + 1; j < drawn.size(); j++) {
                assertThat(a.intersects(drawn.get(j).bounds())).as(what + ": " + drawn.get(i).text() + " over "
                        + drawn.get(j).text()).isFalse();
            }
        }
    }

    @Test
    void crowdedStepsAndCheckpointsNeverOverlapAndEveryNameIsATooltip() {
        RunData run = crowded();
        List<String> names = new ArrayList<>();
        run.stepSpans().stream().filter(s -> !s.isCheckpoint()).forEach(s -> names.add(s.name()));
        run.checkpoints().forEach(c -> names.add(c.name()));
        assertThat(names).hasSize(51 + 30);
        for (int[] size : new int[][] {{800, 450}, {1200, 675}}) {
            JFreeChart chart = ChartCatalog.get("memory").create(run);
            Set<String> tips = draw(chart, size[0], size[1]);
            MarkerLabels labels = labelsOf(chart);
            String what = size[0] + "x" + size[1];
            assertNoOverlap(what, labels.drawn(), dataArea);
            List<String> seen = new ArrayList<>(labels.leftOut());
            for (MarkerLabels.Drawn d : labels.drawn()) {
                String full = d.checkpoint() ? "◆ " + d.name() : d.name();
                assertThat(d.text().equals(full) || d.text().endsWith("…")
                        && full.startsWith(d.text().substring(0, d.text().length() - 1))).as(d.text()).isTrue();
                seen.add(d.name());
            }
            assertThat(seen).as(what + ": every name drawn or left out").containsExactlyInAnyOrderElementsOf(names);
            assertThat(tips).as(what + ": every name is a tooltip").containsAll(names);
            // The crowd is real: some names had to be cut or staggered.
            assertThat(labels.drawn()).anyMatch(d -> d.text().endsWith("…"));
            assertThat(labels.drawn().stream().map(d -> d.bounds().getMinY()).distinct().count()).isGreaterThan(2);
        }
        JFreeChart zoomed = ChartCatalog.get("memory").create(run);
        XYPlot plot = zoomed.getXYPlot();
        plot.getDomainAxis().setRange(4, 9);
        draw(zoomed, 800, 450);
        assertNoOverlap("zoomed", labelsOf(zoomed).drawn(), dataArea);
        assertThat(labelsOf(zoomed).drawn()).allMatch(d -> dataArea.contains(d.bounds().getMinX(),
                d.bounds().getCenterY()));
    }
}
