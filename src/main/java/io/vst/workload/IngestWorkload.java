package io.vst.workload;

import io.vst.VstException;
import io.vst.dataset.LiveSet;
import io.vst.metrics.Recorders;
import io.vst.scenario.schema.WorkloadParameters;
import io.vst.valkey.resp.CommandPipeline;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Adds vectors until {@code target_vectors} are live (an absolute count). Ids are visited from
 * {@code start_index} upwards (or shuffled), skipping ids already live; past the dataset's size the
 * source's expansions are used. Each vector is {@code HSET <prefix><id> vector <dim·4 bytes LE FLOAT32>}.
 * Workers take disjoint runs of positions from one shared cursor, so no id is written twice and none is
 * skipped. On a sharded run ({@code vst run --shard I/N}) the shard takes positions I, I+N, I+2N, ... of the
 * order, up to its share of the target, and skips the ids the other shards hold ({@link OtherShards}). With
 * {@code validate_ingestion} (or {@code verify_operations}), every written key is checked with
 * EXISTS afterwards, a sample is read back byte for byte, and with the search module FT.INFO
 * {@code num_docs} must equal the live count; {@code skip_verification} turns all of it off.
 */
public final class IngestWorkload implements Workload {

    /** HASH field holding the vector. */
    public static final byte[] VECTOR_FIELD = "vector".getBytes(StandardCharsets.UTF_8);

    @Override
    public WorkloadResult run(WorkloadContext ctx) {
        LiveVectors vectors = ctx.vectors();
        LiveSet live = vectors.live();
        long start = live.size();
        WorkloadParameters.Ingest in = WorkloadParameters.Ingest.of(ctx.parameters());
        long whole = Targets.absolute(in.targetVectors());
        long target = Targets.absolute(ctx, whole);
        long toAdd = Targets.bounded(target - start, ctx);
        if (toAdd <= 0) {
            return WorkloadResult.of(0, 0).withDetail(String.format(Locale.ROOT,
                    "%,d vectors already live (target %,d): nothing to add", start, target));
        }
        // The order of the whole scenario (its span is the whole target), of which this shard takes its positions.
        IdSequence order = IdSequence.forIngest(in.startIndex(), vectors.keys().baseSize(), whole, in.shuffle(),
                ctx.seed() * 31 + in.seed()).shard(ctx.shardIndex(), ctx.shardCount());
        // Its ids lie below start_index + the scenario's whole target (a shuffled dataset's may reach to the end of its
        // rows, for which the live set grows as it did before).
        live.reserve(in.startIndex(), Math.min(in.startIndex() + whole, Integer.MAX_VALUE));
        Feed feed = new Feed(order, live, OtherShards.read(ctx), toAdd);
        boolean validate = Verification.wanted(ctx, in.validateIngestion());
        LongBag written = validate ? new LongBag() : null;
        BatchSettings settings = BatchSettings.of(ctx, Recorders.INGEST, "batch_size", vectors.dimensions() * 4 + 32);
        BatchEngine.Outcome out = BatchEngine.run(ctx, settings, new TrackedFeed(feed, vectors), new BatchEngine.Command() {
            @Override
            public void enqueue(CommandPipeline pipe, long id, float[] scratch) {
                vectors.read(id, scratch);
                pipe.hsetVector(vectors.keys().key(id), VECTOR_FIELD, scratch, vectors.fields().extraArguments(id));
            }

            @Override
            public void succeeded(long id, Object reply) {
                vectors.written(id);
                if (written != null) {
                    written.add(id);
                }
            }

            @Override
            public void succeeded(long[] ids, Object[] replies, int n) {
                vectors.written(ids, n);
                if (written != null) {
                    for (int i = 0; i < n; i++) {
                        written.add(ids[i]);
                    }
                }
            }

            @Override
            public void failed(long id) {
                vectors.failed(id);
            }
        }, toAdd);
        String detail = String.format(Locale.ROOT, "added %,d (live %,d → %,d)", out.succeeded(), start, live.size());
        if (validate) {
            long missing = Verification.countMissing(ctx, written.toArray(), true);
            if (missing > 0) {
                throw VstException.runtime(String.format(Locale.ROOT,
                        "validate_ingestion: %,d of %,d written keys are missing on the server", missing,
                        out.succeeded()), null);
            }
            String numDocs = Verification.numDocsMismatch(ctx);
            if (numDocs != null) {
                throw VstException.runtime("validate_ingestion: " + numDocs, null);
            }
            detail += ctx.searchAvailable() ? ", all verified (keys and num_docs)" : ", all verified";
        }
        detail += out.errorDetail();
        return WorkloadResult.of(out.succeeded(), out.errors()).withDetail(detail);
    }

    /** Hands out the next ids that are not live, in the configured order, up to the quota. */
    private static final class Feed implements BatchEngine.IdFeed {
        private final IdSequence order;
        private final LiveSet live;
        private final OtherShards others;
        private final AtomicLong quota;
        private final AtomicLong position = new AtomicLong();

        Feed(IdSequence order, LiveSet live, OtherShards others, long quota) {
            this.order = order;
            this.live = live;
            this.others = others;
            this.quota = new AtomicLong(quota);
        }

        @Override
        public int next(long[] into, int max) {
            long want = reserve(max);
            int n = 0;
            while (n < want) {
                // Claim positions in runs of the remaining need, so workers never share a position.
                int need = (int) (want - n);
                long first = position.getAndAdd(need);
                for (int j = 0; j < need; j++) {
                    into[n + j] = order.idAt(first + j);
                }
                n = others.drop(into, n, live.dropLive(into, n, n + need));
            }
            return n;
        }

        private long reserve(int max) {
            while (true) {
                long left = quota.get();
                long take = Math.min(left, max);
                if (take <= 0) {
                    return 0;
                }
                if (quota.compareAndSet(left, left - take)) {
                    return take;
                }
            }
        }
    }
}
