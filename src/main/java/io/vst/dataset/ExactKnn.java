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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exact k-nearest neighbours by multi-threaded brute force, over all rows of a source or over an
 * arbitrary subset of ids (the vectors live on the server right now). Distances follow
 * valkey-search: L2 squared, COSINE {@code 1-cos}, IP {@code 1-dot}.
 *
 * <p>Candidates are ranked with dot products (‖q‖²+‖x‖²−2q·x for L2) of each query against blocks of
 * base rows: by the installed optimised BLAS ({@link NativeSgemm}, sgemm) where one loads, else by a
 * kernel over rows stored dimension-major, a loop shape the JIT vectorises. A few more candidates than
 * k are kept; their distances are then recomputed directly (no cancellation error) and the top k
 * taken, ties by id. Whenever the float error bound of the ranking cannot exclude that a vector left
 * out ranks within the top k (many near-equal distances), that query is answered by the direct
 * formula over every row instead, so the ids equal a plain sort by distance, then id.
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
    /** Rows per sgemm block: 4 MiB of rows, so each call is long enough to run at full speed. */
    private static final int BLAS_BLOCK_FLOATS = 1024 * 1024;
    /** Queries per sgemm call: bounds the score buffer (rows x queries floats). */
    private static final int BLAS_QUERY_GROUP = 256;
    private static final double UNIT_ROUNDOFF = 0x1p-24;
    private static final AtomicInteger POOL_ID = new AtomicInteger();
    /** Queries answered by the direct formula over every row (see the class comment); for tests. */
    static final AtomicLong DIRECT_RESCANS = new AtomicLong();

    private record Partial(TopK[] heaps, double maxNorm2) {
    }

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
        int candidates = (int) Math.min(n, kk + Math.max(8, kk / 4));
        Metric metric = src.metric();
        NativeSgemm blas = NativeSgemm.active().orElse(null);
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
        long chunk = Math.max(blockRows(d, blas != null), (n + t - 1) / t);
        List<Partial> partials = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, "vst-exact-knn-" + POOL_ID.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<Partial>> futures = new ArrayList<>();
            for (long start = 0; start < n; start += chunk) {
                long from = start;
                long to = Math.min(n, start + chunk);
                Scan scan = new Scan(src, ids, qflat, qnorm2, nq, d, candidates, metric, blas);
                futures.add(pool.submit(() -> scan.run(from, to)));
            }
            for (Future<Partial> f : futures) {
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
        return finish(src, ids, queries, qnorm2, partials, kk, candidates);
    }

    /** One worker's pass over rows {@code from..to} of the candidates: a top-(k + slack) heap per query. */
    private record Scan(VectorSource src, long[] ids, float[] qflat, float[] qnorm2, int nq, int d, int k,
                        Metric metric, NativeSgemm blas) {

        Partial run(long from, long to) {
            TopK[] heaps = new TopK[nq];
            for (int q = 0; q < nq; q++) {
                heaps[q] = new TopK(k);
            }
            int block = blockRows(d, blas != null);
            float[] xnorm2 = new float[block];
            long[] blockIds = new long[block];
            float[] row = new float[d];
            double maxNorm2 = 0;
            // BLAS: rows stay row-major; own kernel: the block is stored transposed (dimension-major) so
            // the inner loop is an element-wise multiply-add over rows, which the JIT turns into SIMD
            // instructions (a dot-product reduction per row would stay scalar)
            float[] rows = blas != null ? new float[block * d] : null;
            float[][] xt = blas != null ? null : new float[d][block];
            float[] acc = new float[blas != null ? block * Math.min(nq, BLAS_QUERY_GROUP) : block];
            for (long start = from; start < to; start += block) {
                int b = (int) Math.min(block, to - start);
                for (int j = 0; j < b; j++) {
                    long id = ids == null ? start + j : ids[(int) (start + j)];
                    blockIds[j] = id;
                    src.read(id, row);
                    xnorm2[j] = (float) dot(row, row);
                    maxNorm2 = Math.max(maxNorm2, xnorm2[j]);
                    if (metric == Metric.COSINE) {
                        scale(row, 0, d, xnorm2[j]);
                    }
                    if (rows != null) {
                        System.arraycopy(row, 0, rows, j * d, d);
                    } else {
                        for (int i = 0; i < d; i++) {
                            xt[i][j] = row[i];
                        }
                    }
                }
                if (rows != null) {
                    for (int q0 = 0; q0 < nq; q0 += BLAS_QUERY_GROUP) {
                        int g = Math.min(BLAS_QUERY_GROUP, nq - q0);
                        blas.dots(rows, b, qflat, q0 * d, g, d, acc);
                        for (int q = q0; q < q0 + g; q++) {
                            offer(heaps[q], acc, (q - q0) * b, b, qnorm2[q], xnorm2, blockIds);
                        }
                    }
                } else {
                    for (int q = 0; q < nq; q++) {
                        kernel(qflat, q * d, xt, d, b, acc);
                        offer(heaps[q], acc, 0, b, qnorm2[q], xnorm2, blockIds);
                    }
                }
            }
            return new Partial(heaps, maxNorm2);
        }

        private void offer(TopK h, float[] dots, int off, int b, float qn2, float[] xn2, long[] blockIds) {
            float bound = h.bound();
            for (int j = 0; j < b; j++) {
                float dist = score(metric, dots[off + j], qn2, xn2[j]);
                if (dist <= bound) {
                    h.offer(dist, blockIds[j]);
                    bound = h.bound();
                }
            }
        }
    }

    /** Rows per block: for the own kernel as many as fit {@link #BLOCK_FLOATS}, a multiple of 16 (one AVX-512 register). */
    static int blockRows(int d, boolean blas) {
        if (blas) {
            return Math.max(64, Math.min(8192, BLAS_BLOCK_FLOATS / d / 16 * 16));
        }
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

    /**
     * How far a ranking score can lie from the exact distance: the float rounding bound of a d-term dot
     * product (d·u·‖q‖·‖x‖, with ‖q‖·‖x‖ ≤ (‖q‖²+‖x‖²)/2) and of the norms and sums around it, doubled.
     */
    private static double errorBound(Metric metric, int d, double qn2, double maxXn2) {
        double g = 2.0 * (d + 8) * UNIT_ROUNDOFF;
        switch (metric) {
            case L2:
                return g * (qn2 + maxXn2);
            case IP:
                return g * ((qn2 + maxXn2) / 2 + 1);
            default:
                return g * 2;
        }
    }

    private static Neighbors finish(VectorSource src, long[] subset, float[][] queries, float[] qnorm2,
                                    List<Partial> partials, int k, int candidates) {
        int nq = queries.length;
        long[][] ids = new long[nq][];
        float[][] dist = new float[nq][];
        Metric metric = src.metric();
        double maxNorm2 = 0;
        for (Partial p : partials) {
            maxNorm2 = Math.max(maxNorm2, p.maxNorm2());
        }
        for (int q = 0; q < nq; q++) {
            TopK all = new TopK(Math.max(1, candidates));
            // every vector left out scored at least the bound of a full heap it was refused by
            double leftOut = Double.POSITIVE_INFINITY;
            for (Partial p : partials) {
                p.heaps()[q].mergeInto(all);
                leftOut = Math.min(leftOut, p.heaps()[q].bound());
            }
            leftOut = Math.min(leftOut, all.bound());
            float[] qd = new float[all.size()];
            long[] qi = byDistance(src, queries[q], all, qd);
            if (k > 0 && leftOut != Double.POSITIVE_INFINITY) {
                double kth = qd[k - 1];
                double slack = errorBound(metric, src.dimensions(), qnorm2[q], maxNorm2) + 4 * UNIT_ROUNDOFF * Math.abs(kth);
                if (!(leftOut - slack > kth + slack)) {
                    DIRECT_RESCANS.incrementAndGet();
                    TopK top = direct(src, subset, queries[q], k);
                    qd = new float[top.size()];
                    qi = byDistance(src, queries[q], top, qd);
                }
            }
            ids[q] = Arrays.copyOf(qi, k);
            dist[q] = Arrays.copyOf(qd, k);
        }
        return new Neighbors(k, ids, dist);
    }

    /** The top k of one query by the direct formula over every candidate row: slow, and exact. */
    private static TopK direct(VectorSource src, long[] subset, float[] query, int k) {
        long n = subset == null ? src.size() : subset.length;
        float[] row = new float[src.dimensions()];
        TopK top = new TopK(k);
        for (long r = 0; r < n; r++) {
            long id = subset == null ? r : subset[(int) r];
            src.read(id, row);
            top.offer(src.metric().distance(query, row), id);
        }
        return top;
    }

    /** The heap's ids sorted by their distance by the direct formula (into {@code distOut}), then id. */
    private static long[] byDistance(VectorSource src, float[] query, TopK heap, float[] distOut) {
        int m = heap.size();
        float[] row = new float[src.dimensions()];
        long[] qi = new long[m];
        float[] qd = new float[m];
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            qi[i] = heap.id(i);
            src.read(qi[i], row);
            qd[i] = src.metric().distance(query, row);
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> qd[a] != qd[b] ? Float.compare(qd[a], qd[b]) : Long.compare(qi[a], qi[b]));
        long[] ids = new long[m];
        for (int i = 0; i < m; i++) {
            ids[i] = qi[order[i]];
            distOut[i] = qd[order[i]];
        }
        return ids;
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
