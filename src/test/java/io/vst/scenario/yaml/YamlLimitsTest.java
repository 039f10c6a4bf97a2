package io.vst.scenario.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.scenario.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pre-scan must not refuse ordinary YAML that only looks like nesting, aliases or anchors. */
class YamlLimitsTest {

    private static List<String> errors(String text) {
        return ScenarioReader.read(text, "t.yaml").diagnostics().stream().filter(Diagnostic::isError)
                .map(Diagnostic::format).toList();
    }

    @Test
    void textThatLooksLikeStructureIsNotCounted() {
        String brackets = "[".repeat(200);
        assertThat(errors("name: x\ndescription: \"" + brackets + "\"\nsteps: []\n")).isEmpty();
        assertThat(errors("name: x\ndescription: '" + brackets + "'\nsteps: []\n")).isEmpty();
        assertThat(errors("name: x # " + brackets + "\nsteps: []\n")).isEmpty();
        assertThat(errors("name: a" + brackets + "\nsteps: []\n")).isEmpty();
        assertThat(errors("name: x\ndescription: |\n" + "  * bullet *bold\n".repeat(80) + "steps: []\n")).isEmpty();
    }

    @Test
    void aliasesToCompleteAnchorsAreAccepted() {
        assertThat(errors("name: x\nmetadata:\n  base: &b {k: [1, 2]}\n  copy: *b\n  list: [&one 1, *one]\n"
                + "  more:\n    <<: *b\n")).isEmpty();
        assertThat(errors("name: x\nmetadata:\n  - &a\n    k: 1\n  - *a\nsteps: []\n")).isEmpty();
        assertThat(errors("name: x\nmetadata:\n  v: &v !!str 5\n  w: *v\nsteps: []\n")).isEmpty();
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        int levels = YamlLimits.MAX_DEPTH - 1; // the top mapping is the first level
        assertThat(errors("name: x\nmetadata: " + "[".repeat(levels) + "]".repeat(levels) + "\nsteps: []\n")).isEmpty();
        assertThat(errors("name: x\nmetadata: " + "[".repeat(levels + 1) + "]".repeat(levels + 1) + "\nsteps: []\n"))
                .singleElement().asString().contains("the limit is 64");
    }
}
