package io.vst.gui.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vst.engine.PlanOptions;
import io.vst.engine.PlannedStep;
import io.vst.engine.RunPlan;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.yaml.ScenarioReader;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The incremental progress tally against a sum the test works out itself over every child, as a large loop
 * finishes step by step, with a step cut short by Stop and one running at a reported fraction.
 */
class StepProgressTest {

    private static final int ITERATIONS = 2_000;

    @Test
    void aLongLoopCountsWhatReallyFinishedAsItGoes() throws Exception {
        RunPlan plan = RunPlan.of(ScenarioReader.read("""
                name: long_loop
                dataset: synthetic-128
                steps:
                  - name: cycles
                    type: loop
                    iterations: ITER
                    steps:
                      - name: grow_${loop_index}
                        type: workload
                        workload: ingest
                        parameters: {target_vectors: 1000}
                      - name: rest_${loop_index}
                        type: wait
                        duration: 2
                """.replace("ITER", Integer.toString(ITERATIONS)), "long_loop.yaml").scenario(), SchemaRegistry.builtin(), PlanOptions.defaults());
        PlannedStep loop = plan.steps().get(0);
        List<PlannedStep> children = loop.children();
        assertThat(children).hasSize(2 * ITERATIONS);

        Map<String, String> finished = new HashMap<>();
        Set<String> stopped = new HashSet<>();
        Map<String, Double> fractions = new HashMap<>();
        StepProgress progress = new StepProgress(finished, stopped, fractions);
        double expected = 0;
        for (int i = 0; i < children.size(); i++) {
            PlannedStep c = children.get(i);
            if (i % 2 == 0) {
                // The step reports half-way first, then finishes.
                fractions.put(c.id(), 0.5);
                assertThat(progress.doneSeconds(loop)).isCloseTo(expected + 0.5 * c.estimatedSeconds(), within(1e-6));
            }
            finished.put(c.id(), "ok");
            expected += c.estimatedSeconds();
            if (i % 97 == 0 || i == children.size() - 1) {
                assertThat(progress.doneSeconds(loop)).as("after %d children", i + 1).isCloseTo(expected, within(1e-6));
                assertThat(progress.iterationsDone(loop, ITERATIONS)).isEqualTo((i + 1) / 2);
            }
        }
        assertThat(expected).isCloseTo(loop.estimatedSeconds(), within(1e-6 * expected));
    }

    @Test
    void aStepCutShortByStopCountsWhatItLastReportedAndItsIterationDidNotRun() throws Exception {
        RunPlan plan = RunPlan.of(ScenarioReader.read("""
                name: stopped_loop
                dataset: synthetic-128
                steps:
                  - name: cycles
                    type: loop
                    iterations: 3
                    steps:
                      - name: rest_${loop_index}
                        type: wait
                        duration: 10
                """, "stopped_loop.yaml").scenario(), SchemaRegistry.builtin(), PlanOptions.defaults());
        PlannedStep loop = plan.steps().get(0);
        List<PlannedStep> children = loop.children();
        Map<String, String> finished = new HashMap<>();
        Set<String> stopped = new HashSet<>();
        Map<String, Double> fractions = new HashMap<>();
        StepProgress progress = new StepProgress(finished, stopped, fractions);
        finished.put(children.get(0).id(), "ok");
        assertThat(progress.doneSeconds(loop)).isCloseTo(children.get(0).estimatedSeconds(), within(1e-6));
        fractions.put(children.get(1).id(), 0.3);
        finished.put(children.get(1).id(), "stopped");
        stopped.add(children.get(1).id());
        finished.put(loop.id(), "stopped");
        double first = children.get(0).estimatedSeconds();
        double cut = 0.3 * children.get(1).estimatedSeconds();
        assertThat(progress.doneSeconds(loop)).isCloseTo(first + cut, within(1e-6));
        assertThat(progress.iterationsDone(loop, 3)).isEqualTo(1);
        assertThat(progress.doneSeconds(loop) / loop.estimatedSeconds()).isLessThan(0.5);
    }
}
