package io.vst.gui.live;

import io.vst.engine.PlannedStep;
import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What happened in a run since the last look, handed to the views on the EDT in one piece. Immutable
 * once drained; any thread.
 *
 * @param runDirectory set once the run directory exists, else {@code null}
 * @param started steps that started, with the elapsed seconds at which they did
 * @param finished steps that finished, with their records and the elapsed seconds
 * @param progress the latest progress of each running step, by step id
 * @param samples timeline samples in order
 * @param checkpoints checkpoints in order
 * @param log log lines in order
 * @param outcome {@code null} while the run goes on, else completed, failed or interrupted
 * @param outcomeMessage why it failed or was interrupted, or {@code null}
 * @param outcomeHint what the user can do about a failure, or {@code null}
 */
public record FeedBatch(Path runDirectory, List<StepAt> started, List<Finished> finished,
        Map<String, Progress> progress, List<Sample> samples, List<CheckpointResult> checkpoints, List<String> log,
        RunOutcome outcome, String outcomeMessage, String outcomeHint) {

    /** A step that started at {@code elapsedSeconds}. */
    public record StepAt(PlannedStep step, double elapsedSeconds) {
    }

    /** A step that ended. */
    public record Finished(PlannedStep step, StepRecord record, double elapsedSeconds) {
    }

    /** A running step's progress: items done, target (-1 for timed steps), fraction 0..1 or NaN. */
    public record Progress(PlannedStep step, long done, long target, double fraction) {
    }

    /** Whether nothing happened. */
    public boolean isEmpty() {
        return started.isEmpty() && finished.isEmpty() && progress.isEmpty() && samples.isEmpty()
                && checkpoints.isEmpty() && log.isEmpty() && outcome == null && runDirectory == null;
    }
}
