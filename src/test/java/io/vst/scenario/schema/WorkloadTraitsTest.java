package io.vst.scenario.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.scenario.Parameters;
import io.vst.scenario.validate.ScenarioValidator;
import io.vst.scenario.validate.ValidationOptions;
import io.vst.scenario.yaml.ParseResult;
import io.vst.scenario.yaml.ScenarioReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each workload asks of a run, read from its traits, and the one live-count model that follows it. */
class WorkloadTraitsTest {

    private static final SchemaRegistry R = SchemaRegistry.builtin();

    private static Parameters params(Map<String, Object> values) {
        return new Parameters(values, Map.of());
    }

    private static WorkloadTraits t(String workload) {
        return R.traits(workload);
    }

    @Test
    void whatEachBuiltInWorkloadNeeds() {
        Parameters none = Parameters.empty();
        // workload: dataset, index, search, live vectors
        assertThat(List.of(t("ingest").needsDataset(none), t("ingest").needsIndex(none), t("ingest").needsSearch(none),
                t("ingest").usesLiveVectors(none))).containsExactly(true, true, false, true);
        assertThat(List.of(t("query").needsDataset(none), t("query").needsIndex(none), t("query").needsSearch(none),
                t("query").usesLiveVectors(none))).containsExactly(true, true, true, true);
        assertThat(List.of(t("shrink").needsDataset(none), t("shrink").needsIndex(none), t("shrink").needsSearch(none),
                t("shrink").usesLiveVectors(none))).containsExactly(false, false, false, true);
        assertThat(List.of(t("update").needsDataset(none), t("update").needsIndex(none), t("update").needsSearch(none),
                t("update").usesLiveVectors(none))).containsExactly(true, true, false, true);
        assertThat(List.of(t("mixed").needsDataset(none), t("mixed").needsIndex(none), t("mixed").usesLiveVectors(none)))
                .containsExactly(true, true, true);
        assertThat(R.workloads()).extracting(s -> s.traits().endless(none)).containsExactly(false, false, false, false,
                true);
    }

    @Test
    void aMixedStepNeedsSearchOnlyWhenSomeOfItsOperationsAreQueries() {
        assertThat(t("mixed").needsSearch(Parameters.empty())).as("no ratio given: all queries").isTrue();
        assertThat(t("mixed").needsSearch(params(Map.of("query_ratio", 0.0, "ingest_ratio", 1.0)))).isFalse();
        assertThat(t("mixed").needsSearch(params(Map.of("update_ratio", 0.7, "delete_ratio", 0.3)))).isFalse();
        assertThat(t("mixed").needsSearch(params(Map.of("query_ratio", 0.1, "ingest_ratio", 0.9)))).isTrue();
    }

    @Test
    void eachWorkloadsEffectOnTheLiveSet() {
        assertThat(t("ingest").liveEffect(params(Map.of("target_vectors", 1000L)))).isEqualTo(LiveEffect.growTo(1000));
        assertThat(t("ingest").liveEffect(params(Map.of("target_vectors", "${loop_index}000"))))
                .isEqualTo(LiveEffect.UNKNOWN);
        assertThat(t("shrink").liveEffect(params(Map.of("target_vectors", 10L)))).isEqualTo(LiveEffect.shrinkTo(10));
        assertThat(t("query").liveEffect(Parameters.empty())).isEqualTo(LiveEffect.NONE);
        assertThat(t("update").liveEffect(Parameters.empty())).isEqualTo(LiveEffect.NONE);
        assertThat(t("mixed").liveEffect(params(Map.of("query_ratio", 0.5, "update_ratio", 0.5))))
                .isEqualTo(LiveEffect.NONE);
        assertThat(t("mixed").liveEffect(params(Map.of("ingest_ratio", 0.1)))).isEqualTo(LiveEffect.UNKNOWN);
        assertThat(t("mixed").liveEffect(params(Map.of("delete_ratio", 0.1)))).isEqualTo(LiveEffect.UNKNOWN);
    }

    @Test
    void theLiveCountModel() {
        assertThat(LiveEffect.growTo(1000).after(400)).isEqualTo(1000);
        assertThat(LiveEffect.growTo(1000).after(5000)).as("an ingest never removes").isEqualTo(5000);
        assertThat(LiveEffect.growTo(1000).after(-1)).isEqualTo(-1);
        assertThat(LiveEffect.shrinkTo(100).after(-1)).as("down to an exact count").isEqualTo(100);
        assertThat(LiveEffect.shrinkTo(100).after(50)).isEqualTo(50);
        assertThat(LiveEffect.NONE.after(7)).isEqualTo(7);
        assertThat(LiveEffect.UNKNOWN.after(7)).isEqualTo(-1);
        assertThat(LiveEffect.cleanup("index_only").after(7)).isEqualTo(7);
        assertThat(LiveEffect.cleanup("full").after(7)).isZero();
        assertThat(LiveEffect.cleanup("partial").after(-1)).isZero();
        assertThat(LiveEffect.either(5, 5)).isEqualTo(5);
        assertThat(LiveEffect.either(5, 6)).isEqualTo(-1);
        assertThat(LiveEffect.concurrent(5, List.of(5L, 9L, 5L))).as("the one branch that changed it").isEqualTo(9);
        assertThat(LiveEffect.concurrent(5, List.of(8L, 9L))).isEqualTo(-1);
        assertThat(LiveEffect.concurrent(5, List.of(5L, 5L))).isEqualTo(5);
    }

