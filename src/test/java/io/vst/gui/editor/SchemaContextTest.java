package io.vst.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.scenario.schema.ParamSpec;
import io.vst.scenario.schema.SchemaRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Completion contexts worked out from indentation, and what the schema registry allows there. */
class SchemaContextTest {

    private final SchemaContext schema = new SchemaContext(SchemaRegistry.builtin());

    private static YamlContext at(String textWithCaret) {
        int caret = textWithCaret.indexOf('|');
        return YamlContext.at(textWithCaret.replace("|", ""), caret);
    }

    private List<String> values(String text) {
        return schema.values(at(text)).stream().map(SchemaContext.Choice::value).toList();
    }

    private List<String> keys(String text) {
        return schema.keys(at(text)).stream().map(ParamSpec::key).toList();
    }

    @Test
    void workloadNamesAfterWorkloadKey() {
        YamlContext c = at("name: x\nsteps:\n  - name: a\n    type: workload\n    workload: |");
        assertThat(c.path()).containsExactly("steps", "-");
        assertThat(c.valueKey()).isEqualTo("workload");
        assertThat(values("name: x\nsteps:\n  - name: a\n    type: workload\n    workload: |"))
                .contains("ingest", "query", "shrink", "update", "mixed");
        assertThat(values("steps:\n  - name: a\n    workload: in|")).contains("ingest");
    }

    @Test
    void parametersOfTheStepsWorkload() {
        String text = "steps:\n  - name: a\n    type: workload\n    workload: shrink\n    parameters:\n      |";
        assertThat(at(text).path()).containsExactly("steps", "-", "parameters");
        assertThat(keys(text)).contains("target_vectors", "removal_strategy").doesNotContain("query_k");
        assertThat(values("steps:\n  - name: a\n    type: workload\n    workload: shrink\n    parameters:\n"
                + "      removal_strategy: |")).containsExactly("random", "oldest", "newest", "expansion_priority");
    }

    @Test
    void keysOfEachPlaceWithoutThoseAlreadyWritten() {
        assertThat(keys("name: x\n|")).contains("steps", "global_config", "dataset").doesNotContain("name");
        assertThat(keys("global_config:\n  n_threads: 2\n  |")).contains("batch_size").doesNotContain("n_threads");
        assertThat(keys("steps:\n  - name: c\n    type: checkpoint\n    parameters:\n      |"))
                .contains("compare_with", "force_gc");
        assertThat(values("steps:\n  - name: a\n    type: |")).contains("workload", "loop", "parallel");
    }

    @Test
    void nestedStepsInsideLoopAndConditionalBranches() {
        String loop = "steps:\n  - name: l\n    type: loop\n    iterations: 2\n    steps:\n      - name: in\n"
                + "        type: workload\n        workload: |";
        assertThat(at(loop).path()).containsExactly("steps", "-", "steps", "-");
        assertThat(values(loop)).contains("ingest");
        String cond = "steps:\n  - name: c\n    type: conditional\n    condition:\n      metric: |";
        assertThat(values(cond)).contains("used_memory_mb", "recall");
        String branch = "steps:\n  - name: c\n    type: conditional\n    if_true:\n      - name: t\n        |";
        assertThat(keys(branch)).contains("type", "workload").doesNotContain("name");
    }

    @Test
    void listItemsWrittenAtTheParentsIndentation() {
        assertThat(at("steps:\n- name: a\n  workload: |").path()).containsExactly("steps", "-");
    }
}
