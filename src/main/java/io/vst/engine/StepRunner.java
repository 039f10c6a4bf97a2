package io.vst.engine;

import io.vst.VstException;
import io.vst.metrics.Sample;
import io.vst.rundir.StepRecord;
import io.vst.scenario.ConditionalStep;
import io.vst.scenario.ErrorHandling;
import io.vst.scenario.OnFailure;
import io.vst.scenario.StepType;
import io.vst.scenario.Trigger;
import io.vst.units.Units;
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
 * timeout (step {@code timeout_seconds}, else global {@code step_timeout}). A step that times out is
 * told to stop, gets 2 s to wind down, and is reported as "Step timeout after N seconds".
 */
final class StepRunner {

    /** How long a timed-out or stopped step may take to wind down. */
    static final long WIND_DOWN_MILLIS = 2000;

    private final RunState state;
    private final StepBodies bodies;

    StepRunner(RunState state) {
        this.state = state;
        this.bodies = new StepBodies(state, this);
    }

    /**
     * Runs {@code steps} in order.
     *
     * @return whether the last step that ran failed (for a following {@code on_previous_error} step)
     * @throws RunAborted when a failed step's handling says the run must stop
     */
    boolean runSequence(List<PlannedStep> steps, StopSignal parent, boolean previousFailed) {
        boolean failed = previousFailed;
        for (PlannedStep step : steps) {
            if (parent.isStopped()) {
                return failed;
            }
            Trigger trigger = step.step().common().trigger();
            if (trigger == Trigger.ON_PREVIOUS_ERROR && !failed) {
                record(step, Instant.now(), "skipped", 0, 0, "trigger on_previous_error: the previous step did not fail");
                continue;
            }
            StepRecord r = runOne(step, parent);
            failed = !"ok".equals(r.status()) && !"skipped".equals(r.status());
        }
        return failed;
    }

