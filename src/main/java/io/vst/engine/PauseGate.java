package io.vst.engine;

import io.vst.workload.StopSignal;

/**
 * Holds every workload of a run at its next pause point while a checkpoint's memory threshold with
 * {@code action_on_threshold: pause} is exceeded. Any thread.
 */
final class PauseGate {

    private boolean paused;
    private String reason;

    synchronized void pause(String why) {
        paused = true;
        reason = why;
    }

    synchronized void resume() {
        paused = false;
        reason = null;
        notifyAll();
    }

    synchronized boolean isPaused() {
        return paused;
    }

    synchronized String reason() {
        return reason;
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
