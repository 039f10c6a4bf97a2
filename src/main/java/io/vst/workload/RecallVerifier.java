package io.vst.workload;

import io.vst.dataset.ExactKnn;
import io.vst.dataset.LiveSet;
import io.vst.dataset.NativeSgemm;
import io.vst.dataset.VectorSource;
import io.vst.valkey.KnnQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures recall@k in the background: query workers take a {@link #view()} just before they send a
 * sampled query and hand over (query vector, returned keys, view) once it is answered; this thread
 * computes the exact top-k by brute force (on all cores, with the native BLAS where one loads) and
 * compares ids. It never slows the load: when it falls behind, samples are dropped, and counted, and
 * the summary says on how many of the sampled queries recall was verified.
 *
 * <p>The rule (DESIGN.md section 8): a vector must be found if its write was acknowledged before the
 * query was sent; a vector with a write, update or delete in flight at that moment or sent after it
 * (before the check) may or may not be found and counts neither way. Precisely, with {@code U} those
 * unsettled vectors, {@code R} the distinct returned ids (first k) and {@code u = |R ∩ U|}:
 * <pre>
 *   k'       = k − u
 *   expected = the k' nearest of the settled vectors present on the server (that pass the filter)
 *   recall   = |(R \ U) ∩ expected| / k'        (k' capped by how many settled vectors exist)
 * </pre>
 * An exact server answers the top-k of what it holds; its settled members are then exactly the k'
 * nearest settled vectors, so its recall is exactly 1.0 whatever runs beside the queries. Vectors
 * counted unsettled by mistake never change that; they only measure less. A returned key that is not
 * vst's is a wrong hit.
 *
 * <p>Recall is id overlap: an expanded vector ({@code expand_n_row}) found in place of its original
 * is a miss, because it is a different vector.
 */
final class RecallVerifier {

    private record Job(float[] query, List<String> keys, int k, long view, boolean besideWrites) {
    }

    /** The exact nearest {@code depth} ids of each query among {@code candidates}, nearest first. */
    interface Truth {
        long[][] nearest(VectorSource src, long[] candidates, float[][] queries, int depth);
    }

    /** Queued samples; more wait behind a verification in progress are dropped (and counted). */
    static final int QUEUE = 256;
    /** Queries verified in one pass over the candidates (one sgemm per block serves them all). */
    private static final int BATCH = 128;
    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    private static final Truth EXACT = (src, candidates, queries, depth) ->
            ExactKnn.search(src, candidates, queries, depth, THREADS).ids();

    private final WorkloadContext ctx;
    private final AttributeFilter filter;
    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Truth truth;
    private final Thread thread;
    private final AtomicLong sampled = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong noneExpected = new AtomicLong();
    private final AtomicLong measured = new AtomicLong();
    private final AtomicLong beside = new AtomicLong();
    private final AtomicLong unsettledHits = new AtomicLong();
    private final AtomicLong undecided = new AtomicLong();
    private double sum;
    /** Samples of the verification in progress not recorded yet (guarded by this). */
    private int verifying;
    /** Set when {@link #finish} gave up on a verification still running: its results come too late. */
    private boolean abandoned;
    private volatile boolean closing;

