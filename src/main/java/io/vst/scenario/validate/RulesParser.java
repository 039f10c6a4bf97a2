package io.vst.scenario.validate;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.GlobalConfig;
import io.vst.scenario.StepType;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.yaml.ScenarioReader;
import io.vst.scenario.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link ValidationRules} from the positioned tree of a rules file, reporting what it cannot use. */
final class RulesParser {

    private final String source;
    private final List<Diagnostic> diags;

    RulesParser(String source, List<Diagnostic> diags) {
        this.source = source;
        this.diags = diags;
    }

    ValidationRules.Loaded parse(YamlNode.Mapping rules) {
        Integer maxSteps = null;
        Double maxHours = null;
        List<String> required = new ArrayList<>();
        Map<String, ValidationRules.StepRules> steps = new LinkedHashMap<>();
        Map<String, Double> gMin = new LinkedHashMap<>();
        Map<String, Double> gMax = new LinkedHashMap<>();
        for (YamlNode.Entry section : rules.entries().values()) {
            if (!(section.value() instanceof YamlNode.Mapping body)) {
                diags.add(Diagnostic.error(section.value().span(), "'" + section.key() + "' must be a mapping", null));
                continue;
            }
            switch (section.key()) {
                case "scenario" -> {
                    for (YamlNode.Entry e : body.entries().values()) {
                        switch (e.key()) {
                            case "max_steps" -> maxSteps = number(e) == null ? null : number(e).intValue();
                            case "max_duration_hours" -> maxHours = number(e);
                            case "required_fields" -> required.addAll(words(e));
                            default -> unknown(e, "scenario");
                        }
                    }
                }
                case "steps" -> {
                    for (YamlNode.Entry e : body.entries().values()) {
                        steps.put(e.key(), stepRules(e));
                    }
                }
                case "global_config" -> {
                    for (YamlNode.Entry e : body.entries().values()) {
                        bound(e, gMin, gMax, true);
                    }
                }
                default -> unknown(section, "validation_rules");
            }
        }
        return new ValidationRules.Loaded(new ValidationRules(maxSteps, maxHours, required, steps, gMin, gMax, source),
                diags);
    }

    private ValidationRules.StepRules stepRules(YamlNode.Entry typeEntry) {
        List<String> required = new ArrayList<>();
        Map<String, Double> min = new LinkedHashMap<>();
        Map<String, Double> max = new LinkedHashMap<>();
        if (StepType.fromYaml(typeEntry.key()) == null
                && SchemaRegistry.builtin().workload(typeEntry.key()).isEmpty()) {
            diags.add(Diagnostic.warning(typeEntry.keySpan(), "'" + typeEntry.key()
                    + "' is neither a step type nor a built-in workload; its rules apply to a plugin workload of that name",
                    null));
        }
        if (typeEntry.value() instanceof YamlNode.Mapping m) {
            for (YamlNode.Entry e : m.entries().values()) {
                if (e.key().equals("required_parameters")) {
                    required.addAll(words(e));
                } else {
                    bound(e, min, max, false);
                }
            }
        } else {
            diags.add(Diagnostic.error(typeEntry.value().span(), "'" + typeEntry.key() + "' must be a mapping", null));
        }
        return new ValidationRules.StepRules(required, min, max);
    }

    private void bound(YamlNode.Entry e, Map<String, Double> min, Map<String, Double> max, boolean global) {
        String key = e.key();
        boolean isMax = key.startsWith("max_");
        if (!isMax && !key.startsWith("min_")) {
            unknown(e, global ? "global_config rules" : "step rules");
            return;
        }
        String target = key.substring(4);
        if (global) {
            target = switch (target) {
                case "threads" -> "n_threads";
                case "clients" -> "n_clients";
                default -> target;
            };
            if (!GlobalConfig.isKey(target)) {
                diags.add(Diagnostic.warning(e.keySpan(), "Rule '" + key + "' bounds '" + target
                        + "', which is not a global_config key" + Suggestions.didYouMean(target,
                                GlobalConfig.defaults().toMap().keySet()), null));
                return;
            }
        }
        Double v = number(e);
        if (v != null) {
            (isMax ? max : min).put(target, v);
        }
    }

    private Double number(YamlNode.Entry e) {
        if (e.value() instanceof YamlNode.Scalar s && s.value() instanceof Number n) {
            return n.doubleValue();
        }
        diags.add(Diagnostic.error(e.value().span(), "'" + e.key() + "' must be a number", null));
        return null;
    }

    private List<String> words(YamlNode.Entry e) {
        List<String> out = new ArrayList<>();
        if (e.value() instanceof YamlNode.Sequence seq) {
            for (YamlNode item : seq.items()) {
                out.add(ScenarioReader.str(item));
            }
        } else {
            diags.add(Diagnostic.error(e.value().span(), "'" + e.key() + "' must be a list, e.g. [name, steps]", null));
        }
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    private void unknown(YamlNode.Entry e, String where) {
        diags.add(Diagnostic.warning(e.keySpan(), "Unknown rule '" + e.key() + "' in " + where + " of " + source,
                null));
    }
}
