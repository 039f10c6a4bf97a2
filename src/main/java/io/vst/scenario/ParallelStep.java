package io.vst.scenario;

import java.util.List;
import java.util.function.UnaryOperator;

/** A {@code type: parallel} step: its steps run at the same time; it ends when all have ended. */
public record ParallelStep(StepCommon common, List<Step> steps) implements Step {

    public ParallelStep {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    @Override
    public StepType type() {
        return StepType.PARALLEL;
    }

    @Override
    public List<Step> children() {
        return steps;
    }

    @Override
    public Step mapStrings(UnaryOperator<String> f) {
        return new ParallelStep(common.mapStrings(f), Step.mapAll(steps, f));
    }

    @Override
    public Step withCommon(StepCommon c) {
        return new ParallelStep(c, steps);
    }
}
