package io.vst.rundir;

import java.time.Instant;
import java.util.Map;

/**
 * One row of {@code steps.csv}: how a step ended and what it did.
 *
 * @param name unique step name in this run
 * @param type step type (workload, checkpoint, ...)
 * @param workload workload name for workload steps, else ""
 * @param status how it ended; steps.csv spells it {@code ok}, {@code failed}, {@code timeout}, {@code interrupted},
 *     {@code stopped} or {@code skipped} (see {@link StepStatus})
 * @param startedAt start (UTC)
 * @param endedAt end (UTC)
 * @param activeSeconds seconds the step spent doing its operations: from its first operation to its last,
 *     without the index wait after an ingest or time held by a memory-threshold pause; NaN when the step
 *     does no operations (then rates use the step's whole duration)
 * @param operations items completed (vectors written, removed, queries answered, ...), also when the step
 *     failed, timed out or was stopped
 * @param errors operations that failed, and the failure that ended the step
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
        StepStatus status,
        Instant startedAt,
        Instant endedAt,
        double activeSeconds,
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

    /**
     * Operations over the time spent doing them ({@link #activeSeconds()}, else the whole duration): the one
     * rate vst reports for a step, in steps.csv, the CLI, the workbench and the report.
     */
    public double operationsPerSecond() {
        double d = activeSeconds > 0 ? activeSeconds : durationSeconds();
        return d <= 0 ? Double.NaN : operations / d;
    }

    /**
     * Latency percentiles of one operation type over one step, in milliseconds.
     *
     * @param p90Ms NaN in run directories written before it was recorded
     */
    public record LatencySummary(long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs) {

        /** Without the 90th percentile (NaN). */
        public LatencySummary(long count, double p50Ms, double p99Ms, double p999Ms, double maxMs) {
            this(count, p50Ms, Double.NaN, p99Ms, p999Ms, maxMs);
        }
    }
}
