package io.vst.workload;

import io.vst.VstException;
import io.vst.dataset.LiveSet;
import io.vst.dataset.RemovalStrategy;
import io.vst.metrics.LatencyRecorder;
import io.vst.metrics.Recorders;
import io.vst.scenario.schema.WorkloadParameters;
import io.vst.valkey.KnnQuery;
import io.vst.valkey.SearchOutcome;
import io.vst.valkey.resp.CommandPipeline;
import io.vst.valkey.resp.ValkeyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Interleaved ingest, query, update and delete operations in the proportions of
 * {@code ingest_ratio}, {@code query_ratio}, {@code update_ratio} and {@code delete_ratio}: the ratios
 * are shares of <em>operations</em> (one vector ingested, one query, one vector updated, one vector
 * deleted), not of batches, whatever the batch sizes ({@link OperationMix}). An ingest batch writes
 * {@code ingest_batch_size} new vectors, a query batch sends {@code query_batch_size} pipelined KNN
 * queries, an update batch rewrites {@code ingest_batch_size} live vectors, a delete batch removes as
 * many; batch sizes are capped at {@code max_batch_size}. {@code max_operations} counts operations. With
 * {@code target_ops_per_second} operations follow an open-loop schedule. Every operation type has its own
 * latency recorder, and the step detail gives the realised mix.
 */
public final class MixedWorkload implements Workload {

    private final PacingClock clock;

    public MixedWorkload() {
        this(PacingClock.SYSTEM);
    }

    /** A workload whose open-loop schedule and latencies run on {@code clock}. */
    MixedWorkload(PacingClock clock) {
        this.clock = clock;
    }

    /** Consecutive batches that did nothing (nothing live to delete, max_vectors reached) before a worker ends. */
    private static final int IDLE_BATCHES_LIMIT = 1000;

