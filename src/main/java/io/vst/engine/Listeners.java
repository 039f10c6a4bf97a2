package io.vst.engine;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.rundir.LogLevel;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans events out to every listener; a listener that throws is logged and never stops the run. */
final class Listeners implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<RunListener> all;

    Listeners(List<RunListener> all) {
        this.all = List.copyOf(all);
    }

    private void each(Consumer<RunListener> event) {
        for (RunListener l : all) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("a run listener failed: {}", e.toString());
            }
        }
    }

    @Override
    public void runStarted(RunPlan plan, Path runDirectory) {
        each(l -> l.runStarted(plan, runDirectory));
    }

    @Override
    public void warmingUp(PlannedStep step, double maxSeconds) {
        each(l -> l.warmingUp(step, maxSeconds));
    }

    @Override
    public void stepStarted(PlannedStep step) {
        each(l -> l.stepStarted(step));
    }

    @Override
    public void stepProgress(PlannedStep step, long done, long target, double fraction) {
        each(l -> l.stepProgress(step, done, target, fraction));
    }

    @Override
    public void stepFinished(PlannedStep step, StepRecord record) {
        each(l -> l.stepFinished(step, record));
    }

    @Override
    public void sampleTaken(Sample sample) {
        each(l -> l.sampleTaken(sample));
    }

    @Override
    public void checkpointTaken(CheckpointResult checkpoint) {
        each(l -> l.checkpointTaken(checkpoint));
    }

    @Override
    public void log(LogLevel level, String message) {
        each(l -> l.log(level, message));
    }

    @Override
    public void runFinished(RunOutcome outcome, String message) {
        each(l -> l.runFinished(outcome, message));
    }
}
