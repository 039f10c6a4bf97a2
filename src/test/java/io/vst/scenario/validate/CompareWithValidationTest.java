package io.vst.scenario.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.Severity;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.yaml.ParseResult;
import io.vst.scenario.yaml.ScenarioReader;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** compare_with names an earlier checkpoint by name, by tag, or by its loop-expanded name. */
class CompareWithValidationTest {

    private static final String LOOP = """
            name: t
            dataset: synthetic-16
            steps:
              - name: rounds
                type: loop
                iterations: 3
                steps:
                  - name: load_${loop_index}
                    type: workload
                    workload: ingest
                    parameters:
                      target_vectors: 100
                  - name: snap_${loop_index}
                    type: checkpoint
                    parameters:
                      tag: "iteration_${loop_index}"
              - name: after
                type: checkpoint
                parameters:
                  compare_with: %s
            """;

    private static List<String> errors(String compareWith) {
        ParseResult read = ScenarioReader.read(String.format(Locale.ROOT, LOOP, compareWith), "t.yaml");
        List<Diagnostic> found = new ScenarioValidator(SchemaRegistry.builtin(), ValidationOptions.defaults())
                .validate(read);
        return found.stream().filter(d -> d.severity() == Severity.ERROR).map(Diagnostic::format).toList();
    }

    @Test
    void aLoopExpandedNameOrTagIsAnEarlierCheckpoint() {
        assertThat(errors("snap_1")).isEmpty();
        assertThat(errors("snap_2")).isEmpty();
        assertThat(errors("iteration_0")).isEmpty();
    }

    @Test
    void anIterationTheLoopNeverRunsIsNotACheckpoint() {
        assertThat(errors("snap_3")).singleElement().asString()
                .contains("t.yaml:20:").contains("compare_with 'snap_3' does not name an earlier checkpoint");
    }
}
