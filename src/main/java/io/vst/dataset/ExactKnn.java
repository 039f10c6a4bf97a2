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
 * <p>Candidates are ranked with dot products (‖q‖²+‖x‖²−2q·x for L2) of each query against blocks of base rows stored dimension-major, a loop shape the JIT vectorises; the final
 * top-k distances are then recomputed directly so the reported values carry no cancellation error.
 *
 * <pre>{@code
 * float[][] qs = ...;
 * Neighbors nn = ExactKnn.search(source, liveSet.snapshot(), qs, 100, 2);
 * long nearest = nn.ids()[0][0];
 * }</pre>
 */
public final class ExactKnn {

    /** Floats of a transposed block: 512 KiB, so a block stays in L2 while every query passes over it. */
    private static final int BLOCK_FLOATS = 128 * 1024;
    private static final int MAX_BLOCK = 512;

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
        float[] qflat = new float[nq * d];
        float[] qnorm2 = new float[nq];
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
        long chunk = Math.max(blockRows(d), (n + t - 1) / t);
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
        // the block is stored transposed (dimension-major) so the inner loop is an element-wise
        // multiply-add over rows, which the JIT turns into SIMD instructions; a dot-product reduction
        // per row would stay scalar
        int block = blockRows(d);
        float[][] xt = new float[d][block];
        float[] xnorm2 = new float[block];
        long[] blockIds = new long[block];
        float[] row = new float[d];
        float[] acc = new float[block];
        for (long start = from; start < to; start += block) {
            int b = (int) Math.min(block, to - start);
            for (int j = 0; j < b; j++) {
                long id = ids == null ? start + j : ids[(int) (start + j)];
                blockIds[j] = id;
                src.read(id, row);
                xnorm2[j] = (float) dot(row, row);
                if (metric == Metric.COSINE) {
                    scale(row, 0, d, xnorm2[j]);
                }
                for (int i = 0; i < d; i++) {
                    xt[i][j] = row[i];
                }
            }
            for (int q = 0; q < nq; q++) {
                kernel(qflat, q * d, xt, d, b, acc);
                TopK h = heaps[q];
                float bound = h.bound();
                for (int j = 0; j < b; j++) {
                    float dist = score(metric, acc[j], qnorm2[q], xnorm2[j]);
                    if (dist <= bound) {
                        h.offer(dist, blockIds[j]);
                        bound = h.bound();
                    }
                }
            }
        }
        return heaps;
    }

    /** Rows per block: as many as fit {@link #BLOCK_FLOATS}, a multiple of 16 (one AVX-512 register). */
    static int blockRows(int d) {
        return Math.max(16, Math.min(MAX_BLOCK, BLOCK_FLOATS / d / 16 * 16));
    }

    /**
     * Dot products of query {@code q} (at {@code qo}) with the {@code b} rows of a transposed block
     * ({@code xt[i][j]} = element i of row j), into {@code acc[j]}. The loop stores to one array and
     * indexes every array by the bare loop variable: the shape C2 vectorises (several stored
     * arrays, or an added index offset, keep it scalar).
     */
    static void kernel(float[] qs, int qo, float[][] xt, int d, int b, float[] acc) {
        java.util.Arrays.fill(acc, 0, b, 0f);
        int i = 0;
        // four dimensions per pass: one load and store of the accumulator per four products (eight
        // per pass measured 2x slower: the JIT stops vectorising the loop)
        for (; i + 3 < d; i += 4) {
            float[] x0 = xt[i];
            float[] x1 = xt[i + 1];
            float[] x2 = xt[i + 2];
            float[] x3 = xt[i + 3];
            float c0 = qs[qo + i];
            float c1 = qs[qo + i + 1];
            float c2 = qs[qo + i + 2];
            float c3 = qs[qo + i + 3];
            for (int j = 0; j < b; j++) {
                acc[j] += (c0 * x0[j] + c1 * x1[j]) + (c2 * x2[j] + c3 * x3[j]);
            }
        }
        for (; i < d; i++) {
            float[] x = xt[i];
            float c = qs[qo + i];
            for (int j = 0; j < b; j++) {
                acc[j] += c * x[j];
            }
        }
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
