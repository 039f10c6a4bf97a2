package io.vst.engine;

import io.vst.metrics.CheckpointResult;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import java.nio.file.Path;
import java.util.List;

/**
 * How a run ended.
 *
 * @param outcome {@code completed}, {@code failed} or {@code interrupted}
 * @param message why it failed or was interrupted, or null
 * @param directory the run directory
 * @param steps one record per step that ran, in order of completion
 * @param checkpoints every checkpoint taken
 */
public record RunResult(RunOutcome outcome, String message, Path directory, List<StepRecord> steps,
                        List<CheckpointResult> checkpoints) {

    public boolean completed() {
        return outcome == RunOutcome.COMPLETED;
    }
}
