package io.vst.engine;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.rundir.LogLevel;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;

/**
 * Events of a running scenario, for live views (CLI progress, workbench charts). Called from engine
 * threads (the runner, the sampler, workers): implementations must be quick and thread-safe, and
 * must hand work for a UI over to the UI's own thread. Every method has a no-op default.
 */
public interface RunListener {

    /** The run started; {@code runDirectory} is where its files go. */
    default void runStarted(RunPlan plan, java.nio.file.Path runDirectory) {
    }

    /**
     * Before the run's first large ingest {@code step}, its write path runs against an in-process sink for at most
     * {@code maxSeconds} so that the JIT compiles it before the step (nothing is sent to the server).
     */
    default void warmingUp(PlannedStep step, double maxSeconds) {
    }

    default void stepStarted(PlannedStep step) {
    }

    /**
     * Progress of a running step.
     *
     * @param done items done so far (vectors, queries, ...)
     * @param target items the step aims at, or -1 when it runs for a time instead
     * @param fraction progress from 0 to 1 (by items or by time), or NaN when unknown
     */
    default void stepProgress(PlannedStep step, long done, long target, double fraction) {
    }

    default void stepFinished(PlannedStep step, StepRecord record) {
    }

    default void sampleTaken(Sample sample) {
    }

    default void checkpointTaken(CheckpointResult checkpoint) {
    }

    /** A line for the user's log view; {@code level} is INFO, WARN or ERROR. */
    default void log(LogLevel level, String message) {
    }

    /** The run ended; {@code outcome} is completed, failed or interrupted. */
    default void runFinished(RunOutcome outcome, String message) {
    }
}
