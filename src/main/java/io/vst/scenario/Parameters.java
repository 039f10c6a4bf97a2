package io.vst.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A step's {@code parameters:} block: values by key (Long, Double, Boolean, String, List, Map) and the
 * source span of each value. Getters convert leniently, so {@code "5000"} reads as a number; that is
 * what lets {@code ${loop_index}} appear inside numeric parameters.
 *
 * <pre>
 * long target = step.common().parameters().getLong("target_vectors", -1);
 * </pre>
 */
public record Parameters(Map<String, Object> values, Map<String, SourceSpan> spans) {

    private static final Parameters EMPTY = new Parameters(Map.of(), Map.of());

    public Parameters {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        spans = spans == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(spans));
    }

    public static Parameters empty() {
        return EMPTY;
    }

    public boolean has(String k) {
        return values.containsKey(k) && values.get(k) != null;
    }

    public Object get(String k) {
        return values.get(k);
    }

    public String getString(String k, String def) {
        Object v = values.get(k);
        return v == null ? def : String.valueOf(v);
    }

    public long getLong(String k, long def) {
        Long l = Values.toLong(values.get(k));
        return l == null ? def : l;
    }

    public int getInt(String k, int def) {
        return Values.asInt(values.get(k), def);
    }

    public double getDouble(String k, double def) {
        return Values.asDouble(values.get(k), def);
    }

    public boolean getBool(String k, boolean def) {
        return Values.asBool(values.get(k), def);
    }

    /** A copy with {@code k} set to {@code v} (span kept if there was one). */
    public Parameters with(String k, Object v) {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put(k, v);
        return new Parameters(m, spans);
    }

    /** A deep copy with {@code f} applied to every string value (lists and maps included). */
    public Parameters mapStrings(UnaryOperator<String> f) {
        Map<String, Object> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, mapValue(v, f)));
        return new Parameters(m, spans);
    }

    static Object mapValue(Object v, UnaryOperator<String> f) {
        if (v instanceof String s) {
            return f.apply(s);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(mapValue(o, f));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, o) -> out.put(String.valueOf(k), mapValue(o, f)));
            return Collections.unmodifiableMap(out);
        }
        return v;
    }

    static Map<String, Object> mapMap(Map<String, Object> in, UnaryOperator<String> f) {
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, o) -> out.put(k, mapValue(o, f)));
        return Collections.unmodifiableMap(out);
    }
}
