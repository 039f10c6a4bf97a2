package io.vst.engine;

import io.vst.rundir.StepRecord;
import io.vst.rundir.StepStatus;
import java.util.Map;

/**
 * How one attempt of a step ended, before it becomes a {@link StepRecord}: its status, what it did and why.
 *
 * @param status how it ended
 * @param operations items completed, also when it failed, timed out or was stopped
 * @param errors operations that failed, and the failure that ended it
 * @param activeSeconds time spent doing the operations (see {@link StepRecord#activeSeconds()}), or NaN
 * @param recall mean recall measured, or NaN
 * @param timeToSearchable seconds until the index was ready after an ingest, or NaN
 * @param latency per operation type, or null when none was recorded
 * @param detail the branch taken, the retry count, or why it failed
 */
record StepOutcome(StepStatus status, long operations, long errors, double activeSeconds, double recall,
                   double timeToSearchable, Map<String, StepRecord.LatencySummary> latency, String detail) {

    /** Succeeded without operations of its own (a wait, a checkpoint, a composite step). */
    static StepOutcome ok(String detail) {
        return of(StepStatus.OK, detail);
    }

    /** Ended with {@code status} and no operations recorded. */
    static StepOutcome of(StepStatus status, String detail) {
        return new StepOutcome(status, 0, 0, Double.NaN, Double.NaN, Double.NaN, null, detail);
    }

    StepOutcome withDetail(String text) {
        return new StepOutcome(status, operations, errors, activeSeconds, recall, timeToSearchable, latency, text);
    }

    StepOutcome withStatus(StepStatus newStatus, String text) {
        return new StepOutcome(newStatus, operations, errors, activeSeconds, recall, timeToSearchable, latency, text);
    }

    StepOutcome withErrors(long n) {
        return new StepOutcome(status, operations, n, activeSeconds, recall, timeToSearchable, latency, detail);
    }
}
