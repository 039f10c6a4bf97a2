package io.vst.engine;

import io.vst.rundir.StepStatus;
import io.vst.units.Units;
import io.vst.valkey.resp.ValkeyException;
import io.vst.workload.StopReason;
import io.vst.workload.StopSignal;

/**
 * Names how a step really ended: {@code timeout} (its step timeout), {@code interrupted} (the user stopped
 * the run: Ctrl-C, the Stop button, even when the stop first showed as a lost connection), {@code stopped}
 * (vst stopped the run: a memory limit, the scenario timeout), {@code failed} (an error, or a server that
 * restarted under it), else what the body said. The operations and errors are kept whatever the status.
 */
final class StepOutcomes {

    /** How long a step failed by a lost connection waits for a stop that explains it (Ctrl-C kills the server too). */
    static final long STOP_GRACE_MILLIS = 1000;

    private StepOutcomes() {
    }

    static StepOutcome classify(RunState state, StepOutcome o, StopSignal parent, double seconds) {
        String restart = checkRestart(state);
        if (restart != null) {
            return o.withStatus(StepStatus.FAILED, restart + "; " + o.detail()).withErrors(Math.max(1, o.errors()));
        }
        if (o.status() == StepStatus.TIMEOUT) {
            return o;
        }
        if (parent.isStopped()) {
            String reason = parent.reason();
            if (state.userStopped) {
                String why = StopReason.parse(reason) == StopReason.INTERRUPTED ? reason
                        : StopReason.INTERRUPTED.spelling() + " (" + reason + ")";
                return o.withStatus(StepStatus.INTERRUPTED, why + " after " + Units.duration(seconds) + "; " + o.detail());
            }
            String why = StopReason.parse(reason) == StopReason.DEADLINE ? "the scenario timeout" : reason;
            return o.withStatus(StepStatus.STOPPED, "stopped by " + why + " after " + Units.duration(seconds) + "; "
                    + o.detail());
        }
        return o;
    }

    /** Before a lost connection is called a failure, gives a Ctrl-C that caused it time to arrive. */
    static void graceForStop(Throwable cause, StopSignal parent) {
        if (cause instanceof ValkeyException v && v.isTransient() && !parent.isStopped()) {
            parent.sleep(STOP_GRACE_MILLIS);
        }
    }

    /** Reads INFO server to notice a restart at the step's end; the sampler notices it between steps. */
    private static String checkRestart(RunState state) {
        if (state.watch == null) {
            return null;
        }
        try {
            String now = state.watch.restart() != null ? state.watch.restart()
                    : state.watch.check(state.session.client().info("server"));
            if (now == null) {
                return null;
            }
            Runner.restarted(state, now);
            return Runner.describeRestart(state);
        } catch (ValkeyException unreachable) {
            // A server that does not answer now is not proof of a restart; the sampler keeps watching.
            return null;
        }
    }

    /** Live vectors after a step: vst's count, or after a restart the keys the server really holds. */
    static long liveAfter(RunState state) {
        Long held = state.keysAfterRestart;
        return held != null ? held : state.vectors.liveCount();
    }
}
