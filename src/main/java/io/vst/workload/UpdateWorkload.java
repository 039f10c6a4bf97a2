package io.vst.workload;

import io.vst.dataset.LiveSet;
import io.vst.metrics.Recorders;
import io.vst.scenario.schema.WorkloadParameters;
import io.vst.valkey.resp.CommandPipeline;
import java.util.Locale;

/**
 * Overwrites live vectors with a new version (the original plus a small seeded offset), so the
 * index must replace each entry: {@code update_vectors} of them (all live when absent), chosen by
 * {@code selection} (random, oldest, newest). The live count does not change. With
 * {@code verify_operations} a sample of the updated vectors is read back and compared byte for byte.
 */
public final class UpdateWorkload implements Workload {

    /** Picks {@code k} live ids without removing them: random (seeded), oldest or newest. */
    static long[] choose(LiveSet live, int k, String selection, long seed) {
        long[] order = live.insertionOrder();
        switch (selection) {
            case "oldest" -> {
                return java.util.Arrays.copyOf(order, k);
            }
            case "newest" -> {
                return java.util.Arrays.copyOfRange(order, order.length - k, order.length);
            }
            case "random" -> {
                java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
                for (int i = 0; i < k; i++) {
                    int j = i + rnd.nextInt(order.length - i);
                    long t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                return java.util.Arrays.copyOf(order, k);
            }
            default -> throw io.vst.VstException.invalidInput("Unknown selection '" + selection + "'",
                    "use one of random, oldest, newest");
        }
    }

    @Override
    public WorkloadResult run(WorkloadContext ctx) {
        LiveVectors vectors = ctx.vectors();
        LiveSet live = vectors.live();
        WorkloadParameters.Update in = WorkloadParameters.Update.of(ctx.parameters());
        long count = in.updateVectors() != null ? in.updateVectors() : live.size();
        count = Math.min(count, live.size());
        if (ctx.maxOperations() > 0) {
            count = Math.min(count, ctx.maxOperations());
        }
        if (count <= 0) {
            return WorkloadResult.of(0, 0).withDetail("no live vectors to update");
        }
        String selection = in.selection();
        long[] ids = choose(live, (int) count, selection, ctx.seed());
        // verify_operations given as a parameter is a config key: the plan merged it into the step's config
        LongBag updated = Verification.wanted(ctx) ? new LongBag() : null;
        BatchSettings settings = BatchSettings.of(ctx, Recorders.UPDATE, "batch_size", vectors.dimensions() * 4 + 32);
        BatchEngine.IdFeed feed = new TrackedFeed(new ArrayFeed(ids), vectors);
        BatchEngine.Outcome out = BatchEngine.run(ctx, settings, feed, new BatchEngine.Command() {
            @Override
            public void enqueue(CommandPipeline pipe, long id, float[] scratch) {
                pipe.hset(vectors.keys().key(id), vectors.hsetArguments(id, vectors.encodeNextVersion(id, scratch)));
            }

            @Override
            public void succeeded(long id, Object reply) {
                vectors.updated(id);
                if (updated != null) {
                    updated.add(id);
                }
            }

            @Override
            public void failed(long id) {
                vectors.failed(id);
            }
        }, ids.length);
        String detail = String.format(Locale.ROOT, "updated %,d by %s selection", out.succeeded(), selection);
        if (updated != null) {
            long wrong = Verification.countMissing(ctx, updated.toArray(), true);
            if (wrong > 0) {
                throw io.vst.VstException.runtime(String.format(Locale.ROOT,
                        "verify_operations: %,d of %,d updated vectors are missing or differ on the server", wrong,
                        out.succeeded()), null);
            }
            detail += ", all verified";
        }
        return WorkloadResult.of(out.succeeded(), out.errors()).withDetail(detail + out.errorDetail());
    }
}
