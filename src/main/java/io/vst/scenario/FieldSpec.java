package io.vst.scenario;

import java.util.Map;

/**
 * An extra attribute field of the index used by filtered queries.
 *
 * @param type {@code TAG} or {@code NUMERIC}
 * @param source where values come from (e.g. {@code row_mod:10}, {@code random}); interpreted by the workload
 * @param options any other keys of the field block
 */
public record FieldSpec(String name, String type, String source, Map<String, Object> options) {
    public FieldSpec {
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }
}
