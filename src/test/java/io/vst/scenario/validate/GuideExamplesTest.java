package io.vst.scenario.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.Step;
import io.vst.scenario.StepType;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.yaml.ParseResult;
import io.vst.scenario.yaml.ScenarioReader;
import io.vst.scenario.yaml.YamlNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The user's guide is the specification: every complete scenario in it must validate without errors
 * and every other YAML block must parse as steps (or a partial scenario). Fragments are only parsed,
 * not validated: they show one feature at a time and leave out what a full scenario needs (a dataset,
 * required parameters), and one names a workload ({@code custom_mixed}) that is deliberately not
 * registered; such a name is an error in a real scenario (only class-like names are left to plugins).
 */
class GuideExamplesTest {

    private static final Path COPY = Path.of("src/test/resources/spec/scenario-guide.md");
    private static final Path SHARED = Path.of("../shared/spec/scenario-guide.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    record Block(int line, String text) {
    }

    static List<Block> blocks() throws IOException {
        String guide = Files.readString(COPY, StandardCharsets.UTF_8);
        List<Block> out = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(guide);
        while (m.find()) {
            int line = guide.substring(0, m.start()).split("\n", -1).length + 1;
            out.add(new Block(line, stripIndent(m.group(1))));
        }
        return out;
    }

    /** Blocks inside numbered lists are indented; remove the common indentation. */
    private static String stripIndent(String text) {
        int indent = Integer.MAX_VALUE;
        for (String l : text.split("\n")) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : text.split("\n")) {
            sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return sb.toString();
    }

    private static boolean isComplete(ParseResult r) {
        return r.tree() instanceof YamlNode.Mapping m && m.get("name") != null && m.get("steps") != null;
    }

