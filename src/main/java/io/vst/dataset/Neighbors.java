package io.vst.dataset;

/**
 * Exact top-k result of {@link ExactKnn}: for query {@code q}, {@code ids[q]} are source ids (rows or
 * expanded ids), nearest first, and {@code distances[q]} their distances as valkey-search scores them.
 */
public record Neighbors(int k, long[][] ids, float[][] distances) {

    /** As ann-benchmarks-style ground truth; ids must fit in an int. */
    public GroundTruth toGroundTruth() {
        int[][] out = new int[ids.length][];
        for (int q = 0; q < ids.length; q++) {
            out[q] = new int[ids[q].length];
            for (int j = 0; j < ids[q].length; j++) {
                out[q][j] = Math.toIntExact(ids[q][j]);
            }
        }
        return new GroundTruth(k, out, distances);
    }
}
