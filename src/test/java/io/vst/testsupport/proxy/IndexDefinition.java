package io.vst.testsupport.proxy;

import java.util.List;
import java.util.Optional;

/**
 * An emulated valkey-search index as declared by {@code FT.CREATE}: key prefixes and typed attributes.
 *
 * @param name the index name
 * @param prefixes key prefixes (empty means every key)
 * @param attributes the schema in declaration order
 * @param skipInitialScan whether existing keys skip the backfill phase
 */
public record IndexDefinition(String name, List<String> prefixes, List<Attribute> attributes,
        boolean skipInitialScan) {

    /** Distance metrics valkey-search knows. */
    public enum Metric { L2, IP, COSINE }

    /** One schema attribute: {@code identifier} is the hash field, {@code alias} the query name. */
    public sealed interface Attribute {
        /** The hash field the attribute reads. */
        String identifier();

        /** The name queries and FT.INFO use ({@code AS alias}, else the identifier). */
        String alias();
    }

    /** A FLOAT32 vector attribute; HNSW-only values are kept for FLAT too but not reported. */
    public record VectorAttribute(String identifier, String alias, boolean hnsw, int dimensions, Metric metric,
            int m, int efConstruction, int efRuntime, int initialCapacity, int blockSize) implements Attribute {
        /** Bytes of one FLOAT32 vector of this attribute. */
        public int byteLength() {
            return dimensions * Float.BYTES;
        }
    }

    /** A TAG attribute. */
    public record TagAttribute(String identifier, String alias, String separator, boolean caseSensitive)
            implements Attribute { }

    /** A NUMERIC attribute. */
    public record NumericAttribute(String identifier, String alias) implements Attribute { }

    /** The attribute queries call {@code name} ({@code @name}). */
    public Optional<Attribute> attribute(String name) {
        return attributes.stream().filter(a -> a.alias().equals(name)).findFirst();
    }

    /** Whether a key belongs to this index by its prefix. */
    public boolean covers(String key) {
        return prefixes.isEmpty() || prefixes.stream().anyMatch(key::startsWith);
    }
}
