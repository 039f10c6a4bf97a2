package io.vst.scenario.validate;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.LoopStep;
import io.vst.scenario.SourceSpan;
import io.vst.scenario.StepType;
import io.vst.scenario.Values;
import io.vst.scenario.schema.ParamSpec;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.schema.StepTypeSpec;
import io.vst.scenario.yaml.ScenarioReader;
import io.vst.scenario.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Walks the steps of a scenario tree in execution order, checking each step's keys and parameters and
 * what only the order reveals: duplicate names, {@code compare_with} targets, live-vector counts,
 * {@code ${loop_index}} outside loops. Type-specific checks live in {@link StepChecks}.
 */
final class StepWalker {

    /** A fully-qualified Java class name: at least one dot, identifier segments. */
    static final Pattern CLASS_NAME = Pattern.compile("[a-zA-Z_$][\\w$]*(\\.[a-zA-Z_$][\\w$]*)+");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}\\n]{0,64}}");
    private static final List<String> NESTED_STEPS = List.of("steps", "if_true", "if_false");

    final SchemaRegistry registry;
    final ValidationRules rules;
    final KeyChecker keys;
    final List<Diagnostic> out;
    final String scenarioDataset;
    final ScenarioValidator blocks;

    private final Map<String, Integer> names = new HashMap<>();
    /** Names and tags of checkpoints seen so far, with their line. */
    final Map<String, Integer> checkpoints = new HashMap<>();
    /** Names and tags of all checkpoints in the file, to tell "later" from "unknown". */
    final Map<String, Integer> allCheckpoints = new HashMap<>();
    VectorFlow flow = new VectorFlow(0, null);
    /** Whether the scenario-level index declares attribute fields (filtered queries need them). */
    boolean scenarioIndexHasFields;
    int loopDepth;
    int parallelDepth;
    int loopIterations = 1;
    String loopName;
    private int stepCount;
    /** Steps once loops are expanded (product of the enclosing loops' iterations per step). */
    double expandedCount;
    double multiplier = 1;
    private boolean anyStepBefore;
    private final StepChecks checks = new StepChecks(this);

    StepWalker(SchemaRegistry registry, ValidationRules rules, KeyChecker keys, List<Diagnostic> out,
            String scenarioDataset, ScenarioValidator blocks) {
        this.registry = registry;
        this.rules = rules;
        this.keys = keys;
        this.out = out;
        this.scenarioDataset = scenarioDataset;
        this.blocks = blocks;
    }

    int stepCount() {
        return stepCount;
    }

    /** Seconds the steps' explicit durations (workload duration_seconds, waits) add up to, loops expanded. */
    double explicitSeconds() {
        return checks.totalSeconds;
    }

    void walkTopLevel(YamlNode.Sequence steps) {
        collectCheckpoints(steps);
        checks.totalSeconds = walk(steps);
    }

    /** Walks a list of steps in order; returns the explicit seconds they take. */
    double walk(YamlNode.Sequence steps) {
        return walkItems(steps.items());
    }

    /** Walks steps in order; returns the explicit seconds they take. */
    double walkItems(List<YamlNode> items) {
        double seconds = 0;
        for (YamlNode item : items) {
            if (!(item instanceof YamlNode.Mapping m)) {
                out.add(Diagnostic.error(item.span(), "Each step must be a mapping with at least 'name' and 'type', not "
                        + item.kind(), "start each step with '- name: ...' and indent its keys under the name"));
                continue;
            }
            seconds += step(m);
        }
        return seconds;
    }

    private double step(YamlNode.Mapping m) {
        stepCount++;
        expandedCount += multiplier;
        SourceSpan at = m.entries().isEmpty() ? m.span() : m.entries().values().iterator().next().keySpan();
        String name = ScenarioReader.str(m.get("name"));
        String label = name == null ? "at line " + at.line() : "'" + name + "'";
        checkName(m, name, at);
        StepType type = checkType(m, label, at);
        if (type == null) {
            return 0;
        }
        StepTypeSpec spec = registry.stepType(type);
        List<ParamSpec> stepKeys = spec.stepKeys().stream()
                .filter(p -> !p.key().equals("type") && !p.key().equals("workload")).toList();
        keys.check(m, stepKeys, "step " + label, k -> k.equals("type") || k.equals("workload"), loopDepth > 0,
                "key", at);
        if (m.get("config") instanceof YamlNode.Mapping config) {
            blocks.checkGlobalConfig(config, "config of step " + label, keys, out);
        }
        if (m.get("index") instanceof YamlNode.Mapping index) {
            blocks.checkIndex(index, keys, out);
        }
        checkErrorHandling(m);
        if (loopDepth == 0) {
            checkLoopIndexOutsideLoop(m);
        }
        checkPlaceholders(m);
        anyStepBefore = true;
        return checks.check(m, type, name == null ? "step@" + at.line() : name, label, at);
    }

    private void checkName(YamlNode.Mapping m, String name, SourceSpan at) {
        if (name == null) {
            return; // KeyChecker reports the missing name
        }
        if (name.isBlank()) {
            out.add(Diagnostic.error(m.get("name").span(), "Step name is empty", null));
            return;
        }
        Integer first = names.putIfAbsent(name, at.line());
        if (first != null) {
            out.add(Diagnostic.error(m.get("name").span(), "Duplicate step name '" + name + "' (first used at line "
                    + first + ")", "step names identify steps in results and in --step; make them unique"));
        }
    }

    private StepType checkType(YamlNode.Mapping m, String label, SourceSpan at) {
        YamlNode typeNode = m.get("type");
        if (typeNode == null) {
            boolean looksLikeWorkload = m.get("workload") != null;
            out.add(Diagnostic.error(at, "Missing required key 'type' in step " + label,
                    looksLikeWorkload ? "add 'type: workload'" : "one of: " + stepTypeNames()));
            return looksLikeWorkload ? StepType.WORKLOAD : null;
        }
        String word = ScenarioReader.str(typeNode);
        StepType type = word == null ? null : StepType.fromYaml(word.toLowerCase(Locale.ROOT));
        if (type == null) {
            List<String> candidates = new ArrayList<>();
            for (StepType t : StepType.values()) {
                candidates.add(t.yamlName());
            }
            String suggestion = Suggestions.didYouMean(word, candidates);
            boolean isWorkloadName = word != null && registry.workload(word).isPresent();
            out.add(Diagnostic.error(typeNode.span(), "Invalid step type '" + (word == null ? typeNode.kind() : word)
                    + "'" + suggestion, isWorkloadName ? "'" + word + "' is a workload: write 'type: workload' and 'workload: "
                    + word + "'" : "one of: " + stepTypeNames()));
        }
        return type;
    }

    private static String stepTypeNames() {
        StringBuilder sb = new StringBuilder();
        for (StepType t : StepType.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.yamlName());
        }
        return sb.toString();
    }

    private void checkErrorHandling(YamlNode.Mapping m) {
        if (m.get("error_handling") instanceof YamlNode.Mapping eh) {
            keys.check(eh, registry.errorHandlingKeys(), "error_handling", k -> false, false, "key", eh.span());
            String onFailure = ScenarioReader.str(eh.get("on_failure"));
            Long retries = eh.get("max_retries") instanceof YamlNode.Scalar s ? Values.toLong(s.value()) : null;
            if ("retry".equalsIgnoreCase(onFailure) && retries != null && retries == 0) {
                out.add(Diagnostic.warning(eh.get("max_retries").span(), "on_failure: retry with max_retries 0 never "
                        + "retries", "set max_retries above 0 or use on_failure: stop"));
            }
        }
        String trigger = ScenarioReader.str(m.get("trigger"));
        if ("on_previous_error".equals(trigger) && !anyStepBefore) {
            out.add(Diagnostic.warning(m.get("trigger").span(), "trigger: on_previous_error on the first step never "
                    + "fires: there is no previous step", null));
        }
    }

    /** Warns about ${loop_index} in a step that is not inside any loop (nested step lists are walked later). */
    private void checkLoopIndexOutsideLoop(YamlNode.Mapping m) {
        for (YamlNode.Entry e : m.entries().values()) {
            if (e.key().equals("steps") || e.key().equals("if_true") || e.key().equals("if_false")) {
                continue;
            }
            YamlNode.Scalar hit = findLoopIndex(e.value());
            if (hit != null) {
                out.add(Diagnostic.warning(hit.span(), "${loop_index} is only replaced inside a loop step",
                        "this value is used literally"));
                return;
            }
        }
    }

    /** Reports {@code ${...}} placeholders other than ${loop_index} (a typo such as ${loop_idx} stays literal). */
    private void checkPlaceholders(YamlNode.Mapping m) {
        for (YamlNode.Entry e : m.entries().values()) {
            if (!NESTED_STEPS.contains(e.key()) && !e.key().equals("description")) {
                findPlaceholders(e.value());
            }
        }
    }

    private void findPlaceholders(YamlNode n) {
        if (n instanceof YamlNode.Scalar s) {
            java.util.regex.Matcher matcher = PLACEHOLDER.matcher(s.text());
            while (matcher.find()) {
                if (!matcher.group().equals(LoopStep.LOOP_INDEX)) {
                    out.add(Diagnostic.error(s.span(), "Unknown placeholder '" + matcher.group() + "'"
                            + Suggestions.didYouMean(matcher.group(), List.of(LoopStep.LOOP_INDEX)),
                            "the only placeholder is ${loop_index} (inside loop steps); anything else stays literal"));
                    return;
                }
            }
            return;
        }
        List<YamlNode> kids = n instanceof YamlNode.Sequence seq ? seq.items()
                : ((YamlNode.Mapping) n).entries().values().stream().map(YamlNode.Entry::value).toList();
        kids.forEach(this::findPlaceholders);
    }

    private static YamlNode.Scalar findLoopIndex(YamlNode n) {
        if (n instanceof YamlNode.Scalar s) {
            return s.text().contains(LoopStep.LOOP_INDEX) ? s : null;
        }
        List<YamlNode> kids = n instanceof YamlNode.Sequence seq ? seq.items()
                : ((YamlNode.Mapping) n).entries().values().stream().map(YamlNode.Entry::value).toList();
        for (YamlNode k : kids) {
            YamlNode.Scalar hit = findLoopIndex(k);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    /** Records every checkpoint name and tag in the file with its line, depth-first. */
    private void collectCheckpoints(YamlNode.Sequence steps) {
        for (YamlNode item : steps.items()) {
            if (!(item instanceof YamlNode.Mapping m)) {
                continue;
            }
            if ("checkpoint".equals(ScenarioReader.str(m.get("type")))) {
                int line = m.span().line();
                String name = ScenarioReader.str(m.get("name"));
                if (name != null) {
                    allCheckpoints.putIfAbsent(name, line);
                }
                if (m.get("parameters") instanceof YamlNode.Mapping p && ScenarioReader.str(p.get("tag")) != null) {
                    allCheckpoints.putIfAbsent(ScenarioReader.str(p.get("tag")), line);
                }
            }
            for (String nested : List.of("steps", "if_true", "if_false")) {
                if (m.get(nested) instanceof YamlNode.Sequence seq) {
                    collectCheckpoints(seq);
                }
            }
        }
    }
}
