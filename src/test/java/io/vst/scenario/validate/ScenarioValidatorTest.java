package io.vst.scenario.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.scenario.Condition;
import io.vst.scenario.ConditionalStep;
import io.vst.scenario.Diagnostic;
import io.vst.scenario.Operator;
import io.vst.scenario.Severity;
import io.vst.scenario.SourceSpan;
import io.vst.scenario.schema.ParamSpec;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.schema.WorkloadSpec;
import io.vst.scenario.yaml.ParseResult;
import io.vst.scenario.yaml.ScenarioReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioValidatorTest {

    private static final String HEAD = "name: t\ndataset: synthetic-128\nsteps:\n";

    private static ParseResult load(String text, ValidationOptions options) {
        ParseResult read = ScenarioReader.read(text, "t.yaml");
        return read.withMore(new ScenarioValidator(SchemaRegistry.builtin(), options).validate(read));
    }

    private static ParseResult load(String text) {
        return load(text, ValidationOptions.defaults());
    }

    private static List<String> messages(ParseResult r) {
        return r.diagnostics().stream().map(d -> d.severity().label() + ": " + d.message()).toList();
    }

    @Test
    void aClassLikeWorkloadNameIsLeftToPluginsWithAWarning() {
        ParseResult r = load(HEAD + "  - name: custom\n    type: workload\n    workload: com.acme.MyWorkload\n"
                + "    parameters:\n      anything: 1\n");

        assertThat(r.hasErrors()).isFalse();
        assertThat(messages(r)).containsExactly(
                "warning: Unknown workload 'com.acme.MyWorkload' will be looked up among plugins at run time");
    }

    @Test
    void aPluginWorkloadInTheRegistryIsValidatedLikeABuiltin() {
        WorkloadSpec plugin = new WorkloadSpec("bulk_delete", "Deletes in bulk.",
                List.of(ParamSpec.integer("keep", null, 0.0, null, "Vectors to keep.").asRequired()), false);
        SchemaRegistry registry = SchemaRegistry.builtin().withWorkload(plugin);
        ParseResult read = ScenarioReader.read(HEAD + "  - name: bd\n    type: workload\n    workload: bulk_delete\n",
                "t.yaml");

        List<Diagnostic> found = new ScenarioValidator(registry, ValidationOptions.defaults()).validate(read);

        assertThat(found).extracting(Diagnostic::message).containsExactly("Missing required parameter 'keep'");
        assertThat(SchemaRegistry.builtin().workload("bulk_delete")).isEmpty();
    }

    @Test
    void strictTurnsWarningsIntoErrors() {
        String text = HEAD + "  - name: load\n    type: workload\n    workload: ingest\n    parameters:\n"
                + "      target_vectors: 10\n      colour: blue\n";

        assertThat(load(text).hasErrors()).isFalse();
        assertThat(load(text).diagnostics()).extracting(Diagnostic::severity).containsExactly(Severity.WARNING);
        assertThat(load(text, ValidationOptions.defaults().withStrict(true)).errors()).extracting(Diagnostic::message)
                .containsExactly("Unknown parameter 'colour' in workload 'ingest'");
    }

    @Test
    void loopIndexIsAcceptedInNumbersInsideLoopsAndGrowthIsNotFlagged() {
        String text = HEAD + "  - name: grow\n    type: loop\n    iterations: 3\n    steps:\n"
                + "      - name: load_${loop_index}\n        type: workload\n        workload: ingest\n"
                + "        parameters:\n          target_vectors: \"${loop_index}0000\"\n"
                + "      - name: cp_${loop_index}\n        type: checkpoint\n        parameters:\n"
                + "          tag: iteration_${loop_index}\n";

        assertThat(load(text, ValidationOptions.defaults().withStrict(true)).diagnostics()).isEmpty();
    }

    @Test
    void configKeysAreAcceptedAsParametersAndInStepConfig() {
        String text = HEAD + "  - name: load\n    type: workload\n    workload: ingest\n    config:\n"
                + "      n_threads: 16\n      skip_verification: true\n    parameters:\n      target_vectors: 10\n"
                + "      n_clients: 4\n";

        assertThat(load(text, ValidationOptions.defaults().withStrict(true)).diagnostics()).isEmpty();
    }

    @Test
    void compareWithAcceptsAnEarlierTag() {
        String text = HEAD + "  - name: load\n    type: workload\n    workload: ingest\n    parameters:\n"
                + "      target_vectors: 10\n  - name: first\n    type: checkpoint\n    parameters:\n      tag: base\n"
                + "  - name: second\n    type: checkpoint\n    parameters:\n      compare_with: base\n";

        assertThat(load(text).diagnostics()).isEmpty();
    }

    @Test
    void parallelBranchesStartFromTheSameCountAndAShrinkAfterAParallelIngestIsChecked() {
        String text = HEAD + "  - name: both\n    type: parallel\n    steps:\n"
                + "      - name: load\n        type: workload\n        workload: ingest\n        parameters:\n"
                + "          target_vectors: 1000\n"
                + "      - name: monitor\n        type: checkpoint\n        interval_seconds: 5\n"
                + "  - name: shrink\n    type: workload\n    workload: shrink\n    parameters:\n"
                + "      target_vectors: 2000\n";

        assertThat(messages(load(text))).containsExactly(
                "error: Shrink target_vectors 2000 is above the 1000 vectors live after 'load'");
    }

    @Test
    void aMixedStepThatIngestsMakesTheCountUnknownSoALaterShrinkIsNotJudged() {
        String text = HEAD + "  - name: load\n    type: workload\n    workload: ingest\n    parameters:\n"
                + "      target_vectors: 100\n  - name: mix\n    type: workload\n    workload: mixed\n"
                + "    duration_seconds: 10\n    parameters:\n      ingest_ratio: 0.5\n      query_ratio: 0.5\n"
                + "  - name: shrink\n    type: workload\n    workload: shrink\n    parameters:\n"
                + "      target_vectors: 150\n";

        assertThat(load(text).diagnostics()).isEmpty();
    }

    @Test
    void aFilteredQueryIsFineWhenTheIndexDeclaresFields() {
        String text = "name: t\ndataset: synthetic-128\nindex:\n  fields: [{name: category, type: tag, source: "
                + "\"row_mod:10\"}]\nsteps:\n  - {name: load, type: workload, workload: ingest, parameters: "
                + "{target_vectors: 100}}\n  - {name: q, type: workload, workload: query, parameters: "
                + "{filter: \"@category:{a}\"}}\n";

        assertThat(load(text, ValidationOptions.defaults().withStrict(true)).diagnostics()).isEmpty();
    }

    @Test
    void operatorSymbolsAreAccepted() {
        String text = HEAD + "  - name: c\n    type: conditional\n    condition: {metric: recall, operator: '<', value: 0.9}\n"
                + "    if_true:\n      - {name: w, type: wait, parameters: {duration_seconds: 1}}\n";

        ParseResult r = load(text);

        assertThat(r.diagnostics()).isEmpty();
        ConditionalStep c = (ConditionalStep) r.scenario().steps().get(0);
        assertThat(c.condition()).isEqualTo(new Condition("recall", Operator.LESS_THAN, 0.9));
        assertThat(c.condition().operator().test(0.8, 0.9)).isTrue();
    }

    @Test
    void aRulesFileWithMistakesIsReportedWithPositions() {
        ValidationRules.Loaded loaded = ValidationRules.parse("validation_rules:\n  scenario:\n    max_steps: many\n"
                + "  global_config:\n    max_thread: 3\n  colour: {}\n", "r.yaml");

        assertThat(loaded.diagnostics()).extracting(d -> d.span().line() + ":" + d.span().column() + " " + d.message())
                .containsExactly("3:16 'max_steps' must be a number",
                        "5:5 Rule 'max_thread' bounds 'thread', which is not a global_config key",
                        "6:3 Unknown rule 'colour' in validation_rules of r.yaml");
        assertThat(loaded.hasErrors()).isTrue();
    }

    @Test
    void theShippedRulesLoadAndBindTheDocumentedLimits() {
        ValidationRules d = ValidationRules.defaults();

        assertThat(d.maxSteps()).isEqualTo(10000);
        assertThat(d.requiredFields()).containsExactly("name", "steps");
        assertThat(d.globalMax()).containsEntry("n_threads", 4096.0);
        assertThat(d.stepRules("checkpoint").min()).containsEntry("interval_seconds", 1.0);
    }

    @Test
    void aScenarioBuiltInCodeWithoutATreeIsValidatedFromItsText() {
        ParseResult read = ScenarioReader.read(HEAD + "  - name: s\n    type: workload\n    workload: shrink\n"
                + "    parameters: {target_vectors: 5}\n", "t.yaml");
        ParseResult withoutTree = new ParseResult(read.scenario(), List.of());

        assertThat(new ScenarioValidator(SchemaRegistry.builtin(), null).validate(withoutTree))
                .extracting(Diagnostic::message)
                .containsExactly("Shrink target_vectors 5 is above the 0 vectors live at the start of the run");
    }

    @Test
    void diagnosticsFormatLikeACompiler() {
        Diagnostic d = Diagnostic.error(SourceSpan.at("a.yaml", 12, 7), "Missing required parameter 'target_vectors'",
                "add it");

        assertThat(d.format()).isEqualTo("a.yaml:12:7: error: Missing required parameter 'target_vectors'\n"
                + "    hint: add it");
        assertThat(Diagnostic.warning(SourceSpan.at("a.yaml", 1, 2), "w", null).format())
                .isEqualTo("a.yaml:1:2: warning: w");
    }

    @Test
    void suggestionsFindTyposButNotUnrelatedWords() {
        List<String> names = List.of("ingest", "query", "shrink", "update", "mixed");

        assertThat(Suggestions.closest("ingests", names)).isEqualTo("ingest");
        assertThat(Suggestions.closest("qeury", names)).isEqualTo("query");
        assertThat(Suggestions.closest("custom_mixed", names)).isNull();
        assertThat(Suggestions.closest("banana", names)).isNull();
    }
}
