package io.vst.workload;

/**
 * Reports every id it hands out as in flight ({@link LiveVectors#sending}) before a worker sends its
 * command, once per id however often a batch is retried. Thread-safe like the feed it wraps.
 */
final class TrackedFeed implements BatchEngine.IdFeed {

    private final BatchEngine.IdFeed feed;
    private final LiveVectors vectors;

    TrackedFeed(BatchEngine.IdFeed feed, LiveVectors vectors) {
        this.feed = feed;
        this.vectors = vectors;
    }

    @Override
    public int next(long[] into, int max) {
        int n = feed.next(into, max);
        vectors.sending(into, n);
        return n;
    }
}
