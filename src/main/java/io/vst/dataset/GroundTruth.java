package io.vst.dataset;

/**
 * Exact nearest neighbours of a query set: row {@code q} of {@code neighbors} holds the base-vector
 * row ids of the {@code k} nearest vectors to query {@code q}, nearest first; {@code distances} holds
 * their distances in the same order, or is {@code null} when the source file carries none (TEXMEX
 * {@code .ivecs}).
 */
public record GroundTruth(int k, int[][] neighbors, float[][] distances) {

    /** Number of queries covered. */
    public int queries() {
        return neighbors.length;
    }
}
