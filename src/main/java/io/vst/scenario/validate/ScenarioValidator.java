package io.vst.scenario.validate;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.Severity;
import io.vst.scenario.SourceSpan;
import io.vst.scenario.Values;
import io.vst.scenario.schema.BuiltinSchema;
import io.vst.scenario.schema.ParamSpec;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.yaml.ParseResult;
import io.vst.scenario.yaml.ScenarioReader;
import io.vst.scenario.yaml.YamlNode;
import io.vst.scenario.yaml.YamlTreeReader;
import io.vst.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a read scenario against the {@link SchemaRegistry} and the {@link ValidationRules}, and returns
 * diagnostics pointing at exact lines and columns. Never throws for anything in the scenario.
 *
 * <pre>
 * ParseResult read = ScenarioReader.read(Path.of("my.yaml"));
 * List&lt;Diagnostic&gt; found = new ScenarioValidator(SchemaRegistry.builtin(), ValidationOptions.defaults())
 *         .validate(read);
 * found.forEach(d -&gt; System.err.println(d.format()));
 * </pre>
 *
 * The diagnostics returned are the validator's own; the reader's are in the {@link ParseResult}.
 * Under {@link ValidationOptions#strict()} every warning is returned as an error.
 */
public final class ScenarioValidator {

    /** A run plan holds every step of every loop iteration; beyond this it would not fit comfortably in memory. */
    public static final int MAX_PLANNED_STEPS = 100_000;
    /** Longest scenario name: it becomes part of the run directory's name, which the file system limits. */
    public static final int MAX_NAME_CHARS = 100;

    private final SchemaRegistry registry;
    private final ValidationOptions options;

    public ScenarioValidator(SchemaRegistry registry, ValidationOptions options) {
        this.registry = registry == null ? SchemaRegistry.builtin() : registry;
        this.options = options == null ? ValidationOptions.defaults() : options;
    }

    /**
     * Checks the datasets a read scenario names, and each index's dimensions against its dataset, through
     * {@code probe}; {@code override} (e.g. the run's {@code --dataset}) replaces every reference when not null.
     */
    public static List<Diagnostic> checkDatasets(ParseResult parsed, DatasetProbe probe, String override) {
        return parsed.tree() instanceof YamlNode.Mapping root ? DatasetReferences.check(root, probe, override)
                : List.of();
    }

    public List<Diagnostic> validate(ParseResult parsed) {
        YamlNode tree = parsed.tree();
        if (tree == null && parsed.scenario() != null && parsed.scenario().sourceText() != null) {
            // built without a tree (e.g. by hand from a record): re-read the text it came from
            tree = ScenarioReader.read(parsed.scenario().sourceText(), parsed.scenario().sourceName()).tree();
        }
        if (!(tree instanceof YamlNode.Mapping root)) {
            return List.of(); // the reader already said why there is nothing to validate
        }
        List<Diagnostic> out = new ArrayList<>();
        checkTop(root, out);
        List<Diagnostic> result = new ArrayList<>(out.size());
        for (Diagnostic d : out) {
            result.add(options.strict() && d.severity() == Severity.WARNING ? d.withSeverity(Severity.ERROR) : d);
        }
        return result;
    }

    private void checkTop(YamlNode.Mapping root, List<Diagnostic> out) {
        KeyChecker keys = new KeyChecker(out);
        SourceSpan top = root.entries().isEmpty() ? root.span()
                : root.entries().values().iterator().next().keySpan();
        keys.check(root, registry.scenarioKeys(), "the scenario", k -> false, false, "key", top);
        String name = ScenarioReader.str(root.get("name"));
        if (name != null && name.length() > MAX_NAME_CHARS) {
            out.add(Diagnostic.error(root.get("name").span(), "The scenario name has " + name.length()
                    + " characters; the limit is " + MAX_NAME_CHARS, "use a short name (it names the run directory) "
                    + "and put the rest in 'description'"));
        }
        ValidationRules rules = options.rules();
        for (String field : rules.requiredFields()) {
            boolean reported = registry.scenarioKeys().stream().anyMatch(p -> p.key().equals(field) && p.required());
            if (!reported && !root.entries().containsKey(field)) {
                out.add(Diagnostic.error(top, "Missing required field '" + field + "' (required by "
                        + rules.sourceName() + ")", null));
            }
        }
        if (root.get("global_config") instanceof YamlNode.Mapping gc) {
            checkGlobalConfig(gc, "global_config", keys, out);
        }
        if (root.get("index") instanceof YamlNode.Mapping index) {
            checkIndex(index, keys, out);
        }
        String dataset = ScenarioReader.str(root.get("dataset"));
        StepWalker walker = new StepWalker(registry, rules, keys, out, dataset, this);
        walker.scenarioIndexHasFields = root.get("index") instanceof YamlNode.Mapping im
                && im.get("fields") instanceof YamlNode.Sequence f && !f.items().isEmpty();
        if (root.get("index") instanceof YamlNode.Mapping index
                && Boolean.FALSE.equals(YamlTreeReader.plain(index.get("recreate_index")))) {
            walker.flow = new VectorFlow(-1, null); // an existing index may already hold vectors
        }
        YamlNode.Entry stepsEntry = root.entry("steps");
        if (stepsEntry != null) {
            if (stepsEntry.value() instanceof YamlNode.Sequence seq && seq.items().isEmpty()
                    || stepsEntry.value() instanceof YamlNode.Scalar s && s.value() == null) {
                out.add(Diagnostic.error(stepsEntry.keySpan(), "The scenario has no steps",
                        "add at least one step under 'steps:'"));
            } else if (stepsEntry.value() instanceof YamlNode.Sequence seq) {
                walker.walkTopLevel(seq);
            }
        }
        checkDurations(root, walker, rules, out);
    }

    private void checkDurations(YamlNode.Mapping root, StepWalker walker, ValidationRules rules, List<Diagnostic> out) {
        YamlNode.Entry timeout = root.entry("timeout_seconds");
        Double timeoutSeconds = timeout == null ? null : Values.toDouble(YamlTreeReader.plain(timeout.value()));
        double explicit = walker.explicitSeconds();
        if (timeoutSeconds != null && timeoutSeconds >= 0 && explicit > timeoutSeconds) {
            out.add(Diagnostic.warning(timeout.value().span(), "timeout_seconds " + Units.plain(timeoutSeconds)
                    + " is shorter than the " + Units.plain(explicit) + " s the steps' durations add up to",
                    "the run will be stopped before its last steps"));
        }
        if (walker.expandedCount > MAX_PLANNED_STEPS) {
            out.add(Diagnostic.error(root.entry("steps").keySpan(), "With its loops expanded the scenario has "
                    + String.format(java.util.Locale.ROOT, "%,.0f", walker.expandedCount) + " steps; at most "
                    + String.format(java.util.Locale.ROOT, "%,d", MAX_PLANNED_STEPS) + " can be planned",
                    "lower the loops' iterations, or make each iteration do more (e.g. a longer duration_seconds)"));
        }
        if (rules.maxSteps() != null && walker.stepCount() > rules.maxSteps()) {
            out.add(Diagnostic.error(root.entry("steps").keySpan(), "The scenario has " + walker.stepCount()
                    + " steps; the rules allow at most " + rules.maxSteps(), "rules: " + rules.sourceName()));
        }
        if (rules.maxDurationHours() != null) {
            double limit = rules.maxDurationHours() * 3600;
            if (timeoutSeconds != null && timeoutSeconds > limit) {
                out.add(Diagnostic.error(timeout.value().span(), "timeout_seconds " + Units.plain(timeoutSeconds)
                        + " is above the " + Units.plain(rules.maxDurationHours()) + " h the rules allow",
                        "rules: " + rules.sourceName()));
            } else if (explicit > limit) {
                SourceSpan at = root.entry("steps") == null ? root.span() : root.entry("steps").keySpan();
                out.add(Diagnostic.error(at, "The steps' durations add up to "
                        + String.format(java.util.Locale.ROOT, "%.1f", explicit / 3600.0) + " h; the rules allow at most " + Units.plain(rules.maxDurationHours()) + " h",
                        "rules: " + rules.sourceName()));
            }
        }
    }

    /** Checks a global_config or step config block. */
    void checkGlobalConfig(YamlNode.Mapping gc, String what, KeyChecker keys, List<Diagnostic> out) {
        keys.check(gc, registry.globalConfigKeys(), what, k -> false, false, "key", gc.span());
        StepChecks.warnWithoutEffect(gc, BuiltinSchema.configKeysWithoutEffect(), out);
        ValidationRules rules = options.rules();
        for (YamlNode.Entry e : gc.entries().values()) {
            Double v = e.value() instanceof YamlNode.Scalar s && s.value() instanceof Number n ? n.doubleValue() : null;
            ParamSpec spec = registry.globalConfigKey(e.key()).orElse(null);
            if (v == null || spec == null || (spec.min() != null && v < spec.min())
                    || (spec.max() != null && v > spec.max())) {
                continue; // not a number or already out of the language's own range: reported once
            }
            Double max = rules.globalMax().get(e.key());
            Double min = rules.globalMin().get(e.key());
            if (max != null && v > max) {
                out.add(Diagnostic.error(e.value().span(), "'" + e.key() + "' " + Units.plain(v)
                        + " is above the limit of " + Units.plain(max), "rules: " + rules.sourceName()));
            }
            if (min != null && v < min) {
                out.add(Diagnostic.error(e.value().span(), "'" + e.key() + "' " + Units.plain(v)
                        + " is below the limit of " + Units.plain(min), "rules: " + rules.sourceName()));
            }
        }
        Map<String, Object> plain = ScenarioReader.plainMap(gc);
        Long batch = Values.toLong(plain.get("batch_size"));
        Long maxBatch = Values.toLong(plain.get("max_batch_size"));
        if (batch != null && maxBatch != null && batch > maxBatch) {
            out.add(Diagnostic.warning(gc.entry("batch_size").value().span(), "batch_size " + batch
                    + " is above max_batch_size " + maxBatch, "batches are capped at max_batch_size"));
        }
        Long threads = Values.toLong(plain.get("n_threads"));
        Long perThread = Values.toLong(plain.get("n_clients_per_thread"));
        Long clients = Values.toLong(plain.get("n_clients"));
        if (threads != null && perThread != null && clients != null && threads * perThread != clients) {
            out.add(Diagnostic.warning(gc.entry("n_clients_per_thread").keySpan(), "n_clients_per_thread "
                    + perThread + " x n_threads " + threads + " is not n_clients " + clients,
                    "n_clients_per_thread wins: the run uses " + threads * perThread + " clients"));
        }
    }

    /** Checks an index block against valkey-search's limits. */
    void checkIndex(YamlNode.Mapping index, KeyChecker keys, List<Diagnostic> out) {
        keys.check(index, registry.indexKeys(), "index", k -> false, false, "key", index.span());
        StepChecks.checkPrefix(index, out);
        String algorithm = ScenarioReader.str(index.get("algorithm"));
        boolean flat = "flat".equalsIgnoreCase(algorithm);
        for (String hnswOnly : List.of("m", "ef_construction", "ef_runtime", "initial_cap")) {
            if (flat && index.entry(hnswOnly) != null) {
                out.add(Diagnostic.warning(index.entry(hnswOnly).keySpan(), "'" + hnswOnly
                        + "' has no effect on a FLAT index", "remove it or use algorithm: hnsw"));
            }
        }
        if (!flat && index.entry("block_size") != null) {
            out.add(Diagnostic.warning(index.entry("block_size").keySpan(), "'block_size' only applies to FLAT indexes",
                    "valkey-search sizes HNSW blocks with its hnsw-block-size setting"));
        }
        if (index.get("fields") instanceof YamlNode.Sequence fields) {
            if (fields.items().size() > 999) {
                out.add(Diagnostic.error(fields.span(), "An index can have at most 1000 attributes; the vector "
                        + "field and " + fields.items().size() + " fields are too many", null));
            }
            java.util.Map<String, Integer> seen = new java.util.HashMap<>();
            for (YamlNode f : fields.items()) {
                if (!(f instanceof YamlNode.Mapping fm)) {
                    out.add(Diagnostic.error(f.span(), "Each index field must be a mapping {name, type, source}", null));
                    continue;
                }
                keys.check(fm, registry.indexFieldKeys(), "index field", k -> false, false, "key", fm.span());
                String name = ScenarioReader.str(fm.get("name"));
                if (name != null) {
                    Integer first = seen.putIfAbsent(name, fm.span().line());
                    if (first != null || name.equals("vector")) {
                        out.add(Diagnostic.error(fm.get("name").span(), "Duplicate index field '" + name + "'"
                                + (first == null ? " (the vector field is called 'vector')" : " (first at line " + first + ")"),
                                null));
                    }
                }
            }
        }
    }
}
