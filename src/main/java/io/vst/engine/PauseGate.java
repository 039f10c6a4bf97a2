package io.vst.engine;

import io.vst.workload.StopSignal;

/**
 * Holds every workload of a run at its next pause point while a checkpoint's memory threshold with
 * {@code action_on_threshold: pause} is exceeded. Any thread.
 */
final class PauseGate {

    private boolean paused;
    private long pausedSinceNanos;
    private long heldNanos;

    synchronized void pause() {
        if (!paused) {
            pausedSinceNanos = System.nanoTime();
        }
        paused = true;
    }

    synchronized void resume() {
        if (paused) {
            heldNanos += System.nanoTime() - pausedSinceNanos;
        }
        paused = false;
        notifyAll();
    }

    /** Nanoseconds the gate has been closed in total, the current pause included: not time spent working. */
    synchronized long heldNanos() {
        return heldNanos + (paused ? System.nanoTime() - pausedSinceNanos : 0);
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
