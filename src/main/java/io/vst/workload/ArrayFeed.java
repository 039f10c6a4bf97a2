package io.vst.workload;

import java.util.concurrent.atomic.AtomicInteger;

/** Hands out a fixed array of ids in order, in disjoint runs; thread-safe. */
final class ArrayFeed implements BatchEngine.IdFeed {

    private final long[] ids;
    private final AtomicInteger next = new AtomicInteger();

    ArrayFeed(long[] ids) {
        this.ids = ids;
    }

    @Override
    public int next(long[] into, int max) {
        int from = next.getAndAdd(max);
        if (from >= ids.length) {
            return 0;
        }
        int n = Math.min(max, ids.length - from);
        System.arraycopy(ids, from, into, 0, n);
        return n;
    }

    /** How many ids were handed out (the first ones); final once no worker calls {@link #next} any more. */
    int handedOut() {
        return Math.min(next.get(), ids.length);
    }
}
