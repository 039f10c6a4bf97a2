package io.vst.workload;

import io.vst.valkey.FtInfo;
import io.vst.valkey.resp.CommandPipeline;
import io.vst.valkey.resp.ValkeyException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Checks on the server that writes and deletes really happened ({@code validate_ingestion},
 * {@code verify_removal}, {@code verify_operations}), with pipelined EXISTS in batches, for writes a
 * byte-for-byte comparison of a sample of vectors, and with the search module the index's own count:
 * FT.INFO {@code num_docs} against the live count.
 */
final class Verification {

    private static final int BATCH = 1000;
    private static final int COMPARED_VECTORS = 100;
    /** The longest the num_docs check waits for the index to take in the last writes. */
    static final long NUM_DOCS_WAIT_MILLIS = 60_000;
    /** How long num_docs must stay unchanged, with the index ready, before a mismatch is final. */
    static final long NUM_DOCS_SETTLE_MILLIS = 2_000;

    private Verification() {
    }

    /** Whether {@code verify_operations} is on for the step, and {@code skip_verification} is not. */
    static boolean wanted(WorkloadContext ctx) {
        return wanted(ctx, false);
    }

    /**
     * Whether a verification runs: when the step asks for it ({@code asked}, its workload's flag) or
     * {@code verify_operations} is on, and not under {@code skip_verification}.
     */
    static boolean wanted(WorkloadContext ctx, boolean asked) {
        if (ctx.config().skipVerification()) {
            return false;
        }
        return asked || ctx.config().verifyOperations();
    }

    /**
     * With the search module, waits (bounded) until FT.INFO reports the index ready with {@code num_docs}
     * equal to the live count; returns null when it does (or without the module), else what differs.
     */
    static String numDocsMismatch(WorkloadContext ctx) {
        if (!ctx.searchAvailable()) {
            return null;
        }
        String index = ctx.index().name();
        long deadline = System.currentTimeMillis() + NUM_DOCS_WAIT_MILLIS;
        long lastDocs = -1;
        long unchangedSince = System.currentTimeMillis();
        while (true) {
            long live = ctx.vectors().live().size();
            FtInfo info = ctx.commands().ftInfo(index);
            long now = System.currentTimeMillis();
            if (info.isReady() && info.numDocs() == live) {
                return null;
            }
            if (info.numDocs() != lastDocs) {
                lastDocs = info.numDocs();
                unchangedSince = now;
            }
            boolean settled = info.isReady() && info.mutationQueueSize() == 0
                    && now - unchangedSince >= NUM_DOCS_SETTLE_MILLIS;
            if (settled || now >= deadline || ctx.stop().isStopped()) {
                return String.format(Locale.ROOT, "FT.INFO %s reports num_docs %,d (state %s) but %,d vectors are live",
                        index, info.numDocs(), info.state(), live);
            }
            ctx.stop().sleep(50);
        }
    }

    /**
     * Counts keys that should exist but do not ({@code expectPresent}) or should be gone but exist.
     */
    static long countMissing(WorkloadContext ctx, long[] ids, boolean expectPresent) {
        long wrong = 0;
        try (CommandPipeline pipe = ctx.commands().pipeline()) {
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
