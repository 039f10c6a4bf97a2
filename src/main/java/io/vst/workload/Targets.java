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

    /** {@code wanted} items, at most {@code max_operations} when the step sets it. */
    static long bounded(long wanted, WorkloadContext ctx) {
        return ctx.maxOperations() > 0 ? Math.min(wanted, ctx.maxOperations()) : wanted;
    }
}
