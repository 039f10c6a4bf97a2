package io.vst.workload;

import java.util.BitSet;

/**
 * The ids the other shards of a sharded run hold ({@code vst run --shard I/N}). Within one ingest step the
 * shards take disjoint positions of one id order, but a later step may visit the ids in another order
 * (another shuffle seed, span or {@code start_index}), where one of this shard's positions can hold an id
 * another shard wrote before: this shard must skip it as a single process skips a live id. The shards meet
 * before each top-level step, so the server's keys under the prefix, less this shard's own live ids, are
 * then exactly the other shards' ids. Read once before the step's first write ({@link ServerIds}); immutable after.
 */
final class OtherShards {

    private final BitSet held;

    private OtherShards(BitSet held) {
        this.held = held;
    }

    /** The ids other shards hold now; an empty set when the run is not sharded (nothing is read). */
    static OtherShards read(WorkloadContext ctx) {
        if (ctx.shardCount() <= 1) {
            return new OtherShards(new BitSet());
        }
        LiveVectors vectors = ctx.vectors();
        BitSet held = ServerIds.read(ctx.client(), vectors.keys());
        for (int id = held.nextSetBit(0); id >= 0; id = held.nextSetBit(id + 1)) {
            if (vectors.live().contains(id)) {
                held.clear(id);
            }
        }
        return new OtherShards(held);
    }

    /** Whether another shard holds {@code id}. */
    boolean holds(long id) {
        return id >= 0 && id < Integer.MAX_VALUE && held.get((int) id);
    }

    /** Drops the ids other shards hold among {@code ids[from..to)}, keeping the others in order; returns the end. */
    int drop(long[] ids, int from, int to) {
        if (held.isEmpty()) {
            return to;
        }
        int kept = from;
        for (int i = from; i < to; i++) {
            if (!holds(ids[i])) {
                ids[kept++] = ids[i];
            }
        }
        return kept;
    }
}
