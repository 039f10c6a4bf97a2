package io.vst.gui.live;

import io.vst.engine.RunPlan;

/**
 * A view that follows a run: the progress view, results table, live charts, log, checkpoint inspector,
 * failure banner and status bar each implement it and apply every {@link FeedBatch} themselves. The run
 * controller registers them once; its feed hands each batch to all of them on the EDT, once per batch.
 *
 * <pre>
 * runs.addView(progress);                 // EDT, once when the window is built
 * // per run: progress.runStarting(plan), then progress.apply(batch) every timer tick
 * </pre>
 */
public interface LiveView {

    /** A run of {@code plan} is about to start: forget the last run. EDT only. */
    void runStarting(RunPlan plan);

    /** Applies what happened since the previous batch. EDT only. */
    void apply(FeedBatch batch);
}
