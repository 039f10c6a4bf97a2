package io.vst.engine;

import io.vst.workload.StopSignal;

/**
 * Holds every workload of a run at its next pause point while a checkpoint's memory threshold with
 * {@code action_on_threshold: pause} is exceeded. Any thread.
 */
final class PauseGate {

    private boolean paused;

    synchronized void pause() {
        paused = true;
    }

    synchronized void resume() {
        paused = false;
        notifyAll();
    }

    /** Blocks while paused, waking every 100 ms to honour {@code stop}. */
    synchronized void await(StopSignal stop) {
        while (paused && !stop.isStopped()) {
            try {
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