    private RecallVerifier(WorkloadContext ctx, AttributeFilter filter, Truth truth) {
        this.ctx = ctx;
        this.filter = filter;
        this.truth = truth;
        this.thread = new Thread(this::loop, "vst-recall-" + ctx.stepName());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * A verifier for queries like {@code template}, or null with a warning in the log when its filter
     * cannot be evaluated on the fields vst writes (then recall is not measured rather than guessed).
     */
    static RecallVerifier start(WorkloadContext ctx, KnnQuery template) {
        return start(ctx, template, EXACT);
    }

    /** As {@link #start(WorkloadContext, KnnQuery)}, with the ground truth computed by {@code truth}. */
    static RecallVerifier start(WorkloadContext ctx, KnnQuery template, Truth truth) {
        AttributeFilter filter = null;
        if (template.filter() != null) {
            try {
                filter = AttributeFilter.parse(template.filter(), ctx.vectors().fields());
            } catch (AttributeFilter.NotMeasurable e) {
                ctx.log("WARN", ctx.stepName() + ": recall is not measured for filter '" + template.filter()
                        + "': " + e.getMessage());
                return null;
            }
        }
        ctx.log("INFO", String.format(Locale.ROOT, "%s: recall ground truth by exact search on %s, %d threads",
                ctx.stepName(), NativeSgemm.describe(), THREADS));
        return new RecallVerifier(ctx, filter, truth);
    }

    /** The view to take just before a sampled query is sent. Any thread. */
    long view() {
        return ctx.vectors().live().view();
    }

    /** Offers one answered query sent after {@code view}; drops it when the verifier is busy. Any thread. */
    void offer(float[] query, List<String> keys, int k, long view) {
        sampled.incrementAndGet();
        boolean busy = ctx.vectors().live().busySince(view);
        if (!queue.offer(new Job(query.clone(), keys, k, view, busy))) {
            dropped.incrementAndGet();
        }
    }

    /** Mean recall of the queries verified so far, or NaN. */
    synchronized double mean() {
        long n = measured.get();
        return n == 0 ? Double.NaN : sum / n;
    }

    /** What was verified, for a step's detail: e.g. {@code ", recall@10 1.0000 over 40 verified queries ..."}. */
    String summary(int k) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, ", recall@%d %.4f over %,d verified queries "
                + "(%,d of them beside writes", k, mean(), measured.get(), beside.get()));
        if (unsettledHits.get() > 0) {
            s.append(String.format(Locale.ROOT, "; %,d hits on vectors written or deleted meanwhile counted neither "
                    + "way", unsettledHits.get()));
        }
        s.append(String.format(Locale.ROOT, "; recall verified on %,d of %,d sampled queries, %,d skipped because "
                + "verification fell behind)", measured.get(), sampled.get(), dropped.get()));
        if (undecided.get() > 0) {
            s.append(String.format(Locale.ROOT, " (%,d samples skipped: too much changed before the check)",
                    undecided.get()));
        }
        if (noneExpected.get() > 0) {
            s.append(String.format(Locale.ROOT, " (%,d samples skipped: no vector was settled to expect)",
                    noneExpected.get()));
        }
        return s.toString();
    }

    private void loop() {
        CurrentVectorSource current = new CurrentVectorSource(ctx.vectors());
        while (!closing || !queue.isEmpty()) {
            Job job;
            try {
                job = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (job == null) {
                continue;
            }
            List<Job> jobs = new ArrayList<>();
            jobs.add(job);
            queue.drainTo(jobs, BATCH - 1);
            synchronized (this) {
                verifying = jobs.size();
            }
            try {
                verify(current, jobs);
            } catch (RuntimeException e) {
                synchronized (this) {
                    dropped.addAndGet(verifying);
                    verifying = 0;
                }
                if (closing && Thread.currentThread().isInterrupted()) {
                    return;
                }
                ctx.log("WARN", ctx.stepName() + ": recall verification of " + jobs.size() + " queries failed: "
                        + e.getMessage());
            }
        }
    }

    private void verify(CurrentVectorSource current, List<Job> jobs) {
        // One view for the batch: the earliest. Counting more vectors as unsettled is always safe.
        long since = Long.MAX_VALUE;
        int k = 0;
        for (Job j : jobs) {
            since = Math.min(since, j.view());
            k = Math.max(k, j.k());
        }
        long[] candidates = ctx.vectors().live().settledSnapshot(since);
        if (filter != null) {
            candidates = filter.keep(candidates);
        }
        // Deeper than k: vectors unsettled while the truth was computed are dropped from it afterwards.
        int depth = (int) Math.min(2L * k, candidates.length);
        long[][] nearest = new long[jobs.size()][];
        if (depth == 0) {
            Arrays.fill(nearest, new long[0]);
        } else {
            float[][] queries = new float[jobs.size()][];
            for (int i = 0; i < jobs.size(); i++) {
                queries[i] = jobs.get(i).query();
            }
            nearest = truth.nearest(current, candidates, queries, depth);
        }
        boolean complete = depth == candidates.length;
        for (int i = 0; i < jobs.size(); i++) {
            record(jobs.get(i), nearest[i], complete, since);
        }
    }

    private double recall(Job job, long[] truth, boolean complete, long since) {
        LiveSet live = ctx.vectors().live();
        Set<Long> returned = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(job.k(), job.keys().size()); i++) {
            long id = ctx.vectors().keys().idOf(job.keys().get(i));
            if (id >= 0) {
                returned.add(id);
            }
        }
        Set<Long> settledHits = new HashSet<>();
        int unsettled = 0;
        for (long id : returned) {
            if (live.settledSince(since, id)) {
                settledHits.add(id);
            } else {
                unsettled++;
            }
        }
        // A server answers with fewer than k hits when a vector it ranked was deleted while it answered (the
        // module, or a scan, then drops the key it can no longer read): beside writes, each missing slot is
        // such a vector in flight and counts neither way. On a still live set a short answer stays a miss.
        int missing = job.besideWrites() ? Math.max(0, job.k() - returned.size()) : 0;
        unsettled += missing;
        int want = job.k() - unsettled;
        Set<Long> expected = new HashSet<>();
        for (int i = 0; i < truth.length && expected.size() < want; i++) {
            if (live.settledSince(since, truth[i])) {
                expected.add(truth[i]);
            }
        }
        unsettledHits.addAndGet(unsettled);
        if (expected.size() < want && !complete) {
            undecided.incrementAndGet();
            return Double.NaN;
        }
        want = expected.size();
        if (want == 0) {
            noneExpected.incrementAndGet();
            return Double.NaN;
        }
        int hits = 0;
        for (long id : settledHits) {
            if (expected.contains(id)) {
                hits++;
            }
        }
        return hits / (double) want;
    }

    /** Computes and records the recall of one job, unless {@link #finish} has abandoned the verification. */
    private synchronized void record(Job job, long[] truth, boolean complete, long since) {
        if (abandoned) {
            return;
        }
        verifying--;
        double r = recall(job, truth, complete, since);
        if (!Double.isNaN(r)) {
            sum += r;
            measured.incrementAndGet();
            if (job.besideWrites()) {
                beside.incrementAndGet();
            }
            ctx.recordRecall(r);
        }
    }

    /**
     * Finishes the queued verifications (bounded by {@code millis}) and stops the thread; samples still
     * queued or in progress then count as skipped because verification fell behind. Returns within about
     * {@code millis} + 1 s even when a verification ignores the interrupt; its results are then left out.
     */
    void finish(long millis) {
        closing = true;
        try {
            thread.join(millis);
            thread.interrupt();
            thread.join(1_000);
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (thread.isAlive()) {
                abandoned = true;
                dropped.addAndGet(verifying);
                verifying = 0;
            }
        }
        dropped.addAndGet(queue.size());
        queue.clear();
    }
}
