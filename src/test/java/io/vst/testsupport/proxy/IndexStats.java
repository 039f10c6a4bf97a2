package io.vst.testsupport.proxy;

import io.vst.testsupport.proxy.IndexDefinition.Attribute;
import io.vst.testsupport.proxy.IndexDefinition.NumericAttribute;
import io.vst.testsupport.proxy.IndexDefinition.TagAttribute;
import io.vst.testsupport.proxy.IndexDefinition.VectorAttribute;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an index holds, counted from the real hashes the way the recorded FT.INFO replies show it: an
 * attribute's {@code size} counts hashes whose value it accepted; its {@code user_indexed_memory} adds
 * the value bytes of every hash that has the field (a wrong-length vector too, fixture 24);
 * {@code num_docs} counts hashes with at least one accepted value; {@code num_records} sums the sizes;
 * {@code hash_indexing_failures} counts rejected values.
 *
 * @param numDocs hashes with at least one indexed attribute
 * @param numRecords sum of attribute sizes
 * @param failures values that could not be indexed
 * @param attributes per attribute alias
 */
public record IndexStats(long numDocs, long numRecords, long failures, Map<String, AttributeStats> attributes) {

    /**
     * One attribute's counts.
     *
     * @param size indexed values
     * @param memory value bytes seen
     */
    public record AttributeStats(long size, long memory) { }

    /** Counts for an index that has indexed nothing yet (during backfill). */
    public static IndexStats empty(IndexDefinition definition) {
        Map<String, AttributeStats> attributes = new HashMap<>();
        definition.attributes().forEach(a -> attributes.put(a.alias(), new AttributeStats(0, 0)));
        return new IndexStats(0, 0, 0, attributes);
    }

    /** Counts over the hashes the index covers. */
    public static IndexStats of(IndexDefinition definition, List<HashDocument> documents) {
        long[] sizes = new long[definition.attributes().size()];
        long[] memory = new long[sizes.length];
        long docs = 0;
        long failures = 0;
        for (HashDocument document : documents) {
            boolean indexed = false;
            for (int i = 0; i < sizes.length; i++) {
                Attribute attribute = definition.attributes().get(i);
                byte[] value = document.fields().get(attribute.identifier());
                if (value == null) {
                    continue;
                }
                memory[i] += value.length;
                if (accepts(attribute, value)) {
                    sizes[i]++;
                    indexed = true;
                } else {
                    failures++;
                }
            }
            if (indexed) {
                docs++;
            }
        }
        Map<String, AttributeStats> attributes = new HashMap<>();
        long records = 0;
        for (int i = 0; i < sizes.length; i++) {
            attributes.put(definition.attributes().get(i).alias(), new AttributeStats(sizes[i], memory[i]));
            records += sizes[i];
        }
        return new IndexStats(docs, records, failures, attributes);
    }

    /** Whether the attribute indexes this raw value. */
    static boolean accepts(Attribute attribute, byte[] value) {
        if (attribute instanceof VectorAttribute vector) {
            return value.length == vector.byteLength();
        } else if (attribute instanceof NumericAttribute) {
            return parseNumber(value) != null;
        } else {
            return attribute instanceof TagAttribute;
        }
    }

    /** A numeric value, or {@code null} when the bytes are no number. */
    static java.lang.Double parseNumber(byte[] value) {
        try {
            return java.lang.Double.parseDouble(RespValue.latin1(value).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Little-endian FLOAT32 values of a vector blob. */
    static float[] floats(byte[] blob) {
        ByteBuffer buffer = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[blob.length / Float.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.getFloat();
        }
        return values;
    }
}