    /** Runs one step with its retries; throws {@link RunAborted} when a failure must stop the run. */
    StepRecord runOne(PlannedStep step, StopSignal parent) {
        ErrorHandling eh = step.step().common().errorHandling();
        OnFailure policy = eh != null && eh.onFailure() != null ? eh.onFailure()
                : (step.config().continueOnError() ? OnFailure.CONTINUE : OnFailure.STOP);
        int maxRetries = eh != null && eh.maxRetries() != null ? eh.maxRetries() : step.config().maxRetries();
        // the step's own retry_delay is scaled here; global_config's was scaled when the plan was made
        double delay = eh != null && eh.retryDelay() != null ? eh.retryDelay() * state.plan.options().timeScale()
                : step.config().retryDelay();
        int attempts = policy == OnFailure.RETRY ? maxRetries + 1 : 1;
        StepRecord last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            last = attempt(step, parent, attempt);
            if (!isFailure(last) || parent.isStopped()) {
                break;
            }
            if (attempt < attempts) {
                state.log("WARN", String.format(Locale.ROOT, "step %s failed (%s); retry %d of %d in %s",
                        step.name(), last.detail(), attempt, maxRetries, Units.duration(delay)));
                parent.sleep((long) (delay * 1000));
            }
        }
        if (isFailure(last) && !parent.isStopped()) {
            boolean goOn = policy == OnFailure.CONTINUE
                    || (policy == OnFailure.RETRY && step.config().continueOnError());
            if (!goOn) {
                throw new RunAborted("step '" + step.name() + "' failed: " + last.detail());
            }
            state.log("WARN", "step " + step.name() + " failed; continuing as its error handling says");
        }
        return last;
    }

    private StepRecord attempt(PlannedStep step, StopSignal parent, int attempt) {
        double timeout = timeoutSeconds(step);
        StopSignal stop = parent.child(0);
        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        state.directory.log("INFO", "step " + step.name() + " (" + step.kind() + ") started"
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
        StepBodies.Outcome outcome;
        try {
            Future<StepBodies.Outcome> f = exec.submit(() -> bodies.run(step, stop, tally));
            outcome = await(f, stop, parent, timeout, step, tally);
        } finally {
            exec.shutdownNow();
        }
        outcome = StepOutcomes.classify(state, outcome, parent, (System.nanoTime() - startNanos) / 1e9);
        if (attempt > 1 && outcome.status().equals("ok")) {
            outcome = outcome.withDetail(outcome.detail() + " (succeeded on attempt " + attempt + ")");
        }
        return finish(step, start, outcome);
    }

    /**
     * Waits for the body. A body that throws or does not finish in time still reports what it did: the
     * operations and errors its recorders saw ({@link StepTally}).
     */
    private StepBodies.Outcome await(Future<StepBodies.Outcome> f, StopSignal stop, StopSignal parent,
                                     double timeout, PlannedStep step, StepTally tally) {
        try {
            return timeout > 0 ? f.get((long) (timeout * 1000), TimeUnit.MILLISECONDS) : f.get();
        } catch (TimeoutException e) {
            String msg = String.format(Locale.ROOT, "Step timeout after %s seconds", Units.plain(timeout));
            stop.stop(msg);
            StepBodies.Outcome wound = windDown(f, step, tally);
            return wound.withStatus("timeout", msg + (wound.detail().isEmpty() ? "" : "; " + wound.detail()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.stop("interrupted");
            return windDown(f, step, tally).withStatus("interrupted", "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RunAborted aborted) {
                throw aborted;
            }
            StepOutcomes.graceForStop(cause, parent);
            StepBodies.Outcome partial = tally.partial("failed", describe(cause));
            // The failure that ended the step is an error seen, unless an error reply was counted already.
            return partial.withErrors(Math.max(1, partial.errors()));
        }
    }

    /** Gives a told-to-stop body 2 s; returns its own outcome, or what its recorders saw. */
    private StepBodies.Outcome windDown(Future<StepBodies.Outcome> f, PlannedStep step, StepTally tally) {
        try {
            return f.get(WIND_DOWN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            state.log("ERROR", "step " + step.name() + " did not stop within 2 s of being told to");
        } catch (ExecutionException e) {
            // The body ended with an error while winding down: the timeout is what is reported.
            state.log("INFO", "step " + step.name() + " ended while stopping: " + describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return tally.partial("stopped", "");
    }

    private StepRecord finish(PlannedStep step, Instant start, StepBodies.Outcome o) {
        return finish(step, step.name(), start, o);
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
                state.log("WARN", "sample at a step boundary failed: " + e.getMessage());
            }
        }
    }

    private StepRecord finish(PlannedStep step, String name, Instant start, StepBodies.Outcome o) {
        if (step.step().type() == io.vst.scenario.StepType.WORKLOAD && name.equals(state.currentStep.get())) {
            flushSamples();
        }
        StepRecord r = new StepRecord(name, step.step().type().yamlName(), workloadName(step), o.status(),
                start, Instant.now(), o.activeSeconds(), o.operations(), o.errors(), StepOutcomes.liveAfter(state),
                o.timeToSearchable(), o.recall(), o.latency() == null ? Map.of() : o.latency(), o.detail());
        state.records.add(r);
        state.directory.append(r);
        state.directory.log("ok".equals(r.status()) || "skipped".equals(r.status()) ? "INFO" : "ERROR",
                String.format(Locale.ROOT, "step %s %s in %s: %,d operations, %,d errors; %s", name, r.status(),
                        Units.duration(r.durationSeconds()), r.operations(), r.errors(), r.detail()));
        state.listeners.stepFinished(step, r);
        state.currentStep.set("");
        if (isFailure(r)) {
            // vst.log has the line above already; the console gets it here.
            state.listeners.log("ERROR", "step " + name + " " + r.status() + ": " + r.detail());
        }
        return r;
    }

    void record(PlannedStep step, Instant start, String status, long ops, long errors, String detail) {
        record(step, step.name(), start, status, ops, errors, detail);
    }

    /** Records a step outcome under {@code name} (periodic checkpoints record each sample as name#n). */
    void record(PlannedStep step, String name, Instant start, String status, long ops, long errors, String detail) {
        finish(step, name, start, new StepBodies.Outcome(status, ops, errors, Double.NaN, Double.NaN, Double.NaN, null,
                detail));
    }

    /** Evaluates a conditional step's condition on the latest sample. */
    boolean evaluate(ConditionalStep c, StringBuilder why) {
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
    void runParallel(PlannedStep step, StopSignal stop) {
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
                    monitors.add(exec.submit(() -> bodies.periodicCheckpoint(kid, siblingsDone)));
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
            return sofar != null ? sofar : new RunAborted("interrupted");
        }
    }

    private double timeoutSeconds(PlannedStep step) {
        Double own = step.step().common().timeoutSeconds();
        if (own != null && own > 0) {
            return own;
        }
        Double global = step.config().stepTimeout();
        return global != null && global > 0 ? global : 0;
    }

    private static boolean isFailure(StepRecord r) {
        return r != null && !"ok".equals(r.status()) && !"skipped".equals(r.status());
    }

    private static String workloadName(PlannedStep step) {
        return step.step() instanceof io.vst.scenario.WorkloadStep w ? w.workload() : "";
    }

    static String describe(Throwable t) {
        if (t instanceof VstException v) {
            return v.getMessage() + (v.hint() == null ? "" : " (" + v.hint() + ")");
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** A failure that ends the whole run. */
    static final class RunAborted extends RuntimeException {
        RunAborted(String message) {
            super(message);
        }
    }
}
