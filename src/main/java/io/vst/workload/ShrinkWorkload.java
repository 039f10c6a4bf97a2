package io.vst.workload;

import io.vst.VstException;
import io.vst.dataset.LiveSet;
import io.vst.dataset.RemovalStrategy;
import io.vst.metrics.Recorders;
import io.vst.scenario.schema.WorkloadParameters;
import io.vst.valkey.resp.CommandPipeline;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Removes vectors until {@code target_vectors} are live (an absolute count), choosing which by
 * {@code removal_strategy}: {@code random} (seeded), {@code oldest} / {@code newest} (insertion
 * order), or {@code expansion_priority} (expanded vectors first, highest expansion first). Each
 * removal is a {@code DEL} of the tool's own key. With {@code verify_removal} (or {@code verify_operations}),
 * every removed key is checked to be gone afterwards and, with the search module, FT.INFO {@code num_docs}
 * must equal the live count; {@code skip_verification} turns it off.
 */
public final class ShrinkWorkload implements Workload {

    @Override
    public WorkloadResult run(WorkloadContext ctx) {
        LiveVectors vectors = ctx.vectors();
        LiveSet live = vectors.live();
        long start = live.size();
        WorkloadParameters.Shrink in = WorkloadParameters.Shrink.of(ctx.parameters());
        long target = Targets.absolute(ctx, in.targetVectors());
        long toRemove = Targets.bounded(start - target, ctx);
        if (toRemove <= 0) {
            return WorkloadResult.of(0, 0).withDetail(String.format(Locale.ROOT,
                    "%,d vectors live (target %,d): nothing to remove", start, target));
        }
        String strategy = in.removalStrategy();
        // The chosen ids leave the live set at once; each stays present for recall until its DEL is answered.
        long[] ids = vectors.takeForRemoval((int) Math.min(Integer.MAX_VALUE, toRemove),
                RemovalStrategy.parse(strategy));
        AtomicLong notFound = new AtomicLong();
        LongBag removed = Verification.wanted(ctx, in.verifyRemoval()) ? new LongBag() : null;
        BatchSettings settings = BatchSettings.of(ctx, Recorders.DELETE, "batch_size", 64);
        BatchEngine.Command delete = new BatchEngine.Command() {
            @Override
            public void enqueue(CommandPipeline pipe, long id, float[] scratch) {
                pipe.del(vectors.keys().key(id));
            }

            @Override
            public void succeeded(long id, Object reply) {
                if (reply instanceof Number n && n.longValue() == 0) {
                    notFound.incrementAndGet();
                }
                vectors.deleted(id);
                if (removed != null) {
                    removed.add(id);
                }
            }

            @Override
            public void failed(long id) {
                vectors.deleteFailed(id);
            }
        };
        ArrayFeed feed = new ArrayFeed(ids);
        BatchEngine.Outcome out;
        try {
            out = BatchEngine.run(ctx, settings, new TrackedFeed(feed, vectors), delete, ids.length);
        } finally {
            // A stopped step never sent the rest: those vectors are still live.
            live.keep(ids, feed.handedOut());
        }
        String detail = String.format(Locale.ROOT, "removed %,d by %s (live %,d → %,d)", out.succeeded(), strategy,
                start, live.size());
        if (notFound.get() > 0) {
            detail += String.format(Locale.ROOT, "; %,d keys were already gone on the server", notFound.get());
            ctx.log("WARN", ctx.stepName() + ": " + notFound.get()
                    + " keys vst believed live were already gone (deleted by someone else, or evicted)");
        }
        if (removed != null) {
            long still = Verification.countMissing(ctx, removed.toArray(), false);
            if (still > 0) {
                throw VstException.runtime(String.format(Locale.ROOT,
                        "verify_removal: %,d of %,d removed keys still exist on the server", still, removed.size()),
                        null);
            }
            String numDocs = Verification.numDocsMismatch(ctx);
            if (numDocs != null) {
                throw VstException.runtime("verify_removal: " + numDocs, null);
            }
            detail += ", all verified gone";
        }
        detail += out.errorDetail();
        return WorkloadResult.of(out.succeeded(), out.errors()).withDetail(detail);
    }
}
