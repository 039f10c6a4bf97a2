package io.vst.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A {@code type: conditional} step: runs {@code ifTrue} when the condition holds at run time, else {@code ifFalse}. */
public record ConditionalStep(StepCommon common, Condition condition, List<Step> ifTrue, List<Step> ifFalse)
        implements Step {

    public ConditionalStep {
        ifTrue = ifTrue == null ? List.of() : List.copyOf(ifTrue);
        ifFalse = ifFalse == null ? List.of() : List.copyOf(ifFalse);
    }

    @Override
    public StepType type() {
        return StepType.CONDITIONAL;
    }

    @Override
    public List<Step> children() {
        List<Step> all = new ArrayList<>(ifTrue);
        all.addAll(ifFalse);
        return List.copyOf(all);
    }

    @Override
    public Step mapStrings(UnaryOperator<String> f) {
        return new ConditionalStep(common.mapStrings(f), condition, Step.mapAll(ifTrue, f), Step.mapAll(ifFalse, f));
    }

    @Override
    public Step withCommon(StepCommon c) {
        return new ConditionalStep(c, condition, ifTrue, ifFalse);
    }
}
