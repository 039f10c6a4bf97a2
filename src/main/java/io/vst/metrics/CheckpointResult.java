package io.vst.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint step found: the server's state at that moment and the analyses asked for.
 *
 * @param name checkpoint step name
 * @param tag user tag, or null
 * @param time when the snapshot was taken (UTC)
 * @param elapsedSeconds seconds since the run started
 * @param liveVectors vectors the client believes are live
 * @param figures the timeline figures at that moment ({@link TimelineColumns} names)
 * @param raw the raw server replies (INFO sections, MEMORY STATS, malloc stats text, FT.INFO)
 * @param perVector memory per live vector against the run's empty baseline, or null with no vectors
 * @param comparison deltas against {@code compare_with}, or null
 * @param fragmentation allocator / RSS fragmentation analysis, or null when not asked for
 * @param trend verdict from the trend of memory per vector across checkpoints, or null when not asked
 * @param purged whether MEMORY PURGE ran before the snapshot
 * @param notes warnings and threshold findings, in words
 * @param performance what the clients did since the previous checkpoint ({@link PerformanceWindow}
 *     figures: per operation count, errors, ops_per_s, p50/p99/p999 ms; recall), or null in older runs
 */
public record CheckpointResult(
        String name,
        String tag,
        Instant time,
        double elapsedSeconds,
        long liveVectors,
        Map<String, Double> figures,
        Map<String, Object> raw,
        PerVector perVector,
        Comparison comparison,
        Fragmentation fragmentation,
        TrendVerdict trend,
        boolean purged,
        List<String> notes,
        Map<String, Double> performance) {

    /**
     * Memory per live vector.
     *
     * @param totalBytes (used_memory − baseline used_memory) / live vectors
     * @param keyspaceBytes share attributed to the keyspace (total − index), or NaN when unknown
     * @param indexBytes search_used_memory_bytes / live vectors, or NaN without the search module
     */
    public record PerVector(double totalBytes, double keyspaceBytes, double indexBytes) {
    }

    /**
     * Deltas against an earlier checkpoint.
     *
     * @param against the earlier checkpoint's name
     * @param deltas per figure: before, after, delta, percent
     * @param bytesPerVectorDelta Δused_memory / Δlive vectors, or NaN when the count did not change
     * @param reclaimedPercent of the memory the removed vectors cost, how much came back (shrinks), or NaN
     * @param performance per performance figure (throughput, latency percentiles, recall of the work
     *     before each checkpoint): before, after, delta, percent; only figures both checkpoints have
     */
    public record Comparison(String against, Map<String, Delta> deltas, double bytesPerVectorDelta,
                             double reclaimedPercent, Map<String, Delta> performance) {
    }

    /** One figure before and after. */
    public record Delta(double before, double after, double delta, double percent) {
        public static Delta of(double before, double after) {
            double d = after - before;
            double pct = before == 0 ? Double.NaN : 100.0 * d / before;
            return new Delta(before, after, d, pct);
        }
    }

    /**
     * Fragmentation figures and a reading of them.
     *
     * @param allocatorFragRatio allocator_active / allocator_allocated
     * @param allocatorFragBytes allocator_active − allocator_allocated
     * @param rssFragRatio mem_fragmentation_ratio (RSS / used_memory)
     * @param rssFragBytes RSS − used_memory
     * @param verdict "healthy", "moderate" or "high", with the figures it rests on (allocator and RSS)
     * @param allocatorRetainedBytes allocator_resident − allocator_active: pages the allocator keeps
     *     (MEMORY PURGE can return them)
     * @param outsideAllocatorBytes RSS − allocator_resident: process memory the allocator does not manage
     */
    public record Fragmentation(double allocatorFragRatio, double allocatorFragBytes, double rssFragRatio,
                                double rssFragBytes, String verdict, double allocatorRetainedBytes,
                                double outsideAllocatorBytes) {
    }

    /**
     * The verdict of the memory-trend analysis.
     *
     * @param verdict {@code STABLE}, {@code LEAK_SUSPECTED} or {@code INSUFFICIENT_DATA} (see {@link MemoryTrend})
     * @param points memory per live vector (bytes) at each checkpoint considered, oldest first
     * @param checkpoints the checkpoint names behind {@code points}
     * @param growthPercent change from the first to the last point, in percent
     * @param explanation the reasoning in one sentence
     * @param memoryPerHour least-squares fit of memory (used_memory less client buffers and a rehash's old key
     *     table, bytes) against elapsed hours: its slope is the growth in bytes per hour; null with fewer than three points
     * @param perVectorPerHour least-squares fit of memory per live vector (bytes) against elapsed hours:
     *     its slope is the growth per live vector in bytes per hour; null with fewer than three points
     */
    public record TrendVerdict(MemoryTrend verdict, List<Double> points, List<String> checkpoints,
                               double growthPercent, String explanation, LinearFit memoryPerHour,
                               LinearFit perVectorPerHour) {
    }
}
