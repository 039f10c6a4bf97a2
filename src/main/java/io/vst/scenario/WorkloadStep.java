package io.vst.scenario;

import java.util.function.UnaryOperator;

/**
 * A {@code type: workload} step.
 *
 * @param workload the workload name: a built-in ({@code ingest}, {@code query}, ...), a plugin name, or a
 *     fully-qualified class name
 */
public record WorkloadStep(StepCommon common, String workload) implements Step {
    @Override
    public StepType type() {
        return StepType.WORKLOAD;
    }

    @Override
    public Step mapStrings(UnaryOperator<String> f) {
        return new WorkloadStep(common.mapStrings(f), workload);
    }

    @Override
    public Step withCommon(StepCommon c) {
        return new WorkloadStep(c, workload);
    }
}
