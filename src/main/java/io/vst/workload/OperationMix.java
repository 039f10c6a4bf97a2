package io.vst.workload;

import io.vst.scenario.Parameters;

/**
 * Hands out the batches of a mixed step so that each operation type's share of the <em>operations</em>
 * (vectors ingested, queries, vectors updated, vectors deleted) follows its ratio, whatever the batch
 * sizes: the next batch goes to the type that, with it, would be least ahead of its share (the type with
 * the smallest {@code (charged + batch) / share}). Deterministic; thread-safe.
 *
 * <pre>
 * OperationMix mix = new OperationMix(new double[] {0.3, 0.6, 0.1, 0}, new int[] {100, 50, 100, 100}, 0);
 * // after 1,000 batches: ~30 % of the operations are ingests, ~60 % queries, ~10 % updates
 * </pre>
 *
 * <p>A batch that could do less than it was given (no live vector left to delete, {@code max_vectors}
 * reached) stays charged to its type, so that type does not take every turn; its unused operations go back
 * to the {@code max_operations} quota.
 */
final class OperationMix {

    /** The operation types, in the order of the ratio arrays. */
    enum Op { INGEST, QUERY, UPDATE, DELETE }

    /** One batch: its type, how many operations, and the index of its first operation in the step. */
    record Batch(Op op, int size, long firstOperation) {
    }

    private final double[] shares = new double[4];
    private final int[] batchSizes;
    private final long[] charged = new long[4];
    private long quota;
    private long handedOut;

    /**
     * @param ratios ingest, query, update, delete weights (normalised here; at least one above 0)
     * @param batchSizes operations per batch of each type
     * @param maxOperations the most operations in all; 0 for unlimited
     */
    OperationMix(double[] ratios, int[] batchSizes, long maxOperations) {
        double sum = 0;
        for (double r : ratios) {
            sum += Math.max(0, r);
        }
        for (int i = 0; i < 4; i++) {
            shares[i] = sum > 0 ? Math.max(0, ratios[i]) / sum : 0;
        }
        this.batchSizes = batchSizes.clone();
        this.quota = maxOperations > 0 ? maxOperations : Long.MAX_VALUE;
    }

    /**
     * The ratios of a mixed step's parameters: ingest, query, update, delete. {@code query_ratio} left out
     * is 1 when no other ratio is above 0, else 0.
     */
    static double[] ratios(Parameters p) {
        double ingest = p.getDouble("ingest_ratio", 0);
        double update = p.getDouble("update_ratio", 0);
        double delete = p.getDouble("delete_ratio", 0);
        double query = p.has("query_ratio") ? p.getDouble("query_ratio", 0) : ingest + update + delete > 0 ? 0 : 1;
        return new double[] {ingest, query, update, delete};
    }

    /** The next batch, or null when the {@code max_operations} quota is used up. */
    synchronized Batch next() {
        if (quota <= 0) {
            return null;
        }
        int best = -1;
        double bestScore = Double.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            if (shares[i] <= 0) {
                continue;
            }
            double score = (charged[i] + batchSizes[i]) / shares[i];
            if (score < bestScore) {
                bestScore = score;
                best = i;
            }
        }
        int n = (int) Math.min(batchSizes[best], quota);
        charged[best] += n;
        quota -= n;
        Batch b = new Batch(Op.values()[best], n, handedOut);
        handedOut += n;
        return b;
    }

    /** Returns the operations of {@code b} that were not done to the quota. */
    synchronized void settle(Batch b, long done) {
        long unused = b.size() - Math.max(0, done);
        if (unused > 0 && quota != Long.MAX_VALUE) {
            quota += unused;
        }
    }
}
