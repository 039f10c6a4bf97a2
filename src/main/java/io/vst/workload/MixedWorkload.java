package io.vst.workload;

import io.vst.VstException;
import io.vst.dataset.LiveSet;
import io.vst.dataset.RemovalStrategy;
import io.vst.metrics.LatencyRecorder;
import io.vst.metrics.Recorders;
import io.vst.scenario.Parameters;
import io.vst.valkey.CommandPipeline;
import io.vst.valkey.KnnQuery;
import io.vst.valkey.SearchOutcome;
import io.vst.valkey.ValkeyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Interleaved ingest, query, update and delete operations in the proportions of
 * {@code ingest_ratio}, {@code query_ratio}, {@code update_ratio} and {@code delete_ratio}. Each worker
 * draws the next operation at random (seeded); an ingest writes {@code ingest_batch_size} new vectors,
 * a query operation sends {@code query_batch_size} pipelined KNN queries, an update rewrites
 * {@code ingest_batch_size} live vectors, a delete removes as many. With {@code target_ops_per_second}
 * operations follow an open-loop schedule. Every operation type has its own latency recorder.
 */
public final class MixedWorkload implements Workload {

    private enum Op { INGEST, QUERY, UPDATE, DELETE }

    @Override
    public WorkloadResult run(WorkloadContext ctx) {
        Parameters p = ctx.parameters();
        double[] ratios = {p.getDouble("ingest_ratio", 0), p.getDouble("query_ratio", 0),
            p.getDouble("update_ratio", 0), p.getDouble("delete_ratio", 0)};
        double sum = ratios[0] + ratios[1] + ratios[2] + ratios[3];
        if (!(sum > 0)) {
            throw VstException.invalidInput("mixed needs at least one positive ratio",
                    "set ingest_ratio, query_ratio, update_ratio or delete_ratio");
        }
        if (ctx.durationSeconds() <= 0 && ctx.maxOperations() <= 0) {
            throw VstException.invalidInput("Step '" + ctx.stepName() + "': a mixed workload needs "
                    + "duration_seconds or max_operations", "add e.g. duration_seconds: 60 to the step");
        }
        Shared s = new Shared(ctx, p, ratios, sum);
        int threads = Math.max(1, ctx.config().nThreads());
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
        String detail = String.format(Locale.ROOT, "%,d operations: %,d vectors ingested, %,d queries, %,d updated, "
                + "%,d deleted; live %,d", s.ops.get(), s.counts[0].get(), s.counts[1].get(), s.counts[2].get(),
                s.counts[3].get(), ctx.vectors().live().size());
        WorkloadResult r = WorkloadResult.of(s.counts[0].get() + s.counts[1].get() + s.counts[2].get()
                + s.counts[3].get(), s.errors.get());
        if (s.verifier != null) {
            detail += s.verifier.summary(s.k);
            r = r.withRecall(s.verifier.mean());
        }
        return r.withDetail(detail);
    }

    /** State shared by the workers of one mixed step. */
    private static final class Shared {
        final WorkloadContext ctx;
        final double[] cumulative = new double[4];
        final int ingestBatch;
        final int queryBatch;
        final int k;
        final long maxVectors;
        final double rate;
        final long startNanos = System.nanoTime();
        final AtomicLong ops = new AtomicLong();
        final AtomicLong[] counts = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};
        final AtomicLong errors = new AtomicLong();
        final AtomicLong cursor = new AtomicLong();
        final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        final IdSequence order;
        final QueryPool pool;
        final KnnQuery template;
        final RecallVerifier verifier;
        final double sampleRate;
        final LatencyRecorder[] rec;
        /** Updates hold it shared, deletes exclusively, so an update never re-creates a key being deleted. */
        final java.util.concurrent.locks.ReadWriteLock churn = new java.util.concurrent.locks.ReentrantReadWriteLock();

        Shared(WorkloadContext ctx, Parameters p, double[] ratios, double sum) {
            this.ctx = ctx;
            double acc = 0;
            for (int i = 0; i < 4; i++) {
                acc += ratios[i] / sum;
                cumulative[i] = acc;
            }
            ingestBatch = Math.max(1, p.getInt("ingest_batch_size", 100));
            queryBatch = Math.max(1, p.getInt("query_batch_size", 1));
            k = p.getInt("query_k", 10);
            maxVectors = p.getLong("max_vectors", 0);
            rate = p.getDouble("target_ops_per_second", 0);
            order = new IdSequence(0, ctx.vectors().source().size(), false, ctx.seed());
            boolean queries = ratios[1] > 0;
            pool = queries ? QueryPool.from(ctx.vectors(), p.getInt("query_vectors", 0), false) : null;
            template = queries ? QueryWorkload.template(ctx, p, k) : null;
            verifier = queries && p.getBool("verify_results", false) ? RecallVerifier.start(ctx, template) : null;
            sampleRate = p.getDouble("recall_sample_rate", 0.1);
            Recorders r = ctx.recorders();
            rec = new LatencyRecorder[] {r.get(Recorders.INGEST), r.get(Recorders.QUERY), r.get(Recorders.UPDATE),
                r.get(Recorders.DELETE)};
        }

