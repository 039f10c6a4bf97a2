package io.vst.valkey;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One vector hash to write: {@code HSET key vector <bytes> [field value ...]}.
 *
 * @param vector little-endian FLOAT32 bytes, {@code dim * 4} long
 * @param extraFields further field/value pairs (alternating), e.g. a TAG and a NUMERIC for filters
 */
public record VectorWrite(byte[] key, byte[] vector, List<byte[]> extraFields) {

    public VectorWrite {
        extraFields = List.copyOf(extraFields);
        if (extraFields.size() % 2 != 0) {
            throw new IllegalArgumentException("extra fields must come in field/value pairs");
        }
    }

    public static VectorWrite of(String key, byte[] vector) {
        return new VectorWrite(key.getBytes(StandardCharsets.UTF_8), vector, List.of());
    }

    /** A write with text attribute fields, given as alternating names and values. */
    public static VectorWrite of(String key, byte[] vector, String... fieldValues) {
        return new VectorWrite(key.getBytes(StandardCharsets.UTF_8), vector,
                java.util.Arrays.stream(fieldValues).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
    }

    public String keyText() {
        return new String(key, StandardCharsets.UTF_8);
    }
}
