package io.vst.report;

import io.vst.rundir.RunData;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jfree.chart.JFreeChart;

/**
 * One entry of the {@link ChartCatalog}: a chart vst knows how to draw from a {@link RunData}.
 *
 * @param id stable identifier, also the PNG file name ({@code charts/<id>.png})
 * @param title chart title
 * @param description what the chart shows, one sentence for tooltips and the HTML report
 * @param needs which parts of the run the chart is drawn from
 * @param hasData whether a run holds anything this chart can draw
 * @param builder draws the chart for one run or overlays several (the first run's steps are marked)
 * @param whyEmpty why a run without data for this chart has none, in words for the plot ("no queries in
 *     this run"); asked only when {@code hasData} is false
 */
public record ChartSpec(String id, String title, String description, Set<Source> needs,
                        Predicate<RunData> hasData, Function<List<RunData>, JFreeChart> builder,
                        Function<RunData, String> whyEmpty) {

    /** What a chart says when the run has not sampled anything yet. */
    public static final String WAITING = "waiting for the first sample";

    /** The parts of a run a chart reads. */
    public enum Source { TIMELINE, STEPS, CHECKPOINTS, LATENCY_LOG }

    /** Draws the chart of one run. Call on the thread that owns the chart afterwards (the EDT in a UI). */
    public JFreeChart create(RunData run) {
        return overlay(List.of(run));
    }

    /** Draws several runs on one chart; runs differ by dash pattern, series keep their colours. */
    public JFreeChart overlay(List<RunData> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run to draw");
        }
        return ChartStyle.apply(builder.apply(runs));
    }

    /** Whether {@code run} holds anything this chart can draw. Any thread. */
    public boolean hasData(RunData run) {
        return hasData.test(run);
    }

    /**
     * Why {@code run} holds nothing for this chart, or {@code null} when it does: {@link #WAITING} before the
     * first sample of a run still going (or of a live view), else the chart's own reason. Any thread.
     */
    public String emptyReason(RunData run) {
        if (hasData(run)) {
            return null;
        }
        if (run.samples().isEmpty() && needs.contains(Source.TIMELINE)
                && (run.info() == null || run.info().outcome() == io.vst.rundir.RunOutcome.RUNNING)) {
            return WAITING;
        }
        return whyEmpty.apply(run);
    }
}
