package io.vst.scenario.validate;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.GlobalConfig;
import io.vst.scenario.LoopStep;
import io.vst.scenario.Parameters;
import io.vst.scenario.SourceSpan;
import io.vst.scenario.StepType;
import io.vst.scenario.Values;
import io.vst.scenario.schema.BuiltinSchema;
import io.vst.scenario.schema.LiveEffect;
import io.vst.scenario.schema.ParamSpec;
import io.vst.scenario.schema.StepTypeSpec;
import io.vst.scenario.schema.WorkloadSpec;
import io.vst.scenario.schema.WorkloadTraits;
import io.vst.scenario.yaml.ScenarioReader;
import io.vst.scenario.yaml.YamlNode;
import io.vst.scenario.yaml.YamlTreeReader;
import io.vst.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks specific to each step type, run by {@link StepWalker} in execution order; the steps that hold
 * steps (conditional, parallel, loop) are walked by {@link NestedSteps}.
 */
final class StepChecks {

    private static final List<String> COUNTS = List.of("target_vectors", "update_vectors", "max_vectors");
    private static final List<String> RATIOS = List.of("ingest_ratio", "query_ratio", "update_ratio", "delete_ratio");

    private final StepWalker w;
    private final NestedSteps nested;
    double totalSeconds;

    StepChecks(StepWalker walker) {
        this.w = walker;
        this.nested = new NestedSteps(walker);
    }

    /** Checks one step of a known type; returns the explicit seconds it takes. */
    double check(YamlNode.Mapping m, StepType type, String name, String label, SourceSpan at) {
        YamlNode.Entry paramsEntry = m.entry("parameters");
        YamlNode.Mapping params = paramsEntry != null && paramsEntry.value() instanceof YamlNode.Mapping pm ? pm
                : new YamlNode.Mapping(Map.of(), at);
        SourceSpan paramsAt = paramsEntry != null ? paramsEntry.keySpan() : at;
        Double duration = number(m.get("duration_seconds"));
        Double timeout = number(m.get("timeout_seconds"));
        if (duration != null && timeout != null && timeout < duration) {
            w.out.add(Diagnostic.warning(m.get("timeout_seconds").span(), "timeout_seconds " + Units.plain(timeout)
                    + " is shorter than duration_seconds " + Units.plain(duration) + ": the step will time out",
                    null));
        }
        StepTypeSpec spec = w.registry.stepType(type);
        if (type != StepType.WORKLOAD) {
            w.keys.check(params, spec.parameters(), type.yamlName() + " step " + label, k -> false, w.loopDepth > 0,
                    "parameter", paramsAt);
            applyRules(m, params, paramsAt, spec.parameters(), type.yamlName());
            warnWithoutEffect(params, BuiltinSchema.parametersWithoutEffect(type.yamlName()), w.out);
        }
        return switch (type) {
            case WORKLOAD -> workload(m, params, paramsAt, name, label, at, duration);
            case CHECKPOINT -> {
                checkpoint(m, params, name, label);
                yield 0;
            }
            case WAIT -> waitStep(params, paramsAt, label, duration);
            case CLEANUP -> {
                w.flow.follow(LiveEffect.cleanup(ScenarioReader.str(params.get("cleanup_type"))), name);
                yield 0;
            }
            case CONDITIONAL -> nested.conditional(m, name, label, at);
            case PARALLEL -> nested.parallel(m, name, label, at);
            case LOOP -> nested.loop(m, name, label, at);
        };
    }

