package io.vst.workload;

import io.vst.dataset.VectorIds;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps vector ids to the tool's own keys: {@code <prefix><row>} for dataset rows and
 * {@code <prefix>expand_<n>_<row>} past the dataset's size. Every key vst writes or deletes comes
 * from here, so it only ever touches keys under its own prefix. Immutable; any thread.
 */
public final class KeySpace {

    private final String prefix;
    private final byte[] prefixBytes;
    private final long baseSize;

    /**
     * @param prefix key prefix, e.g. {@code vec:}
     * @param baseSize number of rows in the dataset (ids at or above it are expansions)
     */
    public KeySpace(String prefix, long baseSize) {
        this.prefix = prefix;
        this.prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
        this.baseSize = baseSize;
    }

    public String prefix() {
        return prefix;
    }

    public long baseSize() {
        return baseSize;
    }

    /** The key of vector {@code id}. */
    public String keyString(long id) {
        return prefix + VectorIds.keySuffix(id, baseSize);
    }

    /**
     * The key of vector {@code id}, as the bytes sent to the server: the UTF-8 of {@link #keyString}. A dataset
     * row's key is built straight as bytes (one array per key instead of three on every ingested vector).
     */
    public byte[] key(long id) {
        if (id < 0 || id >= baseSize) {
            return keyString(id).getBytes(StandardCharsets.UTF_8);
        }
        int digits = 1;
        for (long rest = id / 10; rest > 0; rest /= 10) {
            digits++;
        }
        byte[] out = Arrays.copyOf(prefixBytes, prefixBytes.length + digits);
        long rest = id;
        for (int i = out.length - 1; i >= prefixBytes.length; i--) {
            out[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return out;
    }

    /** The id behind {@code key}, or -1 when the key is not one of ours. */
    public long idOf(String key) {
        if (key == null || !key.startsWith(prefix)) {
            return -1;
        }
        try {
            return VectorIds.parseKeySuffix(key.substring(prefix.length()), baseSize);
        } catch (io.vst.VstException | ArithmeticException notOurs) {
            // Not a row number or expand_<n>_<row> of this dataset (or beyond any id): not vst's key.
            return -1;
        }
    }

    /** SCAN pattern matching every key of this key space. */
    public String pattern() {
        return prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*";
    }
}
