package io.vst.scenario.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.scenario.ErrorHandling;
import io.vst.scenario.FieldSpec;
import io.vst.scenario.GlobalConfig;
import io.vst.scenario.IndexSpec;
import io.vst.scenario.LoopStep;
import io.vst.scenario.OnFailure;
import io.vst.scenario.Parameters;
import io.vst.scenario.Scenario;
import io.vst.scenario.SourceSpan;
import io.vst.scenario.Step;
import io.vst.scenario.StepCommon;
import io.vst.scenario.Trigger;
import io.vst.scenario.WorkloadStep;
import io.vst.scenario.schema.ParamSpec;
import io.vst.scenario.schema.SchemaRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {

    private static final String FULL = """
            name: full
            description: every part of the model
            dataset: synthetic-128
            timeout_seconds: 600
            metadata:
              author: Perf Team
              tags: [a, b]
            global_config:
              n_threads: 2
              step_timeout: 120
              continue_on_error: true
            index:
              algorithm: flat
              distance_metric: cosine
              dimensions: 64
              block_size: 512
              fields:
                - {name: category, type: tag, source: "row_mod:10"}
              recreate_index: false
            steps:
              - name: load
                type: workload
                workload: ingest
                description: load it
                duration_seconds: 30
                max_operations: 5000
                timeout_seconds: 60
                config:
                  batch_size: 250
                parameters:
                  target_vectors: 1000
                  shuffle: true
                error_handling:
                  on_failure: retry
                  max_retries: 2
                  retry_delay: 0.5
              - name: after_error
                type: cleanup
                trigger: on_previous_error
                parameters:
                  cleanup_type: partial
              - name: rep
                type: loop
                iterations: 2
                steps:
                  - name: cp_${loop_index}
                    type: checkpoint
                    parameters:
                      tag: "t_${loop_index}"
            """;

    @Test
    void readsEveryPartOfTheModel() {
        ParseResult r = ScenarioReader.read(FULL, "full.yaml");

        assertThat(r.diagnostics()).isEmpty();
        Scenario s = r.scenario();
        assertThat(s.name()).isEqualTo("full");
        assertThat(s.timeoutSeconds()).isEqualTo(600.0);
        assertThat(s.metadata()).containsEntry("author", "Perf Team");
        assertThat(s.globalConfig().nThreads()).isEqualTo(2);
        assertThat(s.globalConfig().stepTimeout()).isEqualTo(120.0);
        assertThat(s.globalConfig().continueOnError()).isTrue();
        assertThat(s.globalConfig().nClients()).isEqualTo(GlobalConfig.defaults().nClients());
        assertThat(s.index()).isEqualTo(new IndexSpec("vst_idx", "vec:", "FLAT", "COSINE", 64, 16, 200, 10, null, 512,
                java.util.List.of(new FieldSpec("category", "TAG", "row_mod:10", Map.of())), false));
        assertThat(s.sourceText()).isEqualTo(FULL);

        WorkloadStep load = (WorkloadStep) s.steps().get(0);
        StepCommon c = load.common();
        assertThat(load.workload()).isEqualTo("ingest");
        assertThat(c.description()).isEqualTo("load it");
        assertThat(c.durationSeconds()).isEqualTo(30.0);
        assertThat(c.maxOperations()).isEqualTo(5000L);
        assertThat(c.timeoutSeconds()).isEqualTo(60.0);
        assertThat(c.config()).containsEntry("batch_size", 250L);
        assertThat(c.parameters().getLong("target_vectors", -1)).isEqualTo(1000);
        assertThat(c.parameters().getBool("shuffle", false)).isTrue();
        assertThat(c.errorHandling()).isEqualTo(new ErrorHandling(OnFailure.RETRY, 2, 0.5));
        assertThat(c.span()).isEqualTo(new SourceSpan("full.yaml", 21, 5, 21, 9));
        assertThat(c.parameters().spans().get("target_vectors").line()).isEqualTo(31);

        assertThat(s.steps().get(1).common().trigger()).isEqualTo(Trigger.ON_PREVIOUS_ERROR);
        LoopStep loop = (LoopStep) s.steps().get(2);
        assertThat(loop.iterations()).isEqualTo(2);
        assertThat(loop.children()).extracting(Step::name).containsExactly("cp_${loop_index}");
    }

    @Test
    void mapStringsSubstitutesDeeplyWithoutTouchingTheOriginal() {
        LoopStep loop = (LoopStep) ScenarioReader.read(FULL, "full.yaml").scenario().steps().get(2);

        Step copy = loop.mapStrings(t -> t.replace(LoopStep.LOOP_INDEX, "7"));

        Step cp = copy.children().get(0);
        assertThat(cp.name()).isEqualTo("cp_7");
        assertThat(cp.common().parameters().getString("tag", null)).isEqualTo("t_7");
        assertThat(loop.children().get(0).name()).isEqualTo("cp_${loop_index}");
    }

    @Test
    void aMissingFileIsADiagnosticNotAnException() {
        ParseResult r = ScenarioReader.read(Path.of("no/such/file.yaml"));

        assertThat(r.scenario()).isNull();
        assertThat(r.errors()).singleElement().satisfies(d -> assertThat(d.message()).startsWith("Cannot read"));
    }

    @Test
    void aScenarioWithoutANameIsNamedAfterItsFile() {
        assertThat(ScenarioReader.read("steps: []\n", "dir/my_test.yaml").scenario().name()).isEqualTo("my_test");
    }

    @Test
    void globalConfigRoundTripsThroughItsMap() {
        GlobalConfig c = GlobalConfig.defaults().withOverrides(Map.of("n_threads", 3, "max_memory_usage_mb", "512",
                "verify_operations", true, "not_a_key", 1));

        assertThat(c.nThreads()).isEqualTo(3);
        assertThat(c.maxMemoryUsageMb()).isEqualTo(512.0);
        assertThat(c.verifyOperations()).isTrue();
        assertThat(GlobalConfig.defaults().withOverrides(c.toMap())).isEqualTo(c);
        assertThat(c.toMap()).hasSize(SchemaRegistry.builtin().globalConfigKeys().size());
    }

    @Test
    void everyGlobalConfigComponentIsDocumentedInTheRegistryWithItsDefault() {
        Map<String, Object> defaults = GlobalConfig.defaults().toMap();
        for (ParamSpec p : SchemaRegistry.builtin().globalConfigKeys()) {
            assertThat(defaults).containsKey(p.key());
            Object d = defaults.get(p.key());
            if (p.defaultValue() == null) {
                assertThat(d).as(p.key()).isNull();
            } else {
                assertThat(((Object) (d instanceof Number n ? n.doubleValue() : d)).toString())
                        .as(p.key()).isEqualTo((p.defaultValue() instanceof Number n ? (Object) n.doubleValue()
                                : p.defaultValue()).toString());
            }
        }
    }

    @Test
    void parametersConvertLeniently() {
        Parameters p = new Parameters(Map.of("a", "42", "b", 2.5, "c", "true", "d", 7L), Map.of());

        assertThat(p.getLong("a", 0)).isEqualTo(42);
        assertThat(p.getInt("d", 0)).isEqualTo(7);
        assertThat(p.getDouble("b", 0)).isEqualTo(2.5);
        assertThat(p.getBool("c", false)).isTrue();
        assertThat(p.getLong("missing", -1)).isEqualTo(-1);
        assertThat(p.with("e", 1).has("e")).isTrue();
        assertThat(p.has("e")).isFalse();
    }
}
