package io.vst.scenario.schema;

import io.vst.units.Units;
import java.util.List;

/**
 * The schema of one key: its type, default, allowed range or words, whether it is required, and its
 * documentation. Validation, {@code vst scenario docs} and editor completion all read these.
 *
 * @param defaultValue {@code null} = no default (absent means "not set")
 * @param min inclusive lower bound for numbers, or {@code null}
 * @param max inclusive upper bound for numbers, or {@code null}
 * @param allowed the words an {@link ValueType#ENUM} accepts (lower-case as written in YAML)
 */
public record ParamSpec(String key, ValueType type, Object defaultValue, Double min, Double max,
        List<String> allowed, boolean required, String doc) {

    public ParamSpec {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }

    public static ParamSpec integer(String key, Object def, Double min, Double max, String doc) {
        return new ParamSpec(key, ValueType.INTEGER, def, min, max, List.of(), false, doc);
    }

    public static ParamSpec number(String key, Object def, Double min, Double max, String doc) {
        return new ParamSpec(key, ValueType.NUMBER, def, min, max, List.of(), false, doc);
    }

    public static ParamSpec bool(String key, Boolean def, String doc) {
        return new ParamSpec(key, ValueType.BOOLEAN, def, null, null, List.of(), false, doc);
    }

    public static ParamSpec string(String key, String def, String doc) {
        return new ParamSpec(key, ValueType.STRING, def, null, null, List.of(), false, doc);
    }

    public static ParamSpec oneOf(String key, String def, List<String> allowed, String doc) {
        return new ParamSpec(key, ValueType.ENUM, def, null, null, allowed, false, doc);
    }

    public static ParamSpec list(String key, String doc) {
        return new ParamSpec(key, ValueType.LIST, null, null, null, List.of(), false, doc);
    }

    public static ParamSpec map(String key, String doc) {
        return new ParamSpec(key, ValueType.MAP, null, null, null, List.of(), false, doc);
    }

    /** A required copy. */
    public ParamSpec asRequired() {
        return new ParamSpec(key, type, defaultValue, min, max, allowed, true, doc);
    }

    /** Type, range and default in a few words, e.g. {@code integer >= 0, default 1000}. */
    public String summary() {
        StringBuilder sb = new StringBuilder(type == ValueType.ENUM ? String.join("|", allowed)
                : type.name().toLowerCase(java.util.Locale.ROOT));
        if (min != null && max != null) {
            sb.append(' ').append(Units.plain(min)).append("..").append(Units.plain(max));
        } else if (min != null) {
            sb.append(" >= ").append(Units.plain(min));
        } else if (max != null) {
            sb.append(" <= ").append(Units.plain(max));
        }
        if (required) {
            sb.append(", required");
        } else if (defaultValue != null) {
            sb.append(", default ").append(defaultValue instanceof Number n ? Units.plain(n.doubleValue())
                    : defaultValue);
        }
        return sb.toString();
    }
}
