package io.vst.gui.editor;

import io.vst.scenario.StepType;
import io.vst.scenario.schema.ParamSpec;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.schema.StepTypeSpec;
import io.vst.scenario.schema.ValueType;
import io.vst.scenario.schema.WorkloadSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the schema registry allows at a {@link YamlContext}: the keys of the caret's mapping and the
 * values of the key the caret is after. Completion reads only this, so it cannot offer what the
 * validator would reject.
 */
public final class SchemaContext {

    /** The kinds of mapping a scenario has. */
    public enum Place { ROOT, GLOBAL_CONFIG, INDEX, FIELD_LIST, INDEX_FIELD, STEP_LIST, STEP, PARAMETERS, ERROR_HANDLING,
        CONDITION, FREE }

    /** One value the caret may take, with its documentation. */
    public record Choice(String value, String doc) {
    }

    private final SchemaRegistry registry;

    /** Any thread. */
    public SchemaContext(SchemaRegistry registry) {
        this.registry = registry;
    }

    /** The kind of mapping the caret is in. Any thread. */
    public Place place(YamlContext c) {
        Place p = Place.ROOT;
        for (String k : c.path()) {
            p = next(p, k);
        }
        return p;
    }

    private static Place next(Place p, String key) {
        return switch (p) {
            case ROOT -> switch (key) {
                case "global_config" -> Place.GLOBAL_CONFIG;
                case "index" -> Place.INDEX;
                case "steps" -> Place.STEP_LIST;
                default -> Place.FREE;
            };
            case STEP_LIST -> "-".equals(key) ? Place.STEP : Place.FREE;
            case STEP -> switch (key) {
                case "parameters" -> Place.PARAMETERS;
                case "config" -> Place.GLOBAL_CONFIG;
                case "error_handling" -> Place.ERROR_HANDLING;
                case "condition" -> Place.CONDITION;
                case "steps", "if_true", "if_false" -> Place.STEP_LIST;
                case "index" -> Place.INDEX;
                default -> Place.FREE;
            };
            case INDEX -> "fields".equals(key) ? Place.FIELD_LIST : Place.FREE;
            case FIELD_LIST -> "-".equals(key) ? Place.INDEX_FIELD : Place.FREE;
            default -> Place.FREE;
        };
    }

    /** The keys allowed in the caret's mapping, those already present excluded. Any thread. */
    public List<ParamSpec> keys(YamlContext c) {
        List<ParamSpec> all = keysOf(c, place(c));
        Map<String, String> present = c.here();
        List<ParamSpec> out = new ArrayList<>();
        for (ParamSpec p : all) {
            if (!present.containsKey(p.key())) {
                out.add(p);
            }
        }
        return out;
    }

    private List<ParamSpec> keysOf(YamlContext c, Place place) {
        return switch (place) {
            case ROOT -> registry.scenarioKeys();
            case GLOBAL_CONFIG -> registry.globalConfigKeys();
            case INDEX -> registry.indexKeys();
            case INDEX_FIELD -> registry.indexFieldKeys();
            case STEP -> stepKeys(c.here());
            case PARAMETERS -> parameters(c.scalars().get(c.scalars().size() - 2));
            case ERROR_HANDLING -> registry.errorHandlingKeys();
            case CONDITION -> registry.conditionKeys();
            case STEP_LIST, FIELD_LIST, FREE -> List.of();
        };
    }

    private List<ParamSpec> stepKeys(Map<String, String> step) {
        StepType t = StepType.fromYaml(step.get("type"));
        if (t != null) {
            return registry.stepType(t).stepKeys();
        }
        Map<String, ParamSpec> union = new LinkedHashMap<>();
        for (StepType each : StepType.values()) {
            registry.stepType(each).stepKeys().forEach(p -> union.putIfAbsent(p.key(), p));
        }
        return List.copyOf(union.values());
    }

    /** The parameters of the step whose scalar keys are {@code step}. */
    private List<ParamSpec> parameters(Map<String, String> step) {
        StepType t = StepType.fromYaml(step.get("type"));
        if (t == StepType.WORKLOAD || t == null && step.containsKey("workload")) {
            return registry.workload(step.get("workload")).map(WorkloadSpec::parameters).orElse(List.of());
        }
        StepTypeSpec spec = t == null ? null : registry.stepType(t);
        return spec == null ? List.of() : spec.parameters();
    }

    /** The values allowed after {@code valueKey: }, or empty when the value is free. Any thread. */
    public List<Choice> values(YamlContext c) {
        if (c.valueKey() == null) {
            return List.of();
        }
        Place place = place(c);
        String key = c.valueKey();
        List<Choice> out = new ArrayList<>();
        if (place == Place.STEP && "workload".equals(key)) {
            registry.workloads().forEach(w -> out.add(new Choice(w.name(), w.doc())));
            return out;
        }
        if (place == Place.STEP && "type".equals(key)) {
            for (StepType t : StepType.values()) {
                out.add(new Choice(t.yamlName(), registry.stepType(t).doc()));
            }
            return out;
        }
        if (place == Place.CONDITION && "metric".equals(key)) {
            registry.conditionMetrics().forEach(m -> out.add(new Choice(m.name(), m.doc() + " (" + m.unit() + ")")));
            return out;
        }
        for (ParamSpec p : keysOf(c, place)) {
            if (p.key().equals(key)) {
                if (p.type() == ValueType.ENUM) {
                    p.allowed().forEach(v -> out.add(new Choice(v, p.doc())));
                } else if (p.type() == ValueType.BOOLEAN) {
                    out.add(new Choice("true", p.doc()));
                    out.add(new Choice("false", p.doc()));
                }
            }
        }
        return out;
    }
}