    private double workload(YamlNode.Mapping m, YamlNode.Mapping params, SourceSpan paramsAt, String name,
            String label, SourceSpan at, Double duration) {
        double seconds = duration == null ? 0 : duration;
        YamlNode node = m.get("workload");
        String workload = ScenarioReader.str(node);
        if (node == null || workload == null) {
            w.out.add(Diagnostic.error(node == null ? at : node.span(), "Missing required key 'workload' in step "
                    + label, "one of: " + String.join(", ", workloadNames())));
            w.flow.unknown(name);
            return seconds;
        }
        SourceSpan requiredAt = m.entry("parameters") != null ? paramsAt : m.entry("workload").keySpan();
        WorkloadSpec spec = w.registry.workload(workload).orElse(null);
        if (spec == null) {
            if (StepWalker.CLASS_NAME.matcher(workload).matches()) {
                w.out.add(Diagnostic.warning(node.span(), "Unknown workload '" + workload
                        + "' will be looked up among plugins at run time",
                        "a plugin workload is found by its registered name or fully-qualified class name"));
            } else {
                w.out.add(Diagnostic.error(node.span(), "Invalid workload type '" + workload + "'"
                        + Suggestions.didYouMean(workload, workloadNames()),
                        "built-in workloads: " + String.join(", ", workloadNames())
                                + "; name a plugin workload by its fully-qualified class name"));
            }
            w.flow.unknown(name);
            return seconds;
        }
        w.keys.check(params, spec.parameters(), "workload '" + workload + "'", GlobalConfig::isKey,
                w.loopDepth > 0, "parameter", requiredAt);
        applyRules(m, params, requiredAt, spec.parameters(), "workload", workload);
        warnWithoutEffect(params, BuiltinSchema.parametersWithoutEffect(workload), w.out);
        warnWithoutEffect(params, BuiltinSchema.configKeysWithoutEffect(), w.out);
        WorkloadTraits traits = spec.traits();
        Parameters p = ScenarioReader.parameters(m.get("parameters"));
        SourceSpan workloadAt = m.entry("workload").keySpan();
        if (traits.needsDataset(p) && w.scenarioDataset == null && m.get("dataset") == null
                && params.get("dataset") == null) {
            w.out.add(Diagnostic.error(workloadAt, "No dataset for step " + label,
                    "set 'dataset:' at the top of the scenario or on the step, e.g. dataset: synthetic-128"));
        }
        checkCounts(params);
        checkStartIndex(params);
        LiveEffect effect = traits.liveEffect(p);
        String title = Character.toUpperCase(workload.charAt(0)) + workload.substring(1);
        YamlNode target = params.get("target_vectors");
        w.flow.check(name, effect, title, target != null ? "target_vectors" : "target",
                target != null ? target.span() : workloadAt, w.loopIterations, w.loopName, w.out);
        if (traits.needsSearch(p) && effect.kind() == LiveEffect.Kind.NONE) {
            w.flow.query(name, workloadAt, w.out);
        }
        checkFilter(m, params);
        checkUpdateCount(params);
        if (spec.parameter(RATIOS.get(0)).isPresent()) {
            ratios(params, label);
        }
        if (traits.endless(p) && m.get("duration_seconds") == null && m.get("max_operations") == null) {
            w.out.add(Diagnostic.error(workloadAt, title + " step " + label
                    + " needs duration_seconds or max_operations to know when to stop", null));
        }
        w.flow.follow(effect, name);
        return seconds;
    }

    /** A filter can only match attribute fields the index declares. */
    private void checkFilter(YamlNode.Mapping m, YamlNode.Mapping params) {
        if (params.get("filter") == null) {
            return;
        }
        boolean stepFields = m.get("index") instanceof YamlNode.Mapping im
                && im.get("fields") instanceof YamlNode.Sequence f && !f.items().isEmpty();
        if (!stepFields && !w.scenarioIndexHasFields) {
            w.out.add(Diagnostic.warning(params.get("filter").span(), "This filter cannot match: the index declares "
                    + "no attribute fields", "add fields to the index block, e.g. fields: [{name: category, type: tag}]"));
        }
    }

    private List<String> workloadNames() {
        return w.registry.workloads().stream().map(WorkloadSpec::name).toList();
    }

    /** Each live vector is updated at most once, so a count above the live count cannot be reached. */
    private void checkUpdateCount(YamlNode.Mapping params) {
        Long n = params.get("update_vectors") instanceof YamlNode.Scalar s ? Values.toLong(s.value()) : null;
        if (n != null && w.flow.live >= 0 && n > w.flow.live) {
            w.out.add(Diagnostic.warning(params.get("update_vectors").span(), "update_vectors " + n
                    + " is more than the " + w.flow.live + " vectors live; each is updated at most once", null));
        }
    }

    /** The operation ratios of a workload that takes them: not all 0, and adding up to 1. */
    private void ratios(YamlNode.Mapping params, String label) {
        double sum = 0;
        YamlNode.Entry firstRatio = null;
        for (String r : RATIOS) {
            YamlNode.Entry e = params.entry(r);
            Double v = e == null ? null : number(e.value());
            if (v != null) {
                sum += v;
                firstRatio = firstRatio == null ? e : firstRatio;
            }
        }
        if (firstRatio != null && sum == 0) {
            w.out.add(Diagnostic.error(firstRatio.keySpan(), "All operation ratios of mixed step " + label + " are 0",
                    "give at least one of " + String.join(", ", RATIOS) + " a value above 0"));
        } else if (firstRatio != null && Math.abs(sum - 1.0) > 1e-6) {
            w.out.add(Diagnostic.warning(firstRatio.keySpan(), "The ratios of mixed step " + label + " add up to "
                    + Units.plain(Math.round(sum * 1e6) / 1e6) + ", not 1; they are used as relative weights", null));
        }
    }

