package io.vst.scenario;

import java.util.function.UnaryOperator;

/** A {@code type: cleanup} step; everything it needs is in its parameters. */
public record CleanupStep(StepCommon common) implements Step {
    @Override
    public StepType type() {
        return StepType.CLEANUP;
    }

    @Override
    public Step mapStrings(UnaryOperator<String> f) {
        return new CleanupStep(common.mapStrings(f));
    }

    @Override
    public Step withCommon(StepCommon c) {
        return new CleanupStep(c);
    }
}
