package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.scenario.Parameters;
import io.vst.scenario.schema.LiveEffect;
import io.vst.scenario.schema.ParamSpec;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.schema.WorkEstimate;
import io.vst.scenario.schema.WorkloadSpec;
import io.vst.scenario.schema.WorkloadTraits;
import io.vst.scenario.yaml.ScenarioReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan follows the live count and estimates time through each workload's traits, plugins' included. */
class RunPlanTraitsTest {

    /** A plugin that fills the set up to its {@code fill} parameter, one write per vector. */
    private static final WorkloadSpec FILLER = new WorkloadSpec("filler", "Fills.", List.of(
            ParamSpec.integer("fill", null, 0.0, null, "Live vectors after the step.")), false, new WorkloadTraits() {
                @Override
                public LiveEffect liveEffect(Parameters p) {
                    return LiveEffect.growTo(p.getLong("fill", -1));
                }

                @Override
                public WorkEstimate work(Parameters p, long before, long after, Long maxOperations) {
                    return WorkEstimate.of(WorkEstimate.Kind.WRITE, after - before);
                }
            });

    private static final WorkloadSpec SILENT = new WorkloadSpec("silent", "Declares nothing.", List.of(), false);

    private static RunPlan plan(String steps) {
        String text = "name: t\ndataset: synthetic-128\nsteps:\n" + steps;
        SchemaRegistry r = SchemaRegistry.builtin().withWorkload(FILLER).withWorkload(SILENT);
        return RunPlan.of(ScenarioReader.read(text, "t.yaml").scenario(), r, PlanOptions.defaults());
    }

    private static String step(String name, String workload, String parameters) {
        return "  - name: " + name + "\n    type: workload\n    workload: " + workload + "\n    parameters: "
                + parameters + "\n";
    }

    @Test
    void aPluginsDeclaredEffectMovesThePlannedLiveCount() {
        RunPlan plan = plan(step("fill", "filler", "{fill: 5000}") + step("cut", "shrink", "{target_vectors: 2000}")
                + step("noise", "silent", "{}") + step("cut_again", "shrink", "{target_vectors: 1000}"));

        assertThat(plan.flatten()).extracting(PlannedStep::vectorsAfter).containsExactly(5000L, 2000L, -1L, 1000L);
        assertThat(plan.flatten().get(2).estimatedSeconds()).as("declares no work").isZero();
    }

    @Test
    void aPluginsWritesAreEstimatedLikeAnIngestOfAsManyVectors() {
        double plugin = plan(step("fill", "filler", "{fill: 5000}")).steps().get(0).estimatedSeconds();
        double ingest = plan(step("load", "ingest", "{target_vectors: 5000}")).steps().get(0).estimatedSeconds();

        assertThat(plugin).isPositive().isEqualTo(ingest);
    }
}
