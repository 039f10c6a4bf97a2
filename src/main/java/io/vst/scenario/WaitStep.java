package io.vst.scenario;

import java.util.function.UnaryOperator;

/** A {@code type: wait} step; everything it needs is in its parameters. */
public record WaitStep(StepCommon common) implements Step {
    @Override
    public StepType type() {
        return StepType.WAIT;
    }

    @Override
    public Step mapStrings(UnaryOperator<String> f) {
        return new WaitStep(common.mapStrings(f));
    }

    @Override
    public Step withCommon(StepCommon c) {
        return new WaitStep(c);
    }
}
