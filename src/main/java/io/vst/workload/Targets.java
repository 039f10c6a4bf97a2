package io.vst.workload;

import io.vst.VstException;

/** The absolute {@code target_vectors} of ingest and shrink, and how far one step may go towards it. */
final class Targets {

    private Targets() {
    }

    /**
     * The required, non-negative {@code target_vectors}: the live count after the step.
     *
     * @param target as read from the parameters, {@code -1} when missing
     */
    static long absolute(long target) {
        if (target < 0) {
            throw VstException.invalidInput("Missing required parameter 'target_vectors'",
                    "give the number of vectors that should be live after the step");
        }
        return target;
    }

    /**
     * This shard's part of the required {@code target_vectors} ({@link WorkloadContext#share}): the shard's own
     * live count after the step; the parts of all shards sum to the scenario's target.
     */
    static long absolute(WorkloadContext ctx, long target) {
        return ctx.share(absolute(target));
    }

    /** {@code wanted} items, at most {@code max_operations} when the step sets it. */
    static long bounded(long wanted, WorkloadContext ctx) {
        return ctx.maxOperations() > 0 ? Math.min(wanted, ctx.maxOperations()) : wanted;
    }
}
