package io.vst.engine;

import io.vst.VstException;
import io.vst.metrics.Sample;
import io.vst.rundir.LogLevel;
import io.vst.rundir.StepStatus;
import io.vst.rundir.StepRecord;
import io.vst.scenario.ConditionalStep;
import io.vst.scenario.LoopStep;
import io.vst.scenario.StepType;
import io.vst.scenario.Trigger;
import io.vst.units.Units;
import io.vst.workload.StopReason;
import io.vst.workload.StopSignal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs planned steps: in order, in parallel, in loops and branches, each under its error handling
 * ({@code on_failure continue | stop | retry}), its trigger ({@code on_previous_error}) and its
 * timeout (step {@code timeout_seconds}, else global {@code step_timeout}), both resolved in the plan
 * ({@link PlannedStep#retry()}, {@link PlannedStep#timeoutSeconds()}). A step that times out is told to
 * stop, gets 2 s to wind down, and is reported as "Step timeout after N seconds". The composite steps
 * (parallel, loop, conditional) are orchestrated here; {@link StepBodies} runs the leaf steps.
 */
final class StepRunner {

    /** How long a timed-out or stopped step may take to wind down. */
    static final long WIND_DOWN_MILLIS = 2000;

    private final RunState state;
    private final StepBodies bodies;

    StepRunner(RunState state) {
        this.state = state;
        this.bodies = new StepBodies(state);
    }

    /**
     * Runs {@code steps} in order.
     *
     * @return whether the last step that ran failed (for a following {@code on_previous_error} step)
     * @throws RunAborted when a failed step's handling says the run must stop
     */
    boolean runSequence(List<PlannedStep> steps, StopSignal parent, boolean previousFailed) {
        boolean failed = previousFailed;
        // The shards of a sharded run meet before each top-level step, so they do each step at one time.
        boolean meet = state.barrier != null && steps == state.plan.steps();
        int k = 0;
        for (PlannedStep step : steps) {
            if (parent.isStopped() || meet && !state.barrier.awaitStep(k++, step.name(), parent)) {
                return failed;
            }
            Trigger trigger = step.step().common().trigger();
            if (trigger == Trigger.ON_PREVIOUS_ERROR && !failed) {
                record(step, step.name(), Instant.now(), StepOutcome.of(StepStatus.SKIPPED,
                        "trigger on_previous_error: the previous step did not fail"));
                continue;
            }
            failed = runOne(step, parent).status().isFailure();
        }
        return failed;
    }

    /** Runs one step with its retries; throws {@link RunAborted} when a failure must stop the run. */
    StepRecord runOne(PlannedStep step, StopSignal parent) {
        RetryPolicy retry = step.retry();
        int attempts = retry.attempts();
        StepRecord last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            last = attempt(step, parent, attempt);
            if (!last.status().isFailure() || parent.isStopped()) {
                break;
            }
            if (attempt < attempts) {
                state.log(LogLevel.WARN, String.format(Locale.ROOT, "step %s failed (%s); retry %d of %d in %s",
                        step.name(), last.detail(), attempt, retry.maxRetries(), Units.duration(retry.retryDelaySeconds())));
                parent.sleep((long) (retry.retryDelaySeconds() * 1000));
            }
        }
        if (last != null && last.status().isFailure() && !parent.isStopped()) {
            if (!retry.continuesAfterFailure()) {
                throw new RunAborted("step '" + step.name() + "' failed: " + last.detail());
            }
            state.log(LogLevel.WARN, "step " + step.name() + " failed; continuing as its error handling says");
        }
        return last;
    }

    private StepRecord attempt(PlannedStep step, StopSignal parent, int attempt) {
        double timeout = step.timeoutSeconds();
        StopSignal stop = parent.child(0);
        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        state.directory.log(LogLevel.INFO, "step " + step.name() + " (" + step.kind() + ") started"
                + (attempt > 1 ? ", attempt " + attempt : ""));
        state.listeners.stepStarted(step);
        flushSamples();
        state.currentStep.set(step.name());
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vst-step-" + step.name());
            t.setDaemon(true);
            return t;
        });
        StepTally tally = new StepTally();
        StepOutcome outcome;
        try {
            Future<StepOutcome> f = exec.submit(() -> body(step, stop, tally));
            outcome = await(f, stop, parent, timeout, step, tally);
        } finally {
            exec.shutdownNow();
        }
        outcome = StepOutcomes.classify(state, outcome, parent, (System.nanoTime() - startNanos) / 1e9);
        if (attempt > 1 && outcome.status() == StepStatus.OK) {
            outcome = outcome.withDetail(outcome.detail() + " (succeeded on attempt " + attempt + ")");
        }
        return record(step, step.name(), start, outcome);
    }

    /**
     * Waits for the body. A body that throws or does not finish in time still reports what it did: the
     * operations and errors its recorders saw ({@link StepTally}).
     */
    private StepOutcome await(Future<StepOutcome> f, StopSignal stop, StopSignal parent,
                                     double timeout, PlannedStep step, StepTally tally) {
        try {
            return timeout > 0 ? f.get((long) (timeout * 1000), TimeUnit.MILLISECONDS) : f.get();
        } catch (TimeoutException e) {
            String msg = String.format(Locale.ROOT, "Step timeout after %s seconds", Units.plain(timeout));
            stop.stop(msg);
            StepOutcome wound = windDown(f, step, tally);
            return wound.withStatus(StepStatus.TIMEOUT, msg + (wound.detail().isEmpty() ? "" : "; " + wound.detail()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.stop(StopReason.INTERRUPTED.spelling());
            return windDown(f, step, tally).withStatus(StepStatus.INTERRUPTED, StopReason.INTERRUPTED.spelling());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RunAborted aborted) {
                throw aborted;
            }
            StepOutcomes.graceForStop(cause, parent);
            StepOutcome partial = tally.partial(StepStatus.FAILED, describe(cause));
            // The failure that ended the step is an error seen, unless an error reply was counted already.
            return partial.withErrors(Math.max(1, partial.errors()));
        }
    }

    /** Gives a told-to-stop body 2 s; returns its own outcome, or what its recorders saw. */
    private StepOutcome windDown(Future<StepOutcome> f, PlannedStep step, StepTally tally) {
        try {
            return f.get(WIND_DOWN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            state.log(LogLevel.ERROR, "step " + step.name() + " did not stop within 2 s of being told to");
        } catch (ExecutionException e) {
            // The body ended with an error while winding down: the timeout is what is reported.
            state.log(LogLevel.INFO, "step " + step.name() + " ended while stopping: " + describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return tally.partial(StepStatus.STOPPED, "");
    }

    /**
     * Takes a sample now, so that latencies recorded so far are written under the step that produced
     * them (the sampler tags each interval with the step running when it is taken).
     */
    private void flushSamples() {
        if (state.sampler != null) {
            try {
                state.sampler.sampleNow();
            } catch (RuntimeException e) {
                state.log(LogLevel.WARN, "sample at a step boundary failed: " + e.getMessage());
            }
        }
    }

    /** Records a step outcome under {@code name} (periodic checkpoints record each sample as name#n). */
    private StepRecord record(PlannedStep step, String name, Instant start, StepOutcome o) {
        if (step.step().type() == StepType.WORKLOAD && name.equals(state.currentStep.get())) {
            flushSamples();
        }
        StepRecord r = new StepRecord(name, step.step().type().yamlName(), workloadName(step), o.status(),
                start, Instant.now(), o.activeSeconds(), o.operations(), o.errors(), StepOutcomes.liveAfter(state),
                o.timeToSearchable(), o.recall(), o.latency() == null ? Map.of() : o.latency(), o.detail());
        state.records.add(r);
        state.directory.append(r);
        state.directory.log(r.status().isFailure() ? LogLevel.ERROR : LogLevel.INFO,
                String.format(Locale.ROOT, "step %s %s in %s: %,d operations, %,d errors; %s", name, r.status(),
                        Units.duration(r.durationSeconds()), r.operations(), r.errors(), r.detail()));
        state.listeners.stepFinished(step, r);
        state.currentStep.set("");
        if (r.status().isFailure()) {
            // vst.log has the line above already; the console gets it here.
            state.listeners.log(LogLevel.ERROR, "step " + name + " " + r.status() + ": " + r.detail());
        }
        return r;
    }

    /** The body of one attempt: composite steps are orchestrated here, leaf steps run by their body. */
    private StepOutcome body(PlannedStep step, StopSignal stop, StepTally tally) throws Exception {
        return switch (step.step().type()) {
            case CONDITIONAL -> conditional(step, stop);
            case PARALLEL -> {
                runParallel(step, stop);
                yield StepOutcome.ok(step.children().size() + " steps ran in parallel");
            }
            case LOOP -> {
                runSequence(step.children(), stop, false);
                yield StepOutcome.ok(((LoopStep) step.step()).iterations() + " iterations");
            }
            case WORKLOAD, CHECKPOINT, WAIT, CLEANUP -> bodies.run(step, stop, tally);
        };
    }

    private StepOutcome conditional(PlannedStep step, StopSignal stop) {
        ConditionalStep c = (ConditionalStep) step.step();
        StringBuilder why = new StringBuilder();
        boolean result = evaluate(c, why);
        List<PlannedStep> branch = result ? step.ifTrue() : step.ifFalse();
        String taken = (result ? "if_true" : "if_false") + " taken (" + why + ")";
        state.log(LogLevel.INFO, "conditional " + step.name() + ": " + taken);
        if (branch != null && !branch.isEmpty()) {
            runSequence(branch, stop, false);
        } else {
            taken += "; that branch has no steps";
        }
        return StepOutcome.ok(taken);
    }

    /** Evaluates a conditional step's condition on the latest sample. */
    private boolean evaluate(ConditionalStep c, StringBuilder why) {
        Sample s = state.sampler.sampleNow();
        double actual = ConditionMetrics.value(c.condition().metric(), s);
        if (Double.isNaN(actual)) {
            why.append(c.condition().metric()).append(" is not reported by this server; condition is false");
            return false;
        }
        boolean result = c.condition().operator().test(actual, c.condition().value());
        why.append(String.format(Locale.ROOT, "%s = %s %s %s is %s", c.condition().metric(),
                Units.decimal(actual, 3), c.condition().operator().yamlName(), Units.plain(c.condition().value()), result));
        return result;
    }

    /** Runs children concurrently; each follows its own error handling. */
    private void runParallel(PlannedStep step, StopSignal stop) {
        List<PlannedStep> kids = step.children();
        StopSignal siblingsDone = stop.child(0);
        ExecutorService exec = Executors.newFixedThreadPool(Math.max(1, kids.size()), r -> {
            Thread t = new Thread(r, "vst-parallel-" + step.name());
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> workers = new ArrayList<>();
        List<Future<?>> monitors = new ArrayList<>();
        try {
            for (PlannedStep kid : kids) {
                boolean periodic = kid.step().type() == StepType.CHECKPOINT
                        && kid.step().common().intervalSeconds() != null;
                if (periodic) {
                    monitors.add(exec.submit(() -> periodicCheckpoint(kid, siblingsDone)));
                } else {
                    workers.add(exec.submit(() -> runOne(kid, stop)));
                }
            }
            RunAborted abort = null;
            for (Future<?> f : workers) {
                abort = firstAbort(abort, f);
            }
            siblingsDone.stop("parallel siblings finished");
            for (Future<?> f : monitors) {
                abort = firstAbort(abort, f);
            }
            if (abort != null) {
                throw abort;
            }
        } finally {
            siblingsDone.stop("parallel step ended");
            exec.shutdownNow();
        }
    }

    /**
     * A checkpoint child of a parallel step with {@code interval_seconds}: samples every interval
     * until its siblings finish; each sample is a checkpoint named {@code <name>#<n>}.
     */
    private void periodicCheckpoint(PlannedStep step, StopSignal untilSiblingsDone) {
        double interval = Math.max(0.05, step.step().common().intervalSeconds());
        int n = 0;
        do {
            n++;
            String name = step.name() + "#" + n;
            Instant start = Instant.now();
            StepOutcome sample;
            try {
                StepOutcome o = bodies.checkpoint(step, name);
                sample = StepOutcome.of(o.status(), o.detail());
            } catch (RuntimeException e) {
                sample = StepOutcome.of(StepStatus.FAILED, describe(e)).withErrors(1);
            }
            record(step, name, start, sample);
        } while (!untilSiblingsDone.sleep((long) (interval * 1000)));
    }

    private static RunAborted firstAbort(RunAborted sofar, Future<?> f) {
        try {
            f.get();
            return sofar;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RunAborted a) {
                return sofar != null ? sofar : a;
            }
            return sofar != null ? sofar : new RunAborted(describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return sofar != null ? sofar : new RunAborted(StopReason.INTERRUPTED.spelling());
        }
    }

    private static String workloadName(PlannedStep step) {
        return step.step() instanceof io.vst.scenario.WorkloadStep w ? w.workload() : "";
    }

    static String describe(Throwable t) {
        return io.vst.Failures.describe(t);
    }

    /** A failure that ends the whole run. */
    static final class RunAborted extends RuntimeException {
        RunAborted(String message) {
            super(message);
        }
    }
}
