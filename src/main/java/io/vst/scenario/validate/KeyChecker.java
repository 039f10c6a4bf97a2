package io.vst.scenario.validate;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.LoopStep;
import io.vst.scenario.SourceSpan;
import io.vst.scenario.Values;
import io.vst.scenario.schema.ParamSpec;
import io.vst.scenario.schema.ValueType;
import io.vst.scenario.yaml.YamlNode;
import io.vst.units.Units;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Checks a YAML mapping against a list of {@link ParamSpec}s: unknown keys (with did-you-mean), value
 * types, ranges, allowed words and required keys. Shared by every block of the language.
 */
final class KeyChecker {

    private final List<Diagnostic> out;

    KeyChecker(List<Diagnostic> out) {
        this.out = out;
    }

    /**
     * Checks {@code map}; {@code what} names the block in messages (e.g. "global_config",
     * "workload 'ingest'"). Keys accepted by {@code alsoAllowed} are neither unknown nor type-checked.
     *
     * @param loopText whether strings containing ${loop_index} are allowed in place of numbers
     * @param requiredLabel "parameter" or "key", as used in "Missing required parameter 'x'"
     */
    void check(YamlNode.Mapping map, List<ParamSpec> specs, String what, Predicate<String> alsoAllowed,
            boolean loopText, String requiredLabel, SourceSpan requiredSpan) {
        Map<String, ParamSpec> byKey = specs.stream()
                .collect(Collectors.toMap(ParamSpec::key, p -> p, (a, b) -> a, java.util.LinkedHashMap::new));
        for (YamlNode.Entry e : map.entries().values()) {
            ParamSpec spec = byKey.get(e.key());
            if (spec == null) {
                if (!alsoAllowed.test(e.key())) {
                    out.add(Diagnostic.warning(e.keySpan(), "Unknown " + requiredLabel + " '" + e.key() + "' in " + what
                            + Suggestions.didYouMean(e.key(), byKey.keySet()), "known: " + String.join(", ", byKey.keySet())));
                }
                continue;
            }
            checkValue(spec, e.value(), loopText);
        }
        for (ParamSpec spec : specs) {
            if (spec.required() && !map.entries().containsKey(spec.key())) {
                boolean inStep = what.startsWith("step") || requiredLabel.equals("parameter");
                out.add(Diagnostic.error(requiredSpan, "Missing required " + requiredLabel + " '" + spec.key() + "'"
                        + (inStep ? "" : " in " + what), spec.doc()));
            }
        }
    }

    /** Checks one value against its spec; returns whether it is acceptable. */
    boolean checkValue(ParamSpec spec, YamlNode node, boolean loopText) {
        String key = spec.key();
        if (node instanceof YamlNode.Scalar s && s.value() == null && !s.quoted()) {
            if (spec.type() == ValueType.MAP || spec.type() == ValueType.LIST) {
                return true; // "parameters:" with nothing under it is an empty block
            }
            out.add(Diagnostic.error(node.span(), "'" + key + "' has no value", "give it " + spec.type().article()));
            return false;
        }
        switch (spec.type()) {
            case MAP -> {
                return expect(node instanceof YamlNode.Mapping, spec, node, "a mapping (key: value lines)");
            }
            case LIST -> {
                return expect(node instanceof YamlNode.Sequence, spec, node, "a list");
            }
            default -> {
                if (!(node instanceof YamlNode.Scalar s)) {
                    return expect(false, spec, node, spec.type().article());
                }
                return checkScalar(spec, s, loopText);
            }
        }
    }

    private boolean checkScalar(ParamSpec spec, YamlNode.Scalar s, boolean loopText) {
        Object v = s.value();
        if (loopText && v instanceof String str && str.contains(LoopStep.LOOP_INDEX)) {
            return true; // checked after substitution, when the plan is made
        }
        switch (spec.type()) {
            case INTEGER, NUMBER -> {
                if (!(v instanceof Number n)) {
                    String hint = v instanceof String str && Values.toDouble(str) != null ? "remove the quotes" : null;
                    out.add(Diagnostic.error(s.span(), "'" + spec.key() + "' must be " + spec.type().article()
                            + ", got '" + s.text() + "'", hint));
                    return false;
                }
                double d = n.doubleValue();
                if (spec.type() == ValueType.INTEGER && (d != Math.rint(d) || Double.isInfinite(d))) {
                    out.add(Diagnostic.error(s.span(), "'" + spec.key() + "' must be a whole number, got '"
                            + s.text() + "'", null));
                    return false;
                }
                if (Double.isNaN(d) || (spec.min() != null && d < spec.min())) {
                    out.add(Diagnostic.error(s.span(), "'" + spec.key() + "' must be at least "
                            + Units.plain(spec.min() == null ? 0 : spec.min()) + ", got " + s.text(), spec.doc()));
                    return false;
                }
                if (spec.max() != null && d > spec.max()) {
                    out.add(Diagnostic.error(s.span(), "'" + spec.key() + "' must be at most "
                            + Units.plain(spec.max()) + ", got " + s.text(), spec.doc()));
                    return false;
                }
                return true;
            }
            case BOOLEAN -> {
                String hint = "write true or false" + (v instanceof String ? " (without quotes)" : "");
                return expectScalar(v instanceof Boolean, spec, s, hint);
            }
            case ENUM -> {
                String word = s.text().toLowerCase(Locale.ROOT);
                if (!spec.allowed().contains(word)) {
                    out.add(Diagnostic.error(s.span(), "Invalid value '" + s.text() + "' for '" + spec.key() + "'"
                            + Suggestions.didYouMean(word, spec.allowed()),
                            "expected one of: " + String.join(", ", spec.allowed())));
                    return false;
                }
                return true;
            }
            default -> {
                return true; // STRING: any scalar reads as text
            }
        }
    }

    private boolean expectScalar(boolean ok, ParamSpec spec, YamlNode.Scalar s, String hint) {
        if (!ok) {
            out.add(Diagnostic.error(s.span(), "'" + spec.key() + "' must be " + spec.type().article() + ", got '"
                    + s.text() + "'", hint));
        }
        return ok;
    }

    private boolean expect(boolean ok, ParamSpec spec, YamlNode node, String expected) {
        if (!ok) {
            out.add(Diagnostic.error(node.span(), "'" + spec.key() + "' must be " + expected + ", not " + node.kind(),
                    spec.doc()));
        }
        return ok;
    }
}
