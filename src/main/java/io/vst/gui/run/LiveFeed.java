package io.vst.gui.run;

import io.vst.engine.PlannedStep;
import io.vst.engine.RunListener;
import io.vst.engine.RunPlan;
import io.vst.gui.live.FeedBatch;
import io.vst.gui.live.LiveView;
import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.rundir.LogLevel;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bridge from engine threads to the EDT: every {@link RunListener} event is stored here under a
 * lock held for microseconds, and the workbench's Swing timer {@link #dispatch(List) dispatches} it in one
 * batch to every {@link LiveView}.
 * Engine threads never touch Swing and never wait for the EDT. Log lines are bounded: when the EDT
 * falls behind, the oldest undrained lines are dropped and counted.
 */
public final class LiveFeed implements RunListener {

    /** Undrained log lines kept at most. */
    static final int MAX_PENDING_LOG = 5_000;
    private final Object lock = new Object();
    private volatile long startNanos = System.nanoTime();
    private Path runDirectory;
    private List<FeedBatch.StepAt> started = new ArrayList<>();
    private List<FeedBatch.Finished> finished = new ArrayList<>();
    private Map<String, FeedBatch.Progress> progress = new LinkedHashMap<>();
    private List<Sample> samples = new ArrayList<>();
    private List<CheckpointResult> checkpoints = new ArrayList<>();
    private List<String> log = new ArrayList<>();
    private RunOutcome outcome;
    private String outcomeMessage;
    private String outcomeHint;
    private final AtomicInteger droppedLog = new AtomicInteger();
    private volatile double lastElapsed;

    private double elapsed() {
        // Samples carry the engine's elapsed time; between samples the feed's own clock fills in.
        return Math.max(lastElapsed, (System.nanoTime() - startNanos) / 1e9);
    }

    /** Any thread: called by engine threads; holds the feed's lock for microseconds. */
    @Override
    public void runStarted(RunPlan plan, Path dir) {
        // The runner's clock starts here, after the server is up; step times must count from the same point.
        startNanos = System.nanoTime();
        synchronized (lock) {
            runDirectory = dir;
        }
    }

    /** Any thread: called by engine threads; holds the feed's lock for microseconds. */
    @Override
    public void stepStarted(PlannedStep step) {
        synchronized (lock) {
            started.add(new FeedBatch.StepAt(step, elapsed()));
        }
    }

    /** Any thread: called by engine threads; holds the feed's lock for microseconds. */
    @Override
    public void stepProgress(PlannedStep step, long done, long target, double fraction) {
        synchronized (lock) {
            progress.put(step.id(), new FeedBatch.Progress(step, done, target, fraction));
        }
    }

    /** Any thread: called by engine threads; holds the feed's lock for microseconds. */
    @Override
    public void stepFinished(PlannedStep step, StepRecord record) {
        synchronized (lock) {
            finished.add(new FeedBatch.Finished(step, record, elapsed()));
        }
    }

    /** Any thread: called by engine threads; holds the feed's lock for microseconds. */
    @Override
    public void sampleTaken(Sample sample) {
        lastElapsed = sample.elapsedSeconds();
        synchronized (lock) {
            samples.add(sample);
        }
    }

    /** Any thread: called by engine threads; holds the feed's lock for microseconds. */
    @Override
    public void checkpointTaken(CheckpointResult checkpoint) {
        synchronized (lock) {
            checkpoints.add(checkpoint);
        }
    }

    /** Any thread: called by engine threads; holds the feed's lock for microseconds. */
    @Override
    public void log(LogLevel level, String message) {
        String line = Instant.now().toString() + " " + level.spelling() + " " + message;
        synchronized (lock) {
            if (log.size() >= MAX_PENDING_LOG) {
                log.remove(0);
                droppedLog.incrementAndGet();
            }
            log.add(line);
        }
    }

    /** Any thread: called by engine threads; holds the feed's lock for microseconds. */
    @Override
    public void runFinished(RunOutcome how, String message) {
        synchronized (lock) {
            outcome = how;
            outcomeMessage = message;
        }
    }

    /** The run could not start or ended with an error the user can act on. Any thread. */
    public void failed(String message, String hint) {
        synchronized (lock) {
            outcome = RunOutcome.FAILED;
            outcomeMessage = message;
            outcomeHint = hint;
        }
    }

    /** Everything since the last drain, and empties the feed. Any thread (the EDT timer calls it). */
    public FeedBatch drain() {
        synchronized (lock) {
            FeedBatch b = new FeedBatch(runDirectory, started, finished, progress, samples, checkpoints, log, outcome,
                    outcomeMessage, outcomeHint);
            runDirectory = null;
            started = new ArrayList<>();
            finished = new ArrayList<>();
            progress = new LinkedHashMap<>();
            samples = new ArrayList<>();
            checkpoints = new ArrayList<>();
            log = new ArrayList<>();
            outcome = null;
            outcomeHint = null;
            return b;
        }
    }

    /**
     * Drains the feed and hands the batch to every view once, in the order given; an empty batch goes to
     * none. Returns the batch. EDT only (the run controller's timer calls it).
     */
    public FeedBatch dispatch(List<? extends LiveView> views) {
        FeedBatch b = drain();
        if (!b.isEmpty()) {
            for (LiveView v : views) {
                v.apply(b);
            }
        }
        return b;
    }

    /** Log lines dropped because the EDT fell behind. Any thread. */
    public int droppedLogLines() {
        return droppedLog.get();
    }
}
