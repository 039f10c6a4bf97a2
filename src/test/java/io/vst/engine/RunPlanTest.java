package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import io.vst.scenario.Scenario;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.validate.Scenarios;
import io.vst.scenario.validate.ValidationOptions;
import io.vst.scenario.yaml.ParseResult;
import io.vst.scenario.yaml.ScenarioReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunPlanTest {

    private static Scenario scenario(String text) {
        ParseResult r = ScenarioReader.read(text, "t.yaml");
        assertThat(r.diagnostics()).isEmpty();
        return r.scenario();
    }

    private static RunPlan plan(String text, PlanOptions o) {
        return RunPlan.of(scenario(text), SchemaRegistry.builtin(), o);
    }

    private static final String LOOP = """
            name: loops
            dataset: synthetic-128
            global_config: {n_threads: 4, batch_size: 1000, step_timeout: 100}
            steps:
              - name: load_test_loop
                type: loop
                iterations: 3
                steps:
                  - name: load_iteration
                    type: workload
                    workload: ingest
                    config: {n_threads: 16, batch_size: 500}
                    parameters:
                      target_vectors: "${loop_index}0000"
                      batch_size: 200
                  - name: check_${loop_index}
                    type: checkpoint
                    parameters: {tag: "iteration_${loop_index}"}
              - name: soak
                type: workload
                workload: query
                duration_seconds: 600
              - name: settle
                type: wait
                parameters: {duration_seconds: 60}
            """;

    @Test
    void theGuidesGrowShrinkGrowPlanFollowsTheVectorCount() {
        Scenario s = Scenarios.load("grow_shrink_grow", ValidationOptions.defaults()).scenario();

        RunPlan plan = RunPlan.of(s, SchemaRegistry.builtin(), PlanOptions.defaults());

        assertThat(plan.flatten()).extracting(PlannedStep::vectorsAfter)
                .containsExactly(2_000_000L, 2_000_000L, 500_000L, 500_000L, 3_000_000L, 3_000_000L);
        assertThat(plan.flatten()).extracting(PlannedStep::id).containsExactly("initial_growth", "growth_checkpoint",
                "shrink_phase", "shrink_checkpoint", "regrowth_phase", "final_checkpoint");
        PlannedStep first = plan.steps().get(0);
        assertThat(first.config().nThreads()).isEqualTo(8);
        assertThat(first.config().nClients()).isEqualTo(1000);
        assertThat(first.dataset()).isEqualTo("openai-5m");
        assertThat(first.parameters().values()).containsEntry("start_index", 0).containsEntry("shuffle", false)
                .containsEntry("target_vectors", 2_000_000L);
        assertThat(plan.steps().get(5).parameters().getBool("analyze_fragmentation", false)).isTrue();
        assertThat(plan.estimatedSeconds()).isPositive();
        // 3M vectors of 1536 float32 are 18.4 GB raw; stored twice plus graph links, the estimate must exceed that
        assertThat(plan.estimatedPeakMemoryBytes()).isGreaterThan(2L * 3_000_000L * 1536 * 4);
        assertThat(plan.peakMemoryStep().name()).isEqualTo("regrowth_phase");
    }

    @Test
    void loopsAreExpandedWithSubstitutedUniqueNamesAndTypedNumbers() {
        RunPlan plan = plan(LOOP, PlanOptions.defaults());

        PlannedStep loop = plan.steps().get(0);
        assertThat(loop.children()).extracting(PlannedStep::name).containsExactly("load_iteration[0]", "check_0",
                "load_iteration[1]", "check_1", "load_iteration[2]", "check_2");
        assertThat(loop.children()).extracting(PlannedStep::id).containsExactly("load_test_loop/0/load_iteration",
                "load_test_loop/0/check_0", "load_test_loop/1/load_iteration",
                "load_test_loop/1/check_1", "load_test_loop/2/load_iteration",
                "load_test_loop/2/check_2");
        assertThat(loop.children()).extracting(PlannedStep::depth).containsOnly(1);
        assertThat(loop.children().get(3).parameters().getString("tag", null)).isEqualTo("iteration_1");
        assertThat(loop.children().get(4).parameters().get("target_vectors")).isEqualTo(20000L);
        assertThat(loop.children()).extracting(PlannedStep::vectorsAfter)
                .containsExactly(0L, 0L, 10_000L, 10_000L, 20_000L, 20_000L);
        assertThat(loop.vectorsAfter()).isEqualTo(20_000L);
        assertThat(plan.flatten()).hasSize(9);
        assertThat(plan.flatten().stream().map(PlannedStep::name).distinct()).hasSize(9);
    }

    @Test
    void configIsGlobalThenStepConfigThenParameters() {
        PlannedStep load = plan(LOOP, PlanOptions.defaults()).steps().get(0).children().get(0);

        assertThat(load.config().nThreads()).isEqualTo(16);       // step config over global 4
        assertThat(load.config().batchSize()).isEqualTo(200);     // parameter over step config 500
        assertThat(load.config().nClients()).isEqualTo(8);        // default, set nowhere
        assertThat(load.config().stepTimeout()).isEqualTo(100.0); // global
    }

    @Test
    void timeScaleScalesDurationsAndTimeoutsButNotWork() {
        RunPlan full = plan(LOOP, PlanOptions.defaults());
        RunPlan tenth = plan(LOOP, new PlanOptions(0.1, null));

        PlannedStep soak = tenth.steps().get(1);
        assertThat(soak.step().common().durationSeconds()).isEqualTo(60.0);
        assertThat(soak.estimatedSeconds()).isEqualTo(60.0);
        assertThat(soak.config().stepTimeout()).isEqualTo(10.0);
        assertThat(tenth.steps().get(2).parameters().getDouble("duration_seconds", 0)).isEqualTo(6.0);
        assertThat(tenth.steps().get(2).estimatedSeconds()).isEqualTo(6.0);
        assertThat(tenth.steps().get(0).vectorsAfter()).isEqualTo(full.steps().get(0).vectorsAfter());
        assertThat(full.steps().get(1).estimatedSeconds()).isEqualTo(600.0);
        assertThatThrownBy(() -> new PlanOptions(0, null)).isInstanceOf(VstException.class);
    }

    @Test
    void onlyStepSelectsOneStepByNameOrIdAndRejectsUnknownNames() {
        assertThat(plan(LOOP, new PlanOptions(1, "soak")).steps()).extracting(PlannedStep::name)
                .containsExactly("soak");
        assertThat(plan(LOOP, new PlanOptions(1, "load_test_loop/2/load_iteration")).steps())
                .extracting(PlannedStep::name).containsExactly("load_iteration[2]");
        assertThat(plan(LOOP, new PlanOptions(1, "load_test_loop/0/load_iteration")).steps())
                .extracting(PlannedStep::name).containsExactly("load_iteration[0]");
        assertThatThrownBy(() -> plan(LOOP, new PlanOptions(1, "sock")))
                .isInstanceOfSatisfying(VstException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VstException.Kind.INVALID_INPUT);
                    assertThat(e.getMessage()).isEqualTo("No step named 'sock' in the scenario");
                });
    }

    @Test
    void parallelAndConditionalBranchesArePlannedAndMerged() {
        RunPlan plan = plan("""
                name: branches
                dataset: cohere-medium-1m
                steps:
                  - name: together
                    type: parallel
                    steps:
                      - {name: load, type: workload, workload: ingest, parameters: {target_vectors: 5000}}
                      - {name: q, type: workload, workload: query, duration_seconds: 30}
                      - {name: mon, type: checkpoint, interval_seconds: 5}
                  - name: maybe
                    type: conditional
                    condition: {metric: memory_usage_mb, operator: greater_than, value: 10}
                    if_true:
                      - {name: wipe, type: cleanup}
                    if_false:
                      - {name: pause, type: wait, parameters: {duration_seconds: 45}}
                  - name: mix
                    type: workload
                    workload: mixed
                    max_operations: 1000
                """, PlanOptions.defaults());

        PlannedStep together = plan.steps().get(0);
        assertThat(together.children()).extracting(PlannedStep::id).containsExactly("together/load", "together/q",
                "together/mon");
        assertThat(together.vectorsAfter()).isEqualTo(5000);
        assertThat(together.estimatedSeconds()).isGreaterThanOrEqualTo(30.0);
        PlannedStep maybe = plan.steps().get(1);
        assertThat(maybe.ifTrue()).extracting(PlannedStep::vectorsAfter).containsExactly(0L);
        assertThat(maybe.ifFalse()).extracting(PlannedStep::vectorsAfter).containsExactly(5000L);
        assertThat(maybe.vectorsAfter()).isEqualTo(-1);
        assertThat(maybe.estimatedSeconds()).isEqualTo(45.0);
        PlannedStep mix = plan.steps().get(2);
        assertThat(mix.parameters().getDouble("query_ratio", -1)).isEqualTo(1.0);
        assertThat(mix.parameters().getDouble("ingest_ratio", -1)).isEqualTo(0.0);
        assertThat(plan.flatten()).extracting(PlannedStep::id).containsExactly("together", "together/load",
                "together/q", "together/mon", "maybe", "maybe/if_true/wipe", "maybe/if_false/pause", "mix");
    }

    @Test
    void datasetAndIndexResolveFromStepThenScenarioThenDefaults() {
        RunPlan plan = plan("""
                name: d
                dataset: sift-128-euclidean
                index: {m: 32, dimensions: 128}
                steps:
                  - {name: a, type: workload, workload: ingest, parameters: {target_vectors: 10}}
                  - {name: b, type: workload, workload: ingest, dataset: glove-100-angular,
                     index: {name: other, m: 8}, parameters: {target_vectors: 20}}
                  - {name: c, type: workload, workload: ingest, parameters: {target_vectors: 30, dataset: gist-960-euclidean}}
                """, PlanOptions.defaults());

        List<PlannedStep> s = plan.steps();
        assertThat(s).extracting(PlannedStep::dataset).containsExactly("sift-128-euclidean", "glove-100-angular",
                "gist-960-euclidean");
        assertThat(s.get(0).index().m()).isEqualTo(32);
        assertThat(s.get(1).index().name()).isEqualTo("other");
        assertThat(RunPlan.estimatedMemoryBytes(s.get(0))).isEqualTo(10 * (2 * 128 * 4 + (long) (2 * 32 * 8 * 1.1) + 150));
    }

    @Test
    void aPlanTooLargeToHoldIsRefusedAsInvalidInput() {
        String text = "name: huge\nsteps:\n  - name: outer\n    type: loop\n    iterations: 1000\n    steps:\n"
                + "      - name: inner\n        type: loop\n        iterations: 1000\n        steps:\n"
                + "          - {name: cp, type: checkpoint}\n";

        assertThatThrownBy(() -> plan(text, PlanOptions.defaults()))
                .isInstanceOfSatisfying(VstException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("With its loops expanded the scenario has 1,001,001 steps; at most 100,000 can be planned"));
    }

    @Test
    void theScenarioTimeoutIsScaledWithThePlan() {
        String text = "name: t\ntimeout_seconds: 600\nsteps:\n  - {name: cp, type: checkpoint}\n";

        assertThat(plan(text, new PlanOptions(0.5, null)).timeoutSeconds()).isEqualTo(300.0);
        assertThat(plan("name: t\nsteps:\n  - {name: cp, type: checkpoint}\n", PlanOptions.defaults())
                .timeoutSeconds()).isNull();
    }

    @Test
    void duplicateNamesInAnInvalidScenarioStillGetUniquePlanNames() {
        RunPlan plan = plan("name: dup\nsteps:\n  - {name: a, type: checkpoint}\n  - {name: a, type: checkpoint}\n",
                PlanOptions.defaults());

        assertThat(plan.flatten()).extracting(PlannedStep::name).containsExactly("a", "a#2");
        assertThat(plan.flatten()).extracting(PlannedStep::id).containsExactly("a", "a#2");
    }
}
