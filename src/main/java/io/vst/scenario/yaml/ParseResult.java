package io.vst.scenario.yaml;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.Scenario;
import java.util.List;

/**
 * What reading (and optionally validating) a scenario produced: the model, when usable, and every
 * diagnostic found so far.
 *
 * @param scenario the model, or {@code null} when the text is unusable (e.g. a YAML syntax error)
 * @param diagnostics findings in source order of discovery
 * @param tree the positioned YAML tree the model was built from, or {@code null} when the text was
 *     not valid YAML; the validator uses it to point at exact keys and values
 */
public record ParseResult(Scenario scenario, List<Diagnostic> diagnostics, YamlNode tree) {

    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public ParseResult(Scenario scenario, List<Diagnostic> diagnostics) {
        this(scenario, diagnostics, null);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    /** A copy whose diagnostics are these plus {@code more}. */
    public ParseResult withMore(List<Diagnostic> more) {
        List<Diagnostic> all = new java.util.ArrayList<>(diagnostics);
        all.addAll(more);
        return new ParseResult(scenario, all, tree);
    }
}