    @Override
    public WorkloadResult run(WorkloadContext ctx) {
        WorkloadParameters.Mixed p = WorkloadParameters.Mixed.of(ctx.parameters());
        double[] ratios = p.ratios();
        double sum = ratios[0] + ratios[1] + ratios[2] + ratios[3];
        if (!(sum > 0)) {
            throw VstException.invalidInput("mixed needs at least one positive ratio",
                    "set ingest_ratio, query_ratio, update_ratio or delete_ratio");
        }
        if (ctx.durationSeconds() <= 0 && ctx.maxOperations() <= 0) {
            throw VstException.invalidInput("Step '" + ctx.stepName() + "': a mixed workload needs "
                    + "duration_seconds or max_operations", "add e.g. duration_seconds: 60 to the step");
        }
        Shared s = new Shared(ctx, p, ratios, clock);
        int threads = workerThreads(ctx.config());
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            long seed = ctx.seed() + 31L * w;
            Thread t = new Thread(() -> s.work(seed), "vst-mixed-" + ctx.stepName() + "-" + w);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ctx.stop().stop("interrupted");
            }
        }
        if (s.verifier != null) {
            s.verifier.finish(10_000);
        }
        if (s.fatal.get() != null) {
            throw s.fatal.get();
        }
        long total = s.counts[0].get() + s.counts[1].get() + s.counts[2].get() + s.counts[3].get();
        String detail = String.format(Locale.ROOT, "%,d operations: %,d vectors ingested (%s), %,d queries (%s), "
                + "%,d updated (%s), %,d deleted (%s); live %,d", total, s.counts[0].get(), percent(s.counts[0].get(),
                total), s.counts[1].get(), percent(s.counts[1].get(), total), s.counts[2].get(),
                percent(s.counts[2].get(), total), s.counts[3].get(), percent(s.counts[3].get(), total),
                ctx.vectors().live().size());
        WorkloadResult r = WorkloadResult.of(total, s.errors.get());
        if (s.verifier != null) {
            detail += s.verifier.summary(s.k);
            r = r.withRecall(s.verifier.mean());
        }
        return r.withDetail(detail);
    }

    private static String percent(long part, long total) {
        return String.format(Locale.ROOT, "%.1f %%", total == 0 ? 0.0 : 100.0 * part / total);
    }

    /**
     * Each worker holds one connection and borrows a second for its queries, so with {@code redis_pool_size}
     * at most half the pool's connections' worth of workers run.
     */
    static int workerThreads(io.vst.scenario.GlobalConfig c) {
        int threads = Math.max(1, c.nThreads());
        return c.redisPoolSize() == null ? threads : Math.max(1, Math.min(threads, c.redisPoolSize() / 2));
    }

    /** State shared by the workers of one mixed step. */
    private static final class Shared {
        final WorkloadContext ctx;
        final OperationMix mix;
        final int k;
        final long maxVectors;
        final double rate;
        final PacingClock clock;
        final long startNanos;
        final AtomicLong[] counts = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};
        final AtomicLong errors = new AtomicLong();
        final AtomicLong cursor = new AtomicLong();
        /** New vectors being written under max_vectors (guarded by this). */
        long ingestsInFlight;
        final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        final IdSequence order;
        /** Ids the other shards of a sharded run hold: never written here. */
        final OtherShards others;
        final QueryPool pool;
        final KnnQuery template;
        final RecallVerifier verifier;
        final double sampleRate;
        final LatencyRecorder[] rec;
        /** Updates hold it shared, deletes exclusively, so an update never re-creates a key being deleted. */
        final java.util.concurrent.locks.ReadWriteLock churn = new java.util.concurrent.locks.ReentrantReadWriteLock();

        Shared(WorkloadContext ctx, WorkloadParameters.Mixed p, double[] ratios, PacingClock clock) {
            this.ctx = ctx;
            this.clock = clock;
            this.startNanos = clock.nanoTime();
            int ingestBatch = BatchSettings.capped(ctx.config(), p.ingestBatchSize());
            int queryBatch = BatchSettings.capped(ctx.config(), p.queryBatchSize());
            mix = new OperationMix(ratios, new int[] {ingestBatch, queryBatch, ingestBatch, ingestBatch},
                    ctx.maxOperations());
            k = p.query().k();
            maxVectors = p.maxVectors() == null ? 0 : p.maxVectors();
            rate = p.targetOpsPerSecond() == null ? 0 : p.targetOpsPerSecond();
            order = new IdSequence(0, ctx.vectors().source().size(), false, ctx.seed())
                    .shard(ctx.shardIndex(), ctx.shardCount());
            others = OtherShards.read(ctx);
            boolean queries = ratios[1] > 0;
            pool = queries ? QueryPool.from(ctx.vectors(), QueryWorkload.poolSize(p.query()), false) : null;
            template = queries ? QueryWorkload.template(ctx, p.query()) : null;
            verifier = queries && p.query().verifyResults() ? RecallVerifier.start(ctx, template) : null;
            sampleRate = p.query().recallSampleRate();
            Recorders r = ctx.recorders();
            rec = new LatencyRecorder[] {r.get(Recorders.INGEST), r.get(Recorders.QUERY), r.get(Recorders.UPDATE),
                r.get(Recorders.DELETE)};
        }

        void work(long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            float[] scratch = new float[ctx.vectors().dimensions()];
            CommandPipeline pipe = null;
            int idle = 0;
            try {
                while (!ctx.stop().isStopped() && !ctx.timeIsUp()) {
                    ctx.pausePoint();
                    OperationMix.Batch b = mix.next();
                    if (b == null) {
                        return;
                    }
                    long intended = rate > 0 ? startNanos + (long) (b.firstOperation() * 1e9 / rate) : clock.nanoTime();
                    if (rate > 0 && !clock.waitUntil(intended, ctx)) {
                        return;
                    }
                    OperationMix.Op op = b.op();
                    if (op != OperationMix.Op.QUERY && pipe == null) {
                        pipe = ctx.commands().pipeline();
                    }
                    CommandPipeline current = pipe;
                    long n = 0;
                    try {
                        n = switch (op) {
                            case INGEST -> ingest(current, scratch, b.size());
                            case QUERY -> query(rnd, b.size());
                            case UPDATE -> locked(churn.readLock(), () -> update(current, scratch, rnd, b.size()));
                            case DELETE -> locked(churn.writeLock(), () -> delete(current, b.size()));
                        };
                        long nanos = clock.nanoTime() - intended;
                        if (n > 0) {
                            rec[op.ordinal()].recordBatch(nanos, (int) n);
                        }
                        if (ctx.config().enableDetailedLogging()) {
                            ctx.log("DEBUG", String.format(Locale.ROOT, "%s %s: batch of %d, %d done, %.3f ms",
                                    ctx.stepName(), op.name().toLowerCase(Locale.ROOT), b.size(), n, nanos / 1e6));
                        }
                        counts[op.ordinal()].addAndGet(n);
                    } catch (ValkeyException e) {
                        errors.incrementAndGet();
                        rec[op.ordinal()].recordError();
                        if (pipe != null) {
                            pipe.close();
                            pipe = null;
                        }
                        if (!e.isTransient() && !ctx.config().continueOnError()) {
                            throw e;
                        }
                    } finally {
                        mix.settle(b, n);
                    }
                    idle = n > 0 ? 0 : idle + 1;
                    if (idle >= IDLE_BATCHES_LIMIT) {
                        ctx.log("WARN", ctx.stepName() + ": a mixed worker ends: its last " + IDLE_BATCHES_LIMIT
                                + " batches found nothing to do (no live vectors to update or delete, or max_vectors reached)");
                        return;
                    }
                    long done = counts[0].get() + counts[1].get() + counts[2].get() + counts[3].get();
                    ctx.progress(done, ctx.maxOperations() > 0 ? ctx.maxOperations() : -1);
                }
            } catch (RuntimeException e) {
                fatal.compareAndSet(null, e);
                ctx.stop().stop("mixed workload failed: " + e.getMessage());
            } finally {
                if (pipe != null) {
                    pipe.close();
                }
            }
        }

        private static long locked(java.util.concurrent.locks.Lock lock, java.util.function.LongSupplier body) {
            lock.lock();
            try {
                return body.getAsLong();
            } finally {
                lock.unlock();
            }
        }

        private long ingest(CommandPipeline pipe, float[] scratch, int size) {
            LiveSet live = ctx.vectors().live();
            int room = reserveRoom(live, size);
            try {
                List<Long> ids = new ArrayList<>(room);
                while (ids.size() < room) {
                    long id = order.idAt(cursor.getAndIncrement());
                    if (!live.contains(id) && !others.holds(id)) {
                        ids.add(id);
                        ctx.vectors().sending(id);
                        pipe.hset(ctx.vectors().keys().key(id),
                                ctx.vectors().hsetArguments(id, ctx.vectors().encode(id, scratch)));
                    }
                }
                return ids.isEmpty() ? 0 : settle(pipe.sync(), ids, ctx.vectors()::written);
            } finally {
                releaseRoom(room);
            }
        }

        /**
         * How many of {@code size} new vectors may be written now without passing {@code max_vectors},
         * counting the ingests other workers have in flight; held until {@link #releaseRoom}.
         */
        private synchronized int reserveRoom(LiveSet live, int size) {
            if (maxVectors <= 0) {
                return size;
            }
            int room = (int) Math.max(0, Math.min(size, maxVectors - live.size() - ingestsInFlight));
            ingestsInFlight += room;
            return room;
        }

        private synchronized void releaseRoom(int room) {
            if (maxVectors > 0) {
                ingestsInFlight -= room;
            }
        }

        private long update(CommandPipeline pipe, float[] scratch, SplittableRandom rnd, int size) {
            LiveSet live = ctx.vectors().live();
            if (live.size() == 0) {
                return 0;
            }
            long[] chosen = UpdateWorkload.choose(live, Math.min(size, live.size()), "random", rnd.nextLong());
            List<Long> ids = new ArrayList<>(chosen.length);
            for (long id : chosen) {
                ids.add(id);
                ctx.vectors().sending(id);
                pipe.hset(ctx.vectors().keys().key(id),
                        ctx.vectors().hsetArguments(id, ctx.vectors().encodeNextVersion(id, scratch)));
            }
            return settle(pipe.sync(), ids, ctx.vectors()::updated);
        }

        private long delete(CommandPipeline pipe, int size) {
            long[] taken = ctx.vectors().takeForRemoval(size, RemovalStrategy.RANDOM);
            List<Long> ids = new ArrayList<>(taken.length);
            for (long id : taken) {
                ids.add(id);
                ctx.vectors().sending(id);
                pipe.del(ctx.vectors().keys().key(id));
            }
            List<Object> replies = pipe.sync();
            long ok = 0;
            for (int j = 0; j < replies.size(); j++) {
                if (replies.get(j) instanceof ValkeyException) {
                    ctx.vectors().deleteFailed(ids.get(j));
                    errors.incrementAndGet();
                } else {
                    ctx.vectors().deleted(ids.get(j));
                    ok++;
                }
            }
            return ok;
        }

        private long query(SplittableRandom rnd, int queryBatch) {
            List<KnnQuery> batch = new ArrayList<>(queryBatch);
            long[] rows = new long[queryBatch];
            for (int j = 0; j < queryBatch; j++) {
                rows[j] = rnd.nextInt(pool.size());
                batch.add(QueryWorkload.withBlob(template, pool.blob(rows[j])));
            }
            long view = verifier != null && rnd.nextDouble() < sampleRate ? verifier.view() : -1;
            List<SearchOutcome> out = queryBatch == 1
                    ? List.of(new SearchOutcome(ctx.commands().search(batch.get(0)), null))
                    : ctx.commands().searchBatch(batch);
            long ok = 0;
            for (int j = 0; j < out.size(); j++) {
                SearchOutcome o = out.get(j);
                if (o.isOk()) {
                    ok++;
                    if (view >= 0) {
                        verifier.offer(pool.vector(rows[j]), o.result().keys(), k, view);
                    }
                } else {
                    errors.incrementAndGet();
                }
            }
            return ok;
        }

        private long settle(List<Object> replies, List<Long> ids, java.util.function.LongConsumer onSuccess) {
            long ok = 0;
            ValkeyException first = null;
            for (int j = 0; j < replies.size(); j++) {
                if (replies.get(j) instanceof ValkeyException e) {
                    errors.incrementAndGet();
                    ctx.vectors().failed(ids.get(j));
                    first = first == null ? e : first;
                } else {
                    onSuccess.accept(ids.get(j));
                    ok++;
                }
            }
            // Every reply is recorded first, so nothing stays in flight when the step stops on the error.
            if (first != null && !ctx.config().continueOnError()) {
                throw first;
            }
            return ok;
        }
    }
}
