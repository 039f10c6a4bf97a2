package io.vst.workload;

import io.vst.dataset.ExactKnn;
import io.vst.dataset.Neighbors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures recall@k in the background: query workers hand over a sample of (query vector, returned
 * keys); this thread computes the exact top-k over the vectors live at that moment (brute force) and
 * compares ids. It never slows the load: when it falls behind, samples are dropped, and counted.
 *
 * <p>Recall is id overlap: an expanded vector ({@code expand_n_row}) found in place of its original
 * is a miss, because it is a different vector.
 */
final class RecallVerifier implements AutoCloseable {

    private record Job(float[] query, List<String> keys, int k) {
    }

    private final WorkloadContext ctx;
    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(64);
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong measured = new AtomicLong();
    private double sum;
    private volatile boolean closing;

    RecallVerifier(WorkloadContext ctx) {
        this.ctx = ctx;
        this.thread = new Thread(this::loop, "vst-recall-" + ctx.stepName());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Offers one answered query for verification; drops it when the verifier is busy. Any thread. */
    void offer(float[] query, List<String> keys, int k) {
        if (!queue.offer(new Job(query.clone(), keys, k))) {
            dropped.incrementAndGet();
        }
    }

    /** Mean recall of the queries verified so far, or NaN. */
    synchronized double mean() {
        long n = measured.get();
        return n == 0 ? Double.NaN : sum / n;
    }

    long measuredCount() {
        return measured.get();
    }

    long droppedCount() {
        return dropped.get();
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
            queue.drainTo(jobs, 15);
            long[] live = ctx.vectors().live().snapshot();
            if (live.length == 0) {
                continue;
            }
            float[][] queries = new float[jobs.size()][];
            int k = 0;
            for (int i = 0; i < jobs.size(); i++) {
                queries[i] = jobs.get(i).query();
                k = Math.max(k, jobs.get(i).k());
            }
            Neighbors truth = ExactKnn.search(current, live, queries, Math.min(k, live.length), 1);
            for (int i = 0; i < jobs.size(); i++) {
                record(recall(jobs.get(i), truth.ids()[i]));
            }
        }
    }

    private double recall(Job job, long[] truthIds) {
        int k = Math.min(job.k(), truthIds.length);
        if (k == 0) {
            return Double.NaN;
        }
        Set<String> truth = new HashSet<>();
        for (int i = 0; i < k; i++) {
            truth.add(ctx.vectors().keys().keyString(truthIds[i]));
        }
        int hits = 0;
        for (int i = 0; i < Math.min(k, job.keys().size()); i++) {
            if (truth.contains(job.keys().get(i))) {
                hits++;
            }
        }
        return hits / (double) k;
    }

    private synchronized void record(double r) {
        if (!Double.isNaN(r)) {
            sum += r;
            measured.incrementAndGet();
            ctx.recordRecall(r);
        }
    }

    /** Finishes the queued verifications (bounded by {@code millis}) and stops the thread. */
    void finish(long millis) {
        closing = true;
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }

    @Override
    public void close() {
        finish(0);
    }
}