    @Test
    void eachWorkloadsWorkForTheEstimate() {
        assertThat(t("ingest").work(params(Map.of("target_vectors", 1000L)), 400, 1000, null))
                .isEqualTo(WorkEstimate.of(WorkEstimate.Kind.WRITE, 600));
        assertThat(t("ingest").work(params(Map.of("target_vectors", 1000L)), -1, -1, null).operations())
                .isEqualTo(1000);
        assertThat(t("shrink").work(params(Map.of("target_vectors", 100L)), 400, 100, null))
                .isEqualTo(WorkEstimate.of(WorkEstimate.Kind.DELETE, 300));
        assertThat(t("update").work(Parameters.empty(), 400, 400, null).operations()).isEqualTo(400);
        assertThat(t("update").work(params(Map.of("update_vectors", 30L)), 400, 400, null).operations()).isEqualTo(30);
        WorkEstimate q = t("query").work(params(Map.of("queries_per_second", 50.0)), 10, 10, null);
        assertThat(List.of(q.kind(), q.operations(), q.opsPerSecond()))
                .containsExactly(WorkEstimate.Kind.QUERY, 1000.0, 50.0);
        assertThat(t("query").work(params(Map.of("query_vectors", 20L)), 10, 10, 5L).operations()).isEqualTo(5);
        assertThat(t("mixed").work(Parameters.empty(), 10, 10, null).operations()).isZero();
        WorkEstimate m = t("mixed").work(params(Map.of("target_ops_per_second", 200.0)), 10, 10, 4000L);
        assertThat(List.of(m.operations(), m.opsPerSecond())).containsExactly(4000.0, 200.0);
    }

    @Test
    void aWorkloadThatDeclaresNothingNeedsNothingAndLeavesTheCountUnknown() {
        WorkloadTraits plugin = new WorkloadSpec("ping", "PING", List.of(), false).traits();
        Parameters none = Parameters.empty();

        assertThat(List.of(plugin.needsDataset(none), plugin.needsIndex(none), plugin.needsSearch(none),
                plugin.usesLiveVectors(none), plugin.endless(none))).containsOnly(false);
        assertThat(plugin.liveEffect(none)).isEqualTo(LiveEffect.UNKNOWN);
        assertThat(plugin.work(none, 1, 1, 100L).operations()).isZero();
        assertThat(R.traits("com.acme.Unknown")).isSameAs(WorkloadTraits.UNDECLARED);
    }

    /** A plugin that grows the set to its {@code fill} parameter and needs a dataset. */
    private static final WorkloadSpec FILLER = new WorkloadSpec("filler", "Fills.", List.of(
            ParamSpec.integer("fill", null, 0.0, null, "Live vectors after the step.")), false, new WorkloadTraits() {
                @Override
                public boolean needsDataset(Parameters p) {
                    return true;
                }

                @Override
                public LiveEffect liveEffect(Parameters p) {
                    return LiveEffect.growTo(p.getLong("fill", -1));
                }
            });

    private static List<String> validate(String text) {
        ParseResult read = ScenarioReader.read(text, "t.yaml");
        return new ScenarioValidator(R.withWorkload(FILLER), ValidationOptions.defaults()).validate(read).stream()
                .map(d -> d.severity().label() + ": " + d.message()).toList();
    }

    @Test
    void theValidatorAsksAPluginWorkloadsTraitsForItsDatasetAndItsEffectOnTheLiveSet() {
        String steps = "steps:\n  - name: fill\n    type: workload\n    workload: filler\n    parameters: {fill: 100}\n"
                + "  - name: cut\n    type: workload\n    workload: shrink\n    parameters: {target_vectors: 500}\n";

        assertThat(validate("name: t\n" + steps)).containsExactly("error: No dataset for step 'fill'",
                "error: Shrink target_vectors 500 is above the 100 vectors live after 'fill'");
        assertThat(validate("name: t\ndataset: synthetic-128\n" + steps))
                .containsExactly("error: Shrink target_vectors 500 is above the 100 vectors live after 'fill'");
        String twice = "steps:\n  - name: fill\n    type: workload\n    workload: filler\n    parameters: {fill: 100}\n"
                + "  - name: again\n    type: workload\n    workload: filler\n    parameters: {fill: 50}\n";
        assertThat(validate("name: t\ndataset: synthetic-128\n" + twice))
                .containsExactly("warning: Filler target 50 adds nothing: 100 vectors are already live after 'fill'");
    }
}