    @Test
    void theCopyOfTheGuideIsCurrent() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(SHARED), "no shared spec next to the repository");
        assertThat(Files.readString(COPY, StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(SHARED, StandardCharsets.UTF_8));
    }

    @Test
    void everyCompleteScenarioInTheGuideValidatesWithoutErrors() throws IOException {
        int complete = 0;
        for (Block b : blocks()) {
            String source = "scenario-guide.md@" + b.line();
            ParseResult read = ScenarioReader.read(b.text(), source);
            if (!isComplete(read)) {
                continue;
            }
            complete++;
            List<Diagnostic> all = new ArrayList<>(read.diagnostics());
            all.addAll(new ScenarioValidator(SchemaRegistry.builtin(), ValidationOptions.defaults()).validate(read));
            assertThat(all).as(source + "\n" + String.join("\n", Scenarios.format(all)))
                    .noneMatch(Diagnostic::isError);
        }
        // Basic Structure, Complete Example, the three built-ins and the two custom examples
        assertThat(complete).isEqualTo(7);
    }

    @Test
    void everyOtherYamlBlockParsesAsSteps() throws IOException {
        int fragments = 0;
        int steps = 0;
        for (Block b : blocks()) {
            String source = "scenario-guide.md@" + b.line();
            ParseResult full = ScenarioReader.read(b.text(), source);
            if (isComplete(full)) {
                continue;
            }
            fragments++;
            for (String part : topLevelParts(b.text())) {
                ParseResult r = ScenarioReader.readFragment(part, source);
                assertThat(r.diagnostics()).as(source + "\n" + String.join("\n", Scenarios.format(r.diagnostics())))
                        .isEmpty();
                assertThat(r.scenario()).as(source).isNotNull();
                steps += countSteps(r.scenario().steps());
            }
        }
        assertThat(fragments).isEqualTo(36);
        assertThat(steps).isGreaterThan(40);
    }

    @Test
    void theGuidesStepTypesAllAppearAmongTheParsedFragments() throws IOException {
        java.util.Set<StepType> seen = java.util.EnumSet.noneOf(StepType.class);
        for (Block b : blocks()) {
            for (String part : topLevelParts(b.text())) {
                ParseResult r = ScenarioReader.readFragment(part, "guide@" + b.line());
                if (r.scenario() != null) {
                    collectTypes(r.scenario().steps(), seen);
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(StepType.values());
    }

    /**
     * Fragments use only the language: placed into a minimal scenario, they validate without errors
     * except for the gaps each fragment leaves on purpose.
     */
    @Test
    void fragmentsUseOnlyKnownKeysAndValidValues() throws IOException {
        List<String> found = new ArrayList<>();
        for (Block b : blocks()) {
            if (isComplete(ScenarioReader.read(b.text(), "x"))) {
                continue;
            }
            if (b.text().contains("validation_rules:")) {
                assertThat(ValidationRules.parse(b.text(), "guide@" + b.line()).diagnostics()).isEmpty();
                continue;
            }
            for (String part : topLevelParts(b.text())) {
                String text = asScenario(part);
                ParseResult r = ScenarioReader.read(text, "guide@" + b.line());
                r = r.withMore(new ScenarioValidator(SchemaRegistry.builtin(), ValidationOptions.defaults()).validate(r));
                r.diagnostics().forEach(d -> found.add(d.severity().label() + ": " + d.message()));
            }
        }
        assertThat(found).containsExactlyInAnyOrder(
                // initial_data_ingestion, bulk_load, load_step (the ingests typo fix) and fast_ingest omit the target
                "error: Missing required parameter 'target_vectors'",
                "error: Missing required parameter 'target_vectors'",
                "error: Missing required parameter 'target_vectors'",
                "error: Missing required parameter 'target_vectors'",
                // the Custom Workload example names a workload that exists only as an illustration
                "error: Invalid workload type 'custom_mixed'",
                // the loop example ingests a constant absolute target every iteration
                "warning: Ingest 'load_iteration' reaches target_vectors 200000 in the first iteration of loop "
                        + "'load_test_loop'; later iterations add nothing",
                // out of context, a snippet starts from an empty index and has no earlier checkpoints
                "warning: Step 'search_queries' queries an empty index: no vectors are live at the start of the run",
                "warning: Step 'query_thread' queries an empty index: no vectors are live at the start of the run",
                "error: Shrink target_vectors 500000 is above the 0 vectors live at the start of the run",
                "error: compare_with 'previous_checkpoint' does not name an earlier checkpoint",
                "warning: interval_seconds only repeats a checkpoint inside a parallel step; here it runs once",
                // the Advanced Global Config asks for a vector cache, which vst does not have
                "warning: 'enable_vector_caching': true has no effect",
                "warning: 'vector_cache_size' has no effect");
    }

    /** A fragment as a scenario: steps go under 'steps:', scenario keys stay, a dataset is supplied. */
    private static String asScenario(String fragment) {
        ParseResult r = ScenarioReader.read(fragment, "f");
        String head = "name: fragment\ndataset: synthetic-128\n";
        if (r.tree() instanceof YamlNode.Sequence) {
            return head + "steps:\n" + fragment.indent(2);
        }
        if (r.tree() instanceof YamlNode.Mapping m && m.get("type") != null) {
            return head + "steps:\n" + ("- " + fragment.strip().replace("\n", "\n  ")).indent(2);
        }
        YamlNode.Mapping m = (YamlNode.Mapping) r.tree();
        String text = (m.get("name") == null ? "name: fragment\n" : "") + (m.get("dataset") == null
                ? "dataset: synthetic-128\n" : "") + fragment;
        return m.get("steps") == null ? text + "\nsteps:\n  - {name: only, type: checkpoint}\n" : text;
    }

    /**
     * A few Troubleshooting blocks show a global_config snippet and then, after "# Or ...", a step
     * snippet in the same block; as one document that is not YAML. Split where the top level switches
     * between mapping keys and list items, and read each part on its own.
     */
    static List<String> topLevelParts(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        Boolean list = null;
        for (String line : text.split("\n", -1)) {
            boolean content = !line.isBlank() && !line.startsWith("#") && !line.startsWith(" ");
            if (content) {
                boolean isItem = line.startsWith("- ");
                if (list != null && list != isItem) {
                    parts.add(cur.toString());
                    cur.setLength(0);
                }
                list = isItem;
            }
            cur.append(line).append('\n');
        }
        parts.add(cur.toString());
        return parts;
    }

    private static int countSteps(List<Step> steps) {
        int n = 0;
        for (Step s : steps) {
            n += 1 + countSteps(s.children());
        }
        return n;
    }

    private static void collectTypes(List<Step> steps, java.util.Set<StepType> seen) {
        for (Step s : steps) {
            seen.add(s.type());
            collectTypes(s.children(), seen);
        }
    }
}
