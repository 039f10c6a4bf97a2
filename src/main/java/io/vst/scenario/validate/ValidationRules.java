package io.vst.scenario.validate;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.SourceSpan;
import io.vst.scenario.yaml.YamlNode;
import io.vst.scenario.yaml.YamlTreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Site limits in the guide's {@code validation_rules} format, checked on top of the language's own rules.
 *
 * <pre>
 * validation_rules:
 *   scenario: {max_steps: 20, max_duration_hours: 4, required_fields: [name, description, steps]}
 *   steps:
 *     workload: {required_parameters: [target_vectors], max_target_vectors: 10000000}
 *     checkpoint: {min_interval_seconds: 10}
 *   global_config: {max_threads: 32, max_clients: 10000, min_batch_size: 1, max_batch_size: 10000}
 * </pre>
 *
 * Under {@code steps}, a key is a step type ({@code workload}, {@code checkpoint}, ...) or a workload
 * name ({@code ingest}, ...); {@code max_X} / {@code min_X} bound parameter or step key {@code X}.
 * Under {@code global_config}, {@code max_X} / {@code min_X} bound config key {@code X}
 * ({@code threads} and {@code clients} stand for {@code n_threads} and {@code n_clients}).
 *
 * @param maxDurationHours checked against timeout_seconds and the sum of explicit durations
 * @param sourceName the rules file, for messages
 */
public record ValidationRules(Integer maxSteps, Double maxDurationHours, List<String> requiredFields,
        Map<String, StepRules> steps, Map<String, Double> globalMin, Map<String, Double> globalMax,
        String sourceName) {

    /** Limits for one step type or workload. */
    public record StepRules(List<String> requiredParameters, Map<String, Double> min, Map<String, Double> max) {
        public StepRules {
            requiredParameters = List.copyOf(requiredParameters);
            min = Map.copyOf(min);
            max = Map.copyOf(max);
        }
    }

    /** A rules file read: the rules (never null) and problems found in the file. */
    public record Loaded(ValidationRules rules, List<Diagnostic> diagnostics) {
        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    private static final String DEFAULTS_RESOURCE = "/vst/config/validation/default_rules.yaml";
    private static volatile ValidationRules defaults;

    public ValidationRules {
        requiredFields = requiredFields == null ? List.of() : List.copyOf(requiredFields);
        steps = steps == null ? Map.of() : Map.copyOf(steps);
        globalMin = globalMin == null ? Map.of() : Map.copyOf(globalMin);
        globalMax = globalMax == null ? Map.of() : Map.copyOf(globalMax);
    }

    /** No limits at all. */
    public static ValidationRules none() {
        return new ValidationRules(null, null, List.of(), Map.of(), Map.of(), Map.of(), "<none>");
    }

    /** The shipped rules (config/validation/default_rules.yaml on the classpath). */
    public static ValidationRules defaults() {
        ValidationRules d = defaults;
        if (d == null) {
            try (InputStream in = ValidationRules.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + DEFAULTS_RESOURCE);
                }
                Loaded loaded = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "default_rules.yaml");
                if (loaded.hasErrors()) {
                    throw new IllegalStateException("shipped rules are invalid: " + loaded.diagnostics());
                }
                d = loaded.rules();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            defaults = d;
        }
        return d;
    }

    /** Reads a rules file; an unreadable file is an error diagnostic. */
    public static Loaded read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            return new Loaded(none(), List.of(Diagnostic.error(SourceSpan.at(file.toString(), 0, 0),
                    "Cannot read rules file: " + (e instanceof java.nio.file.NoSuchFileException ? "no such file"
                            : e.getMessage()), "check the path given with --rules")));
        }
    }

    /** Parses rules text in the {@code validation_rules} format. */
    public static Loaded parse(String text, String sourceName) {
        List<Diagnostic> diags = new ArrayList<>();
        YamlNode root = YamlTreeReader.read(text, sourceName, diags);
        if (root == null) {
            return new Loaded(none(), diags);
        }
        YamlNode.Mapping top = root instanceof YamlNode.Mapping m ? m : null;
        if (top == null || !(top.get("validation_rules") instanceof YamlNode.Mapping rules)) {
            diags.add(Diagnostic.error(root.span(), "A rules file must have a 'validation_rules' mapping", null));
            return new Loaded(none(), diags);
        }
        return new RulesParser(sourceName, diags).parse(rules);
    }

    /** The rules for a step type or workload name, or {@code null}. */
    public StepRules stepRules(String typeOrWorkload) {
        return steps.get(typeOrWorkload);
    }
}
