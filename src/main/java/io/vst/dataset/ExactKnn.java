package io.vst.dataset;

import io.vst.VstException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact k-nearest neighbours by multi-threaded brute force, over all rows of a source or over an
 * arbitrary subset of ids (the vectors live on the server right now). Distances follow
 * valkey-search: L2 squared, COSINE {@code 1-cos}, IP {@code 1-dot}.
 *
 * <p>Candidates are ranked with dot products in blocks of base rows (‖q‖²+‖x‖²−2q·x for L2), four
 * queries by two rows at a time so the loads are shared; the final top-k distances are then
 * recomputed directly so the reported values carry no cancellation error.
 *
 * <pre>{@code
 * float[][] qs = ...;
 * Neighbors nn = ExactKnn.search(source, liveSet.snapshot(), qs, 100, 2);
 * long nearest = nn.ids()[0][0];
 * }</pre>
 */
public final class ExactKnn {

    private static final int BLOCK = 512;

    private ExactKnn() {
    }

    /**
     * @param ids rows/ids to search, or {@code null} for every row {@code 0..size-1}
     * @param threads worker threads (at least 1)
     */
    public static Neighbors search(VectorSource src, long[] ids, float[][] queries, int k, int threads) {
        long n = ids == null ? src.size() : ids.length;
        if (ids == null && n == Long.MAX_VALUE) {
            throw VstException.invalidInput("Cannot compute exact neighbours over an unbounded source " + src.name(),
                    "pass the ids that are live");
        }
        int d = src.dimensions();
        int kk = (int) Math.min(k, n);
        Metric metric = src.metric();
        int nq = queries.length;
        int padded = (nq + 3) & ~3;
        float[] qflat = new float[padded * d];
        float[] qnorm2 = new float[padded];
        for (int q = 0; q < nq; q++) {
            if (queries[q].length != d) {
                throw new IllegalArgumentException("query " + q + " has " + queries[q].length + " dims, expected " + d);
            }
            System.arraycopy(queries[q], 0, qflat, q * d, d);
            qnorm2[q] = (float) dot(queries[q], queries[q]);
            if (metric == Metric.COSINE) {
                scale(qflat, q * d, d, qnorm2[q]);
            }
        }
        int t = Math.max(1, threads);
        long chunk = Math.max(BLOCK, (n + t - 1) / t);
        List<TopK[]> partials = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, "vst-exact-knn-" + POOL_ID.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<TopK[]>> futures = new ArrayList<>();
            for (long start = 0; start < n; start += chunk) {
                long from = start;
                long to = Math.min(n, start + chunk);
                futures.add(pool.submit(() -> scan(src, ids, from, to, qflat, qnorm2, nq, d, kk, metric)));
            }
            for (Future<TopK[]> f : futures) {
                partials.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VstException.runtime("Exact neighbour search interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw VstException.runtime("Exact neighbour search failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return finish(src, queries, partials, nq, kk);
    }

    private static final AtomicInteger POOL_ID = new AtomicInteger();

    private static TopK[] scan(VectorSource src, long[] ids, long from, long to, float[] qflat, float[] qnorm2,
                               int nq, int d, int k, Metric metric) {
        TopK[] heaps = new TopK[nq];
        for (int q = 0; q < nq; q++) {
            heaps[q] = new TopK(k);
        }
        float[] block = new float[BLOCK * d];
        float[] xnorm2 = new float[BLOCK];
        long[] blockIds = new long[BLOCK];
        float[] row = new float[d];
        float[] dots = new float[8];
        for (long start = from; start < to; start += BLOCK) {
            int b = (int) Math.min(BLOCK, to - start);
            for (int j = 0; j < b; j++) {
                long id = ids == null ? start + j : ids[(int) (start + j)];
                blockIds[j] = id;
                src.read(id, row);
                System.arraycopy(row, 0, block, j * d, d);
                xnorm2[j] = (float) dot(row, row);
                if (metric == Metric.COSINE) {
                    scale(block, j * d, d, xnorm2[j]);
                }
            }
            if ((b & 1) == 1) {
                // pad to an even row count: the kernel takes rows in pairs
                Arrays.fill(block, b * d, (b + 1) * d, 0f);
            }
            for (int q = 0; q < nq; q += 4) {
                for (int j = 0; j < b; j += 2) {
                    kernel(qflat, q * d, block, j * d, d, dots);
                    for (int a = 0; a < 4 && q + a < nq; a++) {
                        for (int c = 0; c < 2 && j + c < b; c++) {
                            float dist = score(metric, dots[a * 2 + c], qnorm2[q + a], xnorm2[j + c]);
                            TopK h = heaps[q + a];
                            if (dist <= h.bound()) {
                                h.offer(dist, blockIds[j + c]);
                            }
                        }
                    }
                }
            }
        }
        return heaps;
    }

    /** Dot products of 4 queries (at qo) with 2 rows (at xo); results in out[a*2+c]. */
    static void kernel(float[] qs, int qo, float[] xs, int xo, int d, float[] out) {
        float s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
        int q1 = qo + d;
        int q2 = qo + 2 * d;
        int q3 = qo + 3 * d;
        int x1 = xo + d;
        for (int i = 0; i < d; i++) {
            float a = xs[xo + i];
            float b = xs[x1 + i];
            float c0 = qs[qo + i];
            float c1 = qs[q1 + i];
            float c2 = qs[q2 + i];
            float c3 = qs[q3 + i];
            s00 += c0 * a;
            s01 += c0 * b;
            s10 += c1 * a;
            s11 += c1 * b;
            s20 += c2 * a;
            s21 += c2 * b;
            s30 += c3 * a;
            s31 += c3 * b;
        }
        out[0] = s00;
        out[1] = s01;
        out[2] = s10;
        out[3] = s11;
        out[4] = s20;
        out[5] = s21;
        out[6] = s30;
        out[7] = s31;
    }

    private static float score(Metric metric, float dot, float qn2, float xn2) {
        switch (metric) {
            case L2:
                return Math.max(0f, qn2 + xn2 - 2f * dot);
            case IP:
                return 1f - dot;
            default:
                // zero vectors were left unscaled (all zeros): their cosine distance is 1
                return (qn2 == 0f || xn2 == 0f) ? 1f : 1f - dot;
        }
    }

    private static Neighbors finish(VectorSource src, float[][] queries, List<TopK[]> partials, int nq, int k) {
        long[][] ids = new long[nq][];
        float[][] dist = new float[nq][];
        float[] row = new float[src.dimensions()];
        Metric metric = src.metric();
        for (int q = 0; q < nq; q++) {
            TopK all = new TopK(Math.max(1, k));
            for (TopK[] p : partials) {
                p[q].mergeInto(all);
            }
            int m = k == 0 ? 0 : all.size();
            long[] qi = new long[m];
            float[] qd = new float[m];
            Integer[] order = new Integer[m];
            for (int i = 0; i < m; i++) {
                qi[i] = all.id(i);
                src.read(qi[i], row);
                qd[i] = metric.distance(queries[q], row);
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> qd[a] != qd[b] ? Float.compare(qd[a], qd[b]) : Long.compare(qi[a], qi[b]));
            ids[q] = new long[m];
            dist[q] = new float[m];
            for (int i = 0; i < m; i++) {
                ids[q][i] = qi[order[i]];
                dist[q][i] = qd[order[i]];
            }
        }
        return new Neighbors(k, ids, dist);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static void scale(float[] v, int off, int d, float norm2) {
        if (norm2 == 0f) {
            return;
        }
        float inv = (float) (1.0 / Math.sqrt(norm2));
        for (int i = 0; i < d; i++) {
            v[off + i] *= inv;
        }
    }
}
