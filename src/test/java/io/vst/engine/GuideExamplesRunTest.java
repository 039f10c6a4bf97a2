package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepStatus;
import io.vst.testsupport.SearchTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example of the guide's "Step Types" and "Advanced Patterns" sections, taken from the guide file
 * itself, runs end to end: wrapped in a scenario on a synthetic dataset, shrunk with a vector and time
 * scale, on the real valkey-search module and on a real valkey-server behind the test-only search proxy
 * (some examples query). One server of each kind serves all examples.
 */
class GuideExamplesRunTest {

    private static final Path GUIDE = Path.of("src/test/resources/spec/scenario-guide.md");
    private static final Pattern YAML = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern COMPARE = Pattern.compile("compare_with: (\\w+)");

    private static final Map<SearchTarget.Kind, SearchTarget> TARGETS = new EnumMap<>(SearchTarget.Kind.class);

    @TempDir
    Path out;

    private static synchronized SearchTarget target(SearchTarget.Kind kind) {
        SearchTarget t = TARGETS.get(kind);
        if (t == null) {
            t = kind.start();
            TARGETS.put(kind, t);
        }
        return t;
    }

    @AfterAll
    static synchronized void stop() {
        TARGETS.values().forEach(SearchTarget::close);
        TARGETS.clear();
    }

    static Stream<Arguments> examples() throws IOException {
        List<String> blocks = exampleBlocks();
        List<Arguments> out = new ArrayList<>();
        for (SearchTarget.Kind kind : SearchTarget.Kind.values()) {
            for (String b : blocks) {
                out.add(Arguments.of(kind, b));
            }
        }
        return out.stream();
    }

    private static List<String> exampleBlocks() throws IOException {
        String guide = Files.readString(GUIDE);
        List<String> blocks = new ArrayList<>();
        blocks.addAll(blocks(section(guide, "## Step Types", "## Global Configuration")));
        blocks.addAll(blocks(section(guide, "## Advanced Patterns", "## Scenario Validation")));
        assertThat(blocks).hasSize(9);
        return blocks;
    }

    private static String section(String text, String from, String to) {
        return text.substring(text.indexOf(from), text.indexOf(to));
    }

    private static List<String> blocks(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = YAML.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The example as a scenario: its steps after a small seed load, and any checkpoint it compares with. */
    static String scenario(String example) {
        StringBuilder s = new StringBuilder("name: guide_example\ndataset: synthetic-8\nindex: {algorithm: FLAT}\n")
                .append("steps:\n")
                .append("  - name: seed_load\n    type: workload\n    workload: ingest\n")
                .append("    parameters: {target_vectors: 200}\n");
        Matcher c = COMPARE.matcher(example);
        if (c.find()) {
            s.append("  - name: ").append(c.group(1)).append("\n    type: checkpoint\n    parameters: {}\n");
        }
        if (example.startsWith("steps:")) {
            // "steps:" followed by its list, already indented by two spaces
            s.append(example.substring(example.indexOf('\n') + 1));
        } else {
            for (String line : example.split("\n")) {
                s.append("  ").append(line).append('\n');
            }
        }
        return s.toString();
    }

    @ParameterizedTest(name = "{0} {index}")
    @MethodSource("examples")
    void runsEndToEnd(SearchTarget.Kind kind, String example) {
        String yaml = scenario(example);
        RunPlan plan = EngineHarness.plan(yaml, new PlanOptions(0.01, null, 0.0005, null));
        RunResult r = EngineHarness.run(plan, target(kind).endpoint(), -1, out);
        assertThat(r.outcome()).as(yaml + "\n" + r.message()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(r.steps()).as(yaml).isNotEmpty();
        assertThat(r.steps()).filteredOn(s -> s.status() != StepStatus.SKIPPED)
                .allSatisfy(s -> assertThat(s.status()).as(s.name() + ": " + s.detail()).isEqualTo(StepStatus.OK));
    }
}
