package io.vst.workload;

import io.vst.VstException;
import io.vst.metrics.LatencyRecorder;
import io.vst.metrics.Recorders;
import io.vst.scenario.schema.WorkloadParameters;
import io.vst.valkey.KnnQuery;
import io.vst.valkey.SearchResult;
import io.vst.valkey.resp.ValkeyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * KNN queries ({@code FT.SEARCH ... =>[KNN k @vector $BLOB]} with {@code LIMIT 0 k}) from the dataset's
 * query vectors, by {@code n_threads} workers with one query in flight each.
 *
 * <p>Without {@code queries_per_second} the workers run closed-loop (each sends the next query when the
 * last one returns). With it, queries follow one global open-loop schedule: query {@code i} is due at
 * {@code start + i / rate}, and its latency is measured from that intended start, so a server stall
 * shows up in the latency of every query it delayed (coordinated omission corrected).
 *
 * <p>The step runs for {@code duration_seconds}, or {@code max_operations} queries, or else once through
 * the query pool. With {@code verify_results}, a {@code recall_sample_rate} share of the answers is
 * checked in the background against the exact top-k over the vectors whose writes were acknowledged before
 * the query was sent (and that pass its {@code filter}); vectors written or deleted meanwhile count neither
 * way ({@link RecallVerifier}).
 */
public final class QueryWorkload implements Workload {

    private final PacingClock clock;

    public QueryWorkload() {
        this(PacingClock.SYSTEM);
    }

    /** A workload whose open-loop schedule and latencies run on {@code clock}. */
    QueryWorkload(PacingClock clock) {
        this.clock = clock;
    }

    @Override
    public WorkloadResult run(WorkloadContext ctx) {
        WorkloadParameters.Query q = WorkloadParameters.Query.of(ctx.parameters());
        int k = q.k();
        if (k < 1) {
            throw VstException.invalidInput("query_k must be at least 1, got " + k, null);
        }
        QueryPool pool = QueryPool.from(ctx.vectors(), poolSize(q), q.useExpandedQueries());
        KnnQuery template = template(ctx, q);
        double qps = q.queriesPerSecond() == null ? 0 : q.queriesPerSecond();
        long total = ctx.maxOperations() > 0 ? ctx.maxOperations()
                : ctx.durationSeconds() > 0 ? Long.MAX_VALUE : ctx.share(pool.size());
        double sampleRate = q.recallSampleRate();
        LatencyRecorder rec = ctx.recorders().get(Recorders.QUERY);
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        long startNanos = clock.nanoTime();
        int threads = Math.max(1, ctx.config().nThreads());
        RecallVerifier verifier = q.verifyResults() ? RecallVerifier.start(ctx, template) : null;
        try {
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                long seed = ctx.seed() + w;
                Thread t = new Thread(() -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    try {
                        while (!ctx.stop().isStopped() && !ctx.timeIsUp()) {
                            ctx.pausePoint();
                            long i = next.getAndIncrement();
                            if (i >= total) {
                                return;
                            }
                            long intended = qps > 0 ? startNanos + (long) (i * 1e9 / qps) : clock.nanoTime();
                            if (qps > 0 && !clock.waitUntil(intended, ctx)) {
                                return;
                            }
                            try {
                                // The view is taken before the query is sent: see RecallVerifier.
                                long view = verifier != null && rnd.nextDouble() < sampleRate ? verifier.view() : -1;
                                SearchResult r = ctx.commands().search(withBlob(template, pool.blob(i)));
                                rec.recordFromIntendedStart(intended, clock.nanoTime());
                                done.incrementAndGet();
                                if (view >= 0) {
                                    verifier.offer(pool.vector(i), r.keys(), k, view);
                                }
                            } catch (ValkeyException e) {
                                errors.incrementAndGet();
                                rec.recordError();
                                if (!e.isTransient() && !ctx.config().continueOnError()) {
                                    throw e;
                                }
                            }
                            ctx.progress(done.get(), total == Long.MAX_VALUE ? -1 : total);
                        }
                    } catch (RuntimeException e) {
                        fatal.compareAndSet(null, e);
                        ctx.stop().stop("query failed: " + e.getMessage());
                    }
                }, "vst-query-" + ctx.stepName() + "-" + w);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
            for (Thread t : workers) {
                join(t, ctx);
            }
        } finally {
            if (verifier != null) {
                verifier.finish(10_000);
            }
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        // The rate is the step's (operations over the time spent on them), added by the engine.
        String detail = String.format(Locale.ROOT, "%,d queries (k=%d)%s", done.get(), k,
                qps > 0 ? String.format(Locale.ROOT, " (target %.1f q/s)", qps) : "");
        WorkloadResult result = WorkloadResult.of(done.get(), errors.get());
        if (verifier != null) {
            detail += verifier.summary(k);
            result = result.withRecall(verifier.mean());
        }
        return result.withDetail(detail);
    }

    /** The query without its vector: k, EF_RUNTIME, filter and what each hit returns. */
    static KnnQuery template(WorkloadContext ctx, WorkloadParameters.Query p) {
        KnnQuery q = KnnQuery.of(ctx.index().name(), "vector", p.k(), new byte[0]);
        if (p.efRuntime() != null) {
            q = q.withEfRuntime(p.efRuntime());
        }
        String filter = p.filter();
        if (filter != null && !filter.isBlank()) {
            q = q.withFilter(filter);
        }
        if (p.nocontent()) {
            q = q.withNoContent(true);
        } else if (p.returnFields() != null) {
            q = q.withReturnFields(p.returnFields());
        }
        return q;
    }

    /** Distinct query vectors to draw from; 0 = all the dataset has. */
    static int poolSize(WorkloadParameters.Query p) {
        return p.queryVectors() == null ? 0 : (int) Math.min(Integer.MAX_VALUE, p.queryVectors());
    }

    static KnnQuery withBlob(KnnQuery t, byte[] blob) {
        return new KnnQuery(t.index(), t.vectorField(), t.k(), blob, t.filter(), t.efRuntime(), t.scoreAlias(),
                t.returnFields(), t.noContent());
    }

    private static void join(Thread t, WorkloadContext ctx) {
        try {
            while (t.isAlive()) {
                t.join(100);
                if (ctx.stop().isStopped()) {
                    t.join(2000);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.stop().stop("interrupted");
        }
    }
}