        void work(long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            float[] scratch = new float[ctx.vectors().dimensions()];
            CommandPipeline pipe = null;
            try {
                while (!ctx.stop().isStopped() && !ctx.timeIsUp()) {
                    ctx.pausePoint();
                    long i = ops.getAndIncrement();
                    if (ctx.maxOperations() > 0 && i >= ctx.maxOperations()) {
                        return;
                    }
                    long intended = rate > 0 ? startNanos + (long) (i * 1e9 / rate) : System.nanoTime();
                    if (rate > 0 && !QueryWorkload.waitUntil(intended, ctx)) {
                        return;
                    }
                    Op op = pick(rnd.nextDouble());
                    if (op != Op.QUERY && pipe == null) {
                        pipe = ctx.client().pipeline();
                    }
                    CommandPipeline current = pipe;
                    try {
                        long n = switch (op) {
                            case INGEST -> ingest(current, scratch);
                            case QUERY -> query(rnd);
                            case UPDATE -> locked(churn.readLock(), () -> update(current, scratch, rnd));
                            case DELETE -> locked(churn.writeLock(), () -> delete(current));
                        };
                        rec[op.ordinal()].recordBatch(System.nanoTime() - intended, (int) Math.max(1, n));
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
                    }
                    ctx.progress(ops.get(), ctx.maxOperations() > 0 ? ctx.maxOperations() : -1);
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

        private Op pick(double u) {
            for (int i = 0; i < 3; i++) {
                if (u < cumulative[i]) {
                    return Op.values()[i];
                }
            }
            return Op.DELETE;
        }

        private long ingest(CommandPipeline pipe, float[] scratch) {
            LiveSet live = ctx.vectors().live();
            List<Long> ids = new ArrayList<>(ingestBatch);
            while (ids.size() < ingestBatch && (maxVectors <= 0 || live.size() + ids.size() < maxVectors)) {
                long id = order.idAt(cursor.getAndIncrement());
                if (!live.contains(id)) {
                    ids.add(id);
                    ctx.vectors().sending(id);
                    pipe.hset(ctx.vectors().keys().key(id),
                            ctx.vectors().hsetArguments(id, ctx.vectors().encode(id, scratch)));
                }
            }
            List<Object> replies = pipe.sync();
            return settle(replies, ids, ctx.vectors()::written);
        }

        private long update(CommandPipeline pipe, float[] scratch, SplittableRandom rnd) {
            LiveSet live = ctx.vectors().live();
            if (live.size() == 0) {
                return 0;
            }
            long[] chosen = UpdateWorkload.choose(live, Math.min(ingestBatch, live.size()), "random", rnd.nextLong());
            List<Long> ids = new ArrayList<>(chosen.length);
            for (long id : chosen) {
                ids.add(id);
                ctx.vectors().sending(id);
                pipe.hset(ctx.vectors().keys().key(id),
                        ctx.vectors().hsetArguments(id, ctx.vectors().encodeNextVersion(id, scratch)));
            }
            return settle(pipe.sync(), ids, ctx.vectors()::updated);
        }

        private long delete(CommandPipeline pipe) {
            long[] taken = ctx.vectors().takeForRemoval(ingestBatch, RemovalStrategy.RANDOM);
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

        private long query(SplittableRandom rnd) {
            List<KnnQuery> batch = new ArrayList<>(queryBatch);
            long[] rows = new long[queryBatch];
            for (int j = 0; j < queryBatch; j++) {
                rows[j] = rnd.nextInt(pool.size());
                batch.add(QueryWorkload.withBlob(template, pool.blob(rows[j])));
            }
            long view = verifier != null && rnd.nextDouble() < sampleRate ? verifier.view() : -1;
            List<SearchOutcome> out = queryBatch == 1
                    ? List.of(new SearchOutcome(ctx.client().search(batch.get(0)), null))
                    : ctx.client().searchBatch(batch);
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