    /** The earlier checkpoint names and tags, sorted, the first 20 of them. */
    private String earlierCheckpoints() {
        List<String> all = new ArrayList<>(new java.util.TreeSet<>(w.checkpoints.keySet()));
        return String.join(", ", all.size() > 20 ? all.subList(0, 20) : all) + (all.size() > 20 ? ", ..." : "");
    }

    /** Most loop iterations whose expanded checkpoint names ({@code snap_1} for {@code snap_${loop_index}}) count. */
    private static final int MAX_EXPANDED_NAMES = 10_000;

    /** Registers a checkpoint name or tag for later compare_with, with its loop-expanded forms inside a loop. */
    private void register(String nameOrTag, int line) {
        w.checkpoints.putIfAbsent(nameOrTag, line);
        if (w.loopDepth > 0 && nameOrTag.contains(LoopStep.LOOP_INDEX)) {
            for (int i = 0; i < Math.min(w.loopIterations, MAX_EXPANDED_NAMES); i++) {
                w.checkpoints.putIfAbsent(nameOrTag.replace(LoopStep.LOOP_INDEX, Integer.toString(i)), line);
            }
        }
    }

    private void checkpoint(YamlNode.Mapping m, YamlNode.Mapping params, String name, String label) {
        YamlNode compare = params.get("compare_with");
        String target = ScenarioReader.str(compare);
        String tag = ScenarioReader.str(params.get("tag"));
        if (target != null && !(w.loopDepth > 0 && target.contains(LoopStep.LOOP_INDEX))) {
            if (target.equals(name) || target.equals(tag)) {
                w.out.add(Diagnostic.error(compare.span(), "Checkpoint " + label + " compares with itself",
                        "name an earlier checkpoint"));
            } else if (!w.checkpoints.containsKey(target)) {
                Integer later = w.allCheckpoints.get(target);
                if (later != null) {
                    w.out.add(Diagnostic.error(compare.span(), "compare_with '" + target
                            + "' names a checkpoint that comes later (line " + later + ")",
                            "compare_with can only name a checkpoint that runs before this one"));
                } else {
                    w.out.add(Diagnostic.error(compare.span(), "compare_with '" + target
                            + "' does not name an earlier checkpoint" + Suggestions.didYouMean(target,
                                    w.checkpoints.keySet()), w.checkpoints.isEmpty() ? "there is no earlier checkpoint"
                                    : "earlier checkpoints: " + earlierCheckpoints()));
                }
            }
        }
        register(name, m.span().line());
        if (tag != null) {
            register(tag, m.span().line());
        }
        if (m.entry("interval_seconds") != null && w.parallelDepth == 0) {
            w.out.add(Diagnostic.warning(m.entry("interval_seconds").keySpan(), "interval_seconds only repeats a "
                    + "checkpoint inside a parallel step; here it runs once", null));
        }
        if (Boolean.TRUE.equals(YamlTreeReader.plain(params.get("check_available_memory")))
                && params.get("min_available_mb") == null) {
            w.out.add(Diagnostic.warning(params.entry("check_available_memory").keySpan(),
                    "check_available_memory needs min_available_mb to check against", null));
        }
        if (params.get("action_on_threshold") != null && params.get("memory_threshold_mb") == null) {
            w.out.add(Diagnostic.warning(params.entry("action_on_threshold").keySpan(),
                    "action_on_threshold has no effect without memory_threshold_mb", null));
        }
    }

    private double waitStep(YamlNode.Mapping params, SourceSpan paramsAt, String label, Double stepDuration) {
        Double d = number(params.get("duration_seconds"));
        d = d == null ? stepDuration : d;
        boolean stable = Boolean.TRUE.equals(YamlTreeReader.plain(params.get("wait_for_memory_stable")));
        if (d == null && !stable) {
            w.out.add(Diagnostic.error(paramsAt, "Wait step " + label
                    + " needs duration_seconds or wait_for_memory_stable: true", "e.g. parameters: {duration_seconds: 60}"));
        }
        if (stable) {
            Double window = number(params.get("memory_stability_window"));
            Double max = number(params.get("max_wait_seconds"));
            double win = window == null ? 30 : window;
            double mx = max == null ? 300 : max;
            if (win > mx) {
                w.out.add(Diagnostic.warning(params.get("memory_stability_window") == null ? paramsAt
                        : params.get("memory_stability_window").span(), "memory_stability_window " + Units.plain(win)
                        + " is longer than max_wait_seconds " + Units.plain(mx) + ": the wait always gives up", null));
            }
        }
        return d == null ? 0 : d;
    }

