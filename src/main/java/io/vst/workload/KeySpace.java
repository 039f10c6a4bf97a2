package io.vst.workload;

import io.vst.dataset.VectorIds;
import java.nio.charset.StandardCharsets;

/**
 * Maps vector ids to the tool's own keys: {@code <prefix><row>} for dataset rows and
 * {@code <prefix>expand_<n>_<row>} past the dataset's size. Every key vst writes or deletes comes
 * from here, so it only ever touches keys under its own prefix. Immutable; any thread.
 */
public final class KeySpace {

    private final String prefix;
    private final long baseSize;

    /**
     * @param prefix key prefix, e.g. {@code vec:}
     * @param baseSize number of rows in the dataset (ids at or above it are expansions)
     */
    public KeySpace(String prefix, long baseSize) {
        this.prefix = prefix;
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

    /** The key of vector {@code id}, as the bytes sent to the server. */
    public byte[] key(long id) {
        return keyString(id).getBytes(StandardCharsets.UTF_8);
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
