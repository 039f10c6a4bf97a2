package io.vst.scenario;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One step of a scenario. The seven implementations are records; switch over them with
 * {@code if (step instanceof LoopStep loop) ...} or on {@link #type()}.
 */
public sealed interface Step permits WorkloadStep, CheckpointStep, WaitStep, CleanupStep, ConditionalStep,
        ParallelStep, LoopStep {

    StepCommon common();

    StepType type();

    default String name() {
        return common().name();
    }

    /** Nested steps: parallel and loop bodies; for a conditional, if_true then if_false. */
    default List<Step> children() {
        return List.of();
    }

    /** A deep copy applying {@code f} to every string (names, descriptions, parameter values, nested steps). */
    Step mapStrings(UnaryOperator<String> f);

    /** A copy with a different common part, nested steps unchanged. */
    Step withCommon(StepCommon common);

    /** Applies {@code f} to each step of a list. */
    static List<Step> mapAll(List<Step> steps, UnaryOperator<String> f) {
        return steps.stream().map(s -> s.mapStrings(f)).toList();
    }
}
