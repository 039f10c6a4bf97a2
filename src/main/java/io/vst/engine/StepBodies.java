package io.vst.engine;

import io.vst.workload.StopSignal;

/**
 * The body of each leaf step type (workload, checkpoint, wait, cleanup). {@link StepRunner} wraps them in
 * error handling and timeouts, and orchestrates the composite steps (parallel, loop, conditional) itself.
 */
final class StepBodies {

    private final WorkloadBody workloads;
    private final CheckpointBody checkpoints;
    private final WaitBody waits;
    private final CleanupBody cleanups;

    StepBodies(RunState state) {
        this.workloads = new WorkloadBody(state);
        this.checkpoints = new CheckpointBody(state);
        this.waits = new WaitBody(state);
        this.cleanups = new CleanupBody(state);
    }

    /**
     * Runs a leaf step's body; a workload step leaves in {@code tally} what it did so far, for when it does
     * not return.
     *
     * @throws IllegalArgumentException for a composite step, which only {@link StepRunner} runs
     */
    StepOutcome run(PlannedStep step, StopSignal stop, StepTally tally) throws Exception {
        return switch (step.step().type()) {
            case WORKLOAD -> workloads.run(step, stop, tally);
            case CHECKPOINT -> checkpoints.run(step, step.name());
            case WAIT -> waits.run(step, stop);
            case CLEANUP -> cleanups.run(step);
            case CONDITIONAL, PARALLEL, LOOP -> throw new IllegalArgumentException(
                    "step " + step.name() + " is a " + step.step().type().yamlName() + " step, run by StepRunner");
        };
    }

    /** Takes one checkpoint of {@code step} recorded as {@code name} (a periodic checkpoint's samples). */
    StepOutcome checkpoint(PlannedStep step, String name) {
        return checkpoints.run(step, name);
    }
}
