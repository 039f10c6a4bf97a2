package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.engine.PlanOptions;
import io.vst.engine.RunPlan;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.validate.Scenarios;
import io.vst.scenario.validate.ValidationOptions;
import io.vst.scenario.yaml.ParseResult;
import io.vst.scenario.yaml.ScenarioReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The dry-run output, as {@code vst run --scenario F --dry-run} prints it. */
class ScenarioDryRunTest {

    private static String print(RunPlan plan) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DryRunPrinter.print(plan, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void growShrinkGrowPlanShowsStepsVectorsTimesAndMemory() {
        ParseResult r = Scenarios.load("grow_shrink_grow", ValidationOptions.defaults());

        String out = print(RunPlan.of(r.scenario(), SchemaRegistry.builtin(), PlanOptions.defaults()));

        assertThat(out).contains("Plan for scenario 'grow_shrink_grow'")
                .contains("config:  n_threads=8 n_clients=1000 batch_size=1000")
                .containsPattern("3 +shrink_phase +shrink +500,000")
                .containsPattern("5 +regrowth_phase +ingest +3,000,000")
                .contains("parameters: target_vectors=3000000")
                .contains("Steps planned: 6")
                .contains("Estimated duration: ")
                .contains("Estimated peak server memory for vectors and index: ")
                .contains("after 'regrowth_phase'")
                .contains("Dry run: no server was contacted.");
    }

    @Test
    void loopsAreExpandedAndStepConfigShowsOnlyWhatDiffers() {
        String text = "name: l\ndataset: synthetic-128\nsteps:\n  - name: rep\n    type: loop\n    iterations: 2\n"
                + "    steps:\n      - name: load\n        type: workload\n        workload: ingest\n"
                + "        config: {n_threads: 16}\n        parameters: {target_vectors: \"${loop_index}000\"}\n";
        RunPlan plan = RunPlan.of(ScenarioReader.read(text, "l.yaml").scenario(), SchemaRegistry.builtin(),
                new PlanOptions(0.5, null));

        String out = print(plan);

        assertThat(out).containsPattern("2 +  load\\[0\\] +ingest +0 ")
                .containsPattern("3 +  load\\[1\\] +ingest +1,000")
                .contains("config: n_threads=16")
                .contains("time scale: 0.5")
                .contains("Steps planned: 3");
    }
}