    /** Applies the rules file's limits for the given step type / workload names. */
    private void applyRules(YamlNode.Mapping m, YamlNode.Mapping params, SourceSpan requiredAt, List<ParamSpec> specs,
            String... ruleKeys) {
        for (String key : ruleKeys) {
            ValidationRules.StepRules r = w.rules.stepRules(key);
            if (r == null) {
                continue;
            }
            for (String p : r.requiredParameters()) {
                boolean declared = specs.stream().anyMatch(s -> s.key().equals(p));
                boolean alreadyRequired = specs.stream().anyMatch(s -> s.key().equals(p) && s.required());
                // a rule for all workload steps only binds workloads that take the parameter at all
                if (declared && !alreadyRequired && params.get(p) == null) {
                    w.out.add(Diagnostic.error(requiredAt, "Missing required parameter '" + p + "' (required by "
                            + w.rules.sourceName() + ")", null));
                }
            }
            bounds(m, params, r.max(), true);
            bounds(m, params, r.min(), false);
        }
    }

    private void bounds(YamlNode.Mapping m, YamlNode.Mapping params, Map<String, Double> limits, boolean max) {
        for (Map.Entry<String, Double> limit : limits.entrySet()) {
            YamlNode node = params.get(limit.getKey()) != null ? params.get(limit.getKey()) : m.get(limit.getKey());
            Double v = number(node);
            if (v != null && (max ? v > limit.getValue() : v < limit.getValue())) {
                w.out.add(Diagnostic.error(node.span(), "'" + limit.getKey() + "' " + Units.plain(v) + " is "
                        + (max ? "above" : "below") + " the limit of " + Units.plain(limit.getValue()),
                        "rules: " + w.rules.sourceName()));
            }
        }
    }

    /** A prefix that covers keys vst did not write (empty, or with glob characters) is an error. */
    static void checkPrefix(YamlNode.Mapping index, List<Diagnostic> out) {
        YamlNode node = index.get("prefix");
        String prefix = ScenarioReader.str(node);
        if (node == null || prefix == null) {
            return;
        }
        String problem = SafetyLimits.prefixProblem(prefix);
        if (problem != null) {
            out.add(Diagnostic.error(node.span(), "index.prefix \"" + prefix + "\" " + problem,
                    SafetyLimits.prefixHint()));
        }
    }

    /**
     * An ingest whose ids would pass the highest one the live set can track (start_index + target_vectors above
     * {@link SafetyLimits#MAX_VECTORS}) can never run: it would fail at its first write.
     */
    private void checkStartIndex(YamlNode.Mapping params) {
        Double start = number(params.get("start_index"));
        Double target = number(params.get("target_vectors"));
        if (start == null || target == null || start + target <= SafetyLimits.MAX_VECTORS) {
            return;
        }
        w.out.add(Diagnostic.error(params.get("start_index").span(), "'start_index' " + Units.plain(start)
                + " with target_vectors " + Units.plain(target) + " takes ids past the highest vst can track, "
                + String.format(java.util.Locale.ROOT, "%,d", SafetyLimits.MAX_VECTORS - 1),
                String.format(java.util.Locale.ROOT, "lower start_index (ids count from the dataset's first row)"
                        + " or target_vectors, so that their sum stays at or below %,d", SafetyLimits.MAX_VECTORS)));
    }

    /** A vector count above what the live set can address can never be produced. */
    private void checkCounts(YamlNode.Mapping params) {
        for (String key : COUNTS) {
            Double v = number(params.get(key));
            if (v != null && v > SafetyLimits.MAX_VECTORS) {
                w.out.add(Diagnostic.error(params.get(key).span(), "'" + key + "' " + Units.plain(v)
                        + " is above the " + String.format(java.util.Locale.ROOT, "%,d", SafetyLimits.MAX_VECTORS)
                        + " vectors vst can address (dataset rows plus their expansions, one 31-bit id each)",
                        "lower " + key + "; to try a large scenario small, use --vector-scale, e.g. 0.001"));
            }
        }
    }

    /**
     * Warns at each key of {@code block} that vst accepts but cannot honour with the value given
     * ({@link BuiltinSchema#configKeysWithoutEffect()} and friends), saying why.
     */
    static void warnWithoutEffect(YamlNode.Mapping block, List<BuiltinSchema.NoEffect> keys, List<Diagnostic> out) {
        for (BuiltinSchema.NoEffect k : keys) {
            YamlNode.Entry e = block.entry(k.key());
            if (e == null) {
                continue;
            }
            Object value = YamlTreeReader.plain(e.value());
            if (k.value() == null || k.value().equals(value)) {
                out.add(Diagnostic.warning(e.keySpan(), "'" + k.key() + "'" + (k.value() == null ? "" : ": "
                        + k.value()) + " has no effect", k.why()));
            }
        }
    }

    static Double number(YamlNode n) {
        return n instanceof YamlNode.Scalar s && s.value() instanceof Number num ? num.doubleValue() : null;
    }
}
