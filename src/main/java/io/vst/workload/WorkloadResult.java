package io.vst.workload;

/**
 * What a workload did.
 *
 * @param operations items completed (vectors written or removed, queries answered, ...)
 * @param errors operations that failed and were given up on
 * @param recall mean recall@k measured, or NaN when not measured
 * @param detail a short note for steps.csv (e.g. "removed 15000 by random"), or ""
 */
public record WorkloadResult(long operations, long errors, double recall, String detail) {

    public static WorkloadResult of(long operations, long errors) {
        return new WorkloadResult(operations, errors, Double.NaN, "");
    }

    public WorkloadResult withDetail(String text) {
        return new WorkloadResult(operations, errors, recall, text);
    }

    public WorkloadResult withRecall(double value) {
        return new WorkloadResult(operations, errors, value, detail);
    }
}
