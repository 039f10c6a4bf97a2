package io.vst.report;

import java.time.Instant;
import java.util.Map;

/**
 * One row of {@code steps.csv}: how a step ended and what it did.
 *
 * @param name unique step name in this run
 * @param type step type (workload, checkpoint, ...)
 * @param workload workload name for workload steps, else ""
 * @param status {@code ok}, {@code failed}, {@code timeout}, {@code stopped}, {@code skipped}
 * @param startedAt start (UTC)
 * @param endedAt end (UTC)
 * @param operations items completed (vectors written, removed, queries answered, ...)
 * @param errors operations that failed
 * @param liveVectorsAfter vectors live when the step ended
 * @param timeToSearchableSeconds after an ingest with a search index: seconds until the index reported
 *     every live document and {@code ready}; NaN otherwise
 * @param recall mean recall@k measured during the step, NaN when not measured
 * @param latency per operation type: p50/p99/p999/max in milliseconds, and count
 * @param detail the branch taken, the retry count, or why it failed
 */
public record StepRecord(
        String name,
        String type,
        String workload,
        String status,
        Instant startedAt,
        Instant endedAt,
        long operations,
        long errors,
        long liveVectorsAfter,
        double timeToSearchableSeconds,
        double recall,
        Map<String, LatencySummary> latency,
        String detail) {

    public double durationSeconds() {
        return (endedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
    }

    public double operationsPerSecond() {
        double d = durationSeconds();
        return d <= 0 ? Double.NaN : operations / d;
    }

    /** Latency percentiles of one operation type over one step, in milliseconds. */
    public record LatencySummary(long count, double p50Ms, double p99Ms, double p999Ms, double maxMs) {
    }
}
