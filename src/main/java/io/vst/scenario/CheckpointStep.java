package io.vst.scenario;

import java.util.function.UnaryOperator;

/** A {@code type: checkpoint} step; everything it needs is in its parameters. */
public record CheckpointStep(StepCommon common) implements Step {
    @Override
    public StepType type() {
        return StepType.CHECKPOINT;
    }

    @Override
    public Step mapStrings(UnaryOperator<String> f) {
        return new CheckpointStep(common.mapStrings(f));
    }

    @Override
    public Step withCommon(StepCommon c) {
        return new CheckpointStep(c);
    }
}
