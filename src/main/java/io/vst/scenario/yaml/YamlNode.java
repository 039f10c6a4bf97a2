package io.vst.scenario.yaml;

import io.vst.scenario.SourceSpan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a small positioned tree: mappings, sequences and scalars, each with the
 * {@link SourceSpan} it was read from. The validator walks it to point diagnostics at the exact key
 * or value; the model records keep only the positions they need.
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    SourceSpan span();

    /** Human word for the node's kind in messages: "a mapping", "a list", "a value". */
    String kind();

    /** One key of a mapping with the span of the key itself. */
    record Entry(String key, SourceSpan keySpan, YamlNode value) {
    }

    /** A mapping, keys in document order (duplicates were reported and the first one kept). */
    record Mapping(Map<String, Entry> entries, SourceSpan span) implements YamlNode {
        public Mapping {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public YamlNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        public Entry entry(String key) {
            return entries.get(key);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** A sequence. */
    record Sequence(List<YamlNode> items, SourceSpan span) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A scalar with its text, whether it was quoted, and its resolved value (Long, Double, Boolean,
     * String, or {@code null} for YAML null).
     */
    record Scalar(String text, boolean quoted, Object value, SourceSpan span) implements YamlNode {
        @Override
        public String kind() {
            return "a value";
        }
    }
}
