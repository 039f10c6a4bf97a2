package io.vst.scenario;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A {@code type: loop} step: its steps run {@code iterations} times in order. Inside, the text
 * {@code ${loop_index}} in any string is replaced by the iteration number (counting from 0) of the innermost loop.
 */
public record LoopStep(StepCommon common, int iterations, List<Step> steps) implements Step {

    /** The placeholder replaced by the iteration number. */
    public static final String LOOP_INDEX = "${loop_index}";

    public LoopStep {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    @Override
    public StepType type() {
        return StepType.LOOP;
    }

    @Override
    public List<Step> children() {
        return steps;
    }

    @Override
    public Step mapStrings(UnaryOperator<String> f) {
        return new LoopStep(common.mapStrings(f), iterations, Step.mapAll(steps, f));
    }

    @Override
    public Step withCommon(StepCommon c) {
        return new LoopStep(c, iterations, steps);
    }
}
