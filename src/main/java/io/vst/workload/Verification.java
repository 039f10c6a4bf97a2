package io.vst.workload;

import io.vst.valkey.CommandPipeline;
import io.vst.valkey.ValkeyException;
import java.util.Arrays;
import java.util.List;

/**
 * Checks on the server that writes and deletes really happened ({@code validate_ingestion},
 * {@code verify_removal}), with pipelined EXISTS in batches, and for writes a byte-for-byte
 * comparison of a sample of vectors.
 */
final class Verification {

    private static final int BATCH = 1000;
    private static final int COMPARED_VECTORS = 100;

    private Verification() {
    }

    /**
     * Counts keys that should exist but do not ({@code expectPresent}) or should be gone but exist.
     */
    static long countMissing(WorkloadContext ctx, long[] ids, boolean expectPresent) {
        long wrong = 0;
        try (CommandPipeline pipe = ctx.client().pipeline()) {
            for (int from = 0; from < ids.length; from += BATCH) {
                int to = Math.min(ids.length, from + BATCH);
                for (int i = from; i < to; i++) {
                    pipe.exists(ctx.vectors().keys().key(ids[i]));
                }
                List<Object> replies = pipe.sync();
                for (Object r : replies) {
                    if (r instanceof ValkeyException e) {
                        throw e;
                    }
                    boolean present = ((Number) r).longValue() > 0;
                    if (present != expectPresent) {
                        wrong++;
                    }
                }
            }
            if (expectPresent && wrong == 0) {
                wrong += compareVectors(ctx, pipe, ids);
            }
        }
        return wrong;
    }

    /** Reads back a sample of written vectors and counts those whose bytes differ. */
    private static long compareVectors(WorkloadContext ctx, CommandPipeline pipe, long[] ids) {
        int n = Math.min(COMPARED_VECTORS, ids.length);
        int step = Math.max(1, ids.length / Math.max(1, n));
        float[] scratch = new float[ctx.vectors().dimensions()];
        long[] sample = new long[n];
        for (int i = 0; i < n; i++) {
            sample[i] = ids[Math.min(ids.length - 1, i * step)];
            pipe.hget(ctx.vectors().keys().key(sample[i]), IngestWorkload.VECTOR_FIELD);
        }
        List<Object> replies = pipe.sync();
        long differ = 0;
        for (int i = 0; i < n; i++) {
            Object r = replies.get(i);
            if (!(r instanceof byte[] b) || !Arrays.equals(b, ctx.vectors().encode(sample[i], scratch))) {
                differ++;
            }
        }
        return differ;
    }
}
