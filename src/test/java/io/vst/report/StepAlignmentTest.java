package io.vst.report;

import io.vst.rundir.StepStatus;
import io.vst.rundir.RunOutcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import io.vst.rundir.RunInfo;
import io.vst.rundir.StepRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compared runs are drawn on the baseline's time axis, each step where the baseline's step of that name is. */
class StepAlignmentTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void eachStepOfTheComparedRunStartsAndEndsWhereTheBaselinesDoes() {
        // Baseline: load 0-10 s, query 10-30 s. Compared run: load 0-20 s (twice as slow), a pause, query 25-35 s.
        RunData base = run("A", new double[][] {{0, 10}, {10, 30}}, 0, 5, 10, 20, 30);
        RunData slow = run("B", new double[][] {{0, 20}, {25, 35}}, 0, 10, 20, 22.5, 25, 30, 35, 40);
        StepAlignment map = StepAlignment.of(base, slow);
        // Worked by hand: load is squeezed 2:1, the pause (20-25 s) collapses onto the baseline's step change
        // at 10 s, query is stretched 1:2, and past the last step the run keeps its own pace.
        double[][] expected = {{0, 0}, {10, 5}, {20, 10}, {22.5, 10}, {25, 10}, {30, 20}, {35, 30}, {40, 35}};
        for (double[] e : expected) {
            assertThat(map.map(e[0])).as("t = %s s", e[0]).isCloseTo(e[1], within(1e-9));
        }
        assertThat(StepAlignment.of(base, base).map(17.25)).isCloseTo(17.25, within(1e-9));
    }

    @Test
    void theComparePageDrawsTheComparedRunOnTheBaselinesAxisWithEverySample() {
        RunData base = run("A", new double[][] {{0, 10}, {10, 30}}, 0, 5, 10, 20, 30);
        RunData slow = run("B", new double[][] {{0, 20}, {25, 35}}, 0, 10, 20, 22.5, 25, 30, 35, 40);
        InteractiveCharts.Page page = InteractiveCharts.page(List.of(base, slow));
        assertThat(doubles(page.runs().get(0).t())).containsExactly(0.0, 5.0, 10.0, 20.0, 30.0);
        assertThat(doubles(page.runs().get(1).t())).containsExactly(0.0, 5.0, 10.0, 10.0, 10.0, 20.0, 30.0, 35.0);
        assertThat(page.runs().get(1).cols().get(TimelineColumns.USED_MEMORY)).hasSize(8).doesNotContainNull();
        assertThat(page.steps()).extracting(InteractiveCharts.Step::name).containsExactly("load", "query");
        assertThat(page.steps().get(1).end()).isEqualTo(30.0);
        InteractiveCharts.Chart memory = page.charts().get(0);
        assertThat(memory.id()).isEqualTo("memory");
        assertThat(memory.series()).extracting(InteractiveCharts.Series::label)
                .containsExactly("A: used_memory", "B: used_memory");
    }

    private static RunData run(String label, double[][] steps, double... sampleTimes) {
        RunData run = new RunData(label);
        run.setInfo(new RunInfo("vst test", "s", "s.yaml", Map.of(), true, T0, null, RunOutcome.COMPLETED, null, List.of(),
                Map.of()));
        String[] names = {"load", "query"};
        for (int i = 0; i < steps.length; i++) {
            run.addStep(new StepRecord(names[i], "workload", "w", StepStatus.OK, at(steps[i][0]), at(steps[i][1]), 1, 1, 0, 0,
                    Double.NaN, Double.NaN, Map.of(), null));
        }
        for (double t : sampleTimes) {
            run.addSample(new Sample(at(t), t, "", Map.of(TimelineColumns.USED_MEMORY, 1e6 + t)));
        }
        return run;
    }

    private static List<Double> doubles(List<Number> values) {
        return values.stream().map(Number::doubleValue).toList();
    }

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }
}
