package io.vst.scenario;

import java.util.Locale;

/** Comparison of a conditional step: {@code actual <operator> expected}. */
public enum Operator {
    GREATER_THAN, LESS_THAN, GREATER_OR_EQUAL, LESS_OR_EQUAL, EQUALS, NOT_EQUALS;

    /** The spelling in YAML, e.g. {@code greater_than}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the YAML spelling (also accepts {@code >, <, >=, <=, ==, !=}); {@code null} if unknown. */
    public static Operator fromYaml(String s) {
        if (s == null) {
            return null;
        }
        switch (s.trim()) {
            case ">": return GREATER_THAN;
            case "<": return LESS_THAN;
            case ">=": return GREATER_OR_EQUAL;
            case "<=": return LESS_OR_EQUAL;
            case "==": return EQUALS;
            case "!=": return NOT_EQUALS;
            default:
                for (Operator o : values()) {
                    if (o.yamlName().equalsIgnoreCase(s.trim())) {
                        return o;
                    }
                }
                return null;
        }
    }

    public boolean test(double actual, double expected) {
        return switch (this) {
            case GREATER_THAN -> actual > expected;
            case LESS_THAN -> actual < expected;
            case GREATER_OR_EQUAL -> actual >= expected;
            case LESS_OR_EQUAL -> actual <= expected;
            case EQUALS -> actual == expected;
            case NOT_EQUALS -> actual != expected;
        };
    }
}
