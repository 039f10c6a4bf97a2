package io.vst.engine;

import io.vst.rundir.StepRecord;
import io.vst.scenario.ConditionalStep;
import io.vst.workload.StopSignal;
import java.util.List;
import java.util.Map;

/** The body of each step type; {@link StepRunner} wraps them in error handling and timeouts. */
final class StepBodies {

    /**
     * How a step body ended.
     *
     * @param activeSeconds time spent doing the operations (see {@link StepRecord#activeSeconds()}), or NaN
     */
    record Outcome(String status, long operations, long errors, double activeSeconds, double recall,
                   double timeToSearchable, Map<String, StepRecord.LatencySummary> latency, String detail) {

        static Outcome ok(String detail) {
            return new Outcome("ok", 0, 0, Double.NaN, Double.NaN, Double.NaN, null, detail);
        }

        static Outcome failed(String status, String detail) {
            return new Outcome(status, 0, 0, Double.NaN, Double.NaN, Double.NaN, null, detail);
        }

        Outcome withDetail(String text) {
            return new Outcome(status, operations, errors, activeSeconds, recall, timeToSearchable, latency, text);
        }

        Outcome withStatus(String newStatus, String text) {
            return new Outcome(newStatus, operations, errors, activeSeconds, recall, timeToSearchable, latency, text);
        }

        Outcome withErrors(long n) {
            return new Outcome(status, operations, n, activeSeconds, recall, timeToSearchable, latency, detail);
        }
    }

    private final RunState state;
    private final StepRunner runner;
    private final WorkloadBody workloads;
    private final CheckpointBody checkpoints;
    private final WaitBody waits;
    private final CleanupBody cleanups;

    StepBodies(RunState state, StepRunner runner) {
        this.state = state;
        this.runner = runner;
        this.workloads = new WorkloadBody(state);
        this.checkpoints = new CheckpointBody(state);
        this.waits = new WaitBody(state);
        this.cleanups = new CleanupBody(state);
    }

    /** Runs the body; a workload step leaves in {@code tally} what it did so far, for when it does not return. */
    Outcome run(PlannedStep step, StopSignal stop, StepTally tally) throws Exception {
        return switch (step.step().type()) {
            case WORKLOAD -> workloads.run(step, stop, tally);
            case CHECKPOINT -> checkpoints.run(step, step.name());
            case WAIT -> waits.run(step, stop);
            case CLEANUP -> cleanups.run(step);
            case CONDITIONAL -> conditional(step, stop);
            case PARALLEL -> {
                runner.runParallel(step, stop);
                yield Outcome.ok(step.children().size() + " steps ran in parallel");
            }
            case LOOP -> {
                runner.runSequence(step.children(), stop, false);
                yield Outcome.ok(((io.vst.scenario.LoopStep) step.step()).iterations() + " iterations");
            }
        };
    }

    private Outcome conditional(PlannedStep step, StopSignal stop) {
        ConditionalStep c = (ConditionalStep) step.step();
        StringBuilder why = new StringBuilder();
        boolean result = runner.evaluate(c, why);
        List<PlannedStep> branch = result ? step.ifTrue() : step.ifFalse();
        String taken = (result ? "if_true" : "if_false") + " taken (" + why + ")";
        state.log("INFO", "conditional " + step.name() + ": " + taken);
        if (branch != null && !branch.isEmpty()) {
            runner.runSequence(branch, stop, false);
        } else {
            taken += "; that branch has no steps";
        }
        return Outcome.ok(taken);
    }

    /**
     * A checkpoint child of a parallel step with {@code interval_seconds}: samples every interval
     * until its siblings finish; each sample is a checkpoint named {@code <name>#<n>}.
     */
    void periodicCheckpoint(PlannedStep step, StopSignal untilSiblingsDone) {
        double interval = Math.max(0.05, step.step().common().intervalSeconds());
        int n = 0;
        do {
            n++;
            String name = step.name() + "#" + n;
            java.time.Instant start = java.time.Instant.now();
            try {
                Outcome o = checkpoints.run(step, name);
                runner.record(step, name, start, o.status(), 0, 0, o.detail());
            } catch (RuntimeException e) {
                runner.record(step, name, start, "failed", 0, 1, StepRunner.describe(e));
            }
        } while (!untilSiblingsDone.sleep((long) (interval * 1000)));
    }
}
