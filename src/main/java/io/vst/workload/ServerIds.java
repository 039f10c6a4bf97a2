package io.vst.workload;

import io.vst.valkey.ValkeyClient;
import java.util.BitSet;

/**
 * The ids of a key space that the server holds right now, read with one SCAN of the key space's prefix
 * ({@code SCAN ... MATCH <prefix>*}) and each key parsed back by {@link KeySpace#idOf}. A key under the prefix
 * that is no id of the key space (another tool's key, a row past the dataset's size, an id no live set can
 * hold) is skipped: vst never counts or touches a key it did not write.
 *
 * <pre>{@code
 * // the server holds vec:0, vec:7, vec:expand_1_2 (base size 10) and vec:notes
 * BitSet ids = ServerIds.read(client, new KeySpace("vec:", 10));   // {0, 7, 12}
 * }</pre>
 */
public final class ServerIds {

    private ServerIds() {
    }

    /**
     * The ids under {@code keys}' prefix on the server, as a set of bits: compact for the dense ids of a
     * dataset. A fresh set, the caller's to change. Ids above {@code Integer.MAX_VALUE - 1} are skipped, as
     * no live set holds them.
     */
    public static BitSet read(ValkeyClient client, KeySpace keys) {
        return scan(client, keys).ids();
    }

    /**
     * What one SCAN of the prefix found: the ids of the key space, and how many other keys under the prefix
     * were skipped (not vst's, or ids no live set can hold).
     */
    public record Found(BitSet ids, long others) {
    }

    /** The ids under {@code keys}' prefix on the server and the count of other keys there (see {@link Found}). */
    public static Found scan(ValkeyClient client, KeySpace keys) {
        BitSet ids = new BitSet();
        long[] others = new long[1];
        client.scanKeys(keys.prefix(), batch -> {
            for (String key : batch) {
                long id = keys.idOf(key);
                if (id >= 0 && id < Integer.MAX_VALUE) {
                    ids.set((int) id);
                } else {
                    others[0]++;
                }
            }
        });
        return new Found(ids, others[0]);
    }
}
