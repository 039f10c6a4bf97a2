package io.vst.engine;

import io.vst.metrics.Recorders;
import io.vst.rundir.LogLevel;
import io.vst.rundir.StepStatus;
import io.vst.rundir.StepRecord;
import io.vst.scenario.schema.LiveEffect;
import io.vst.scenario.Parameters;
import io.vst.scenario.WorkloadStep;
import io.vst.scenario.schema.WorkloadTraits;
import io.vst.units.Units;
import io.vst.valkey.FtInfo;
import io.vst.workload.LiveVectors;
import io.vst.workload.StopSignal;
import io.vst.workload.Workload;
import io.vst.workload.WorkloadResult;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a workload step: makes sure the search index exists when the server has the module, runs
 * the workload with the step's own recorders, and after an ingest measures time-to-searchable —
 * how long until FT.INFO reports every live document and {@code state: ready}. The write rate and the
 * wait are reported apart (DESIGN §8): the step's active time ends with its last write.
 */
final class WorkloadBody {

    /** The longest vst waits for the index to catch up after an ingest, before {@code --time-scale}. */
    static final double SEARCHABLE_WAIT_SECONDS = 600;

    private final RunState state;

    WorkloadBody(RunState state) {
        this.state = state;
    }

    StepOutcome run(PlannedStep step, StopSignal stop, StepTally tally) throws Exception {
        String name = ((WorkloadStep) step.step()).workload();
        Workload workload = state.options.workloads().create(name);
        WorkloadTraits traits = state.options.workloads().traits(name);
        Parameters p = step.parameters();
        // Built-in workloads work on vectors; a plugin may need none when the scenario names no dataset.
        LiveVectors vectors = step.dataset() == null && !traits.usesLiveVectors(p) ? null : state.vectorsFor(step);
        if (state.searchAvailable() && traits.needsIndex(p)) {
            IndexLifecycle.ensure(state, step, vectors);
        }
        Recorders own = state.recorders.forStep();
        ShardSpec shard = state.options.shard();
        boolean unionRecall = shard.sharded() && vectors != null && p.getBool(ShardSpec.VERIFY_RESULTS, false)
                && ShardRecall.measurable(state.plan, step);
        // The step only reads: its recall is judged over every shard's vectors, its own live set stays as it is.
        LiveVectors seen = unionRecall ? ShardRecall.union(state, vectors) : vectors;
        String caughtUp = "";
        if (unionRecall && state.searchAvailable()) {
            // A sharded ingest does not wait for the index: wait here, as one process's ingest would have.
            Searchable s = awaitSearchable(step, seen.live().size(), stop);
            caughtUp = s.reached() ? "" : "; " + s.note();
        }
        StepContext ctx = new StepContext(state, step, seen, own, stop);
        tally.started(own, ctx, System.nanoTime());
        WorkloadResult result = workload.run(ctx);
        double active = tally.activeSeconds();
        Map<String, StepRecord.LatencySummary> latency = tally.counts().latency();
        String detail = result.detail() + rate(result.operations(), active);
        StepStatus status = StepStatus.OK;
        double tts = Double.NaN;
        // a step that grows the indexed live set waits until the index has caught up (time-to-searchable)
        boolean grows = traits.liveEffect(p).kind() == LiveEffect.Kind.GROW_TO && traits.needsIndex(p)
                && vectors != null;
        if (unionRecall) {
            detail += "; " + ShardRecall.note(shard) + caughtUp;
        } else if (shard.sharded() && p.getBool(ShardSpec.VERIFY_RESULTS, false)) {
            detail += "; " + shard.recallNote();
        }
        if (shard.sharded() && grows && state.searchAvailable()) {
            // num_docs counts every shard's documents, so it cannot tell when this shard's are searchable.
            detail += "; time-to-searchable not measured: sharded run";
        } else if (state.searchAvailable() && grows && result.operations() > 0 && !stop.isStopped()) {
            Searchable s = awaitSearchable(step, vectors.live().size(), stop);
            tts = s.seconds();
            detail += "; " + s.note();
            if (!s.reached() && !stop.isStopped()) {
                status = StepStatus.TIMEOUT;
            }
        }
        return new StepOutcome(status, result.operations(), result.errors(), active, result.recall(), tts,
                latency, detail);
    }

    /** The rate as the step record defines it, for the detail text (so every place shows one number). */
    static String rate(long operations, double activeSeconds) {
        if (operations <= 0 || !(activeSeconds > 0)) {
            return "";
        }
        return "; " + Units.rate(operations / activeSeconds) + " over " + Units.duration(activeSeconds) + " of work";
    }

    /** How the wait for the index ended. */
    record Searchable(double seconds, boolean reached, String note) {
    }

    /**
     * Polls FT.INFO until the index reports {@code live} documents and ready, for at most
     * {@link #SEARCHABLE_WAIT_SECONDS} × time scale, or until the step is stopped (its timeout, Ctrl-C).
     */
    private Searchable awaitSearchable(PlannedStep step, long live, StopSignal stop) {
        double limit = SEARCHABLE_WAIT_SECONDS * state.plan.options().timeScale();
        long t0 = System.nanoTime();
        String index = step.index().name();
        while (true) {
            FtInfo info = state.session.client().ftInfo(index);
            double waited = (System.nanoTime() - t0) / 1e9;
            if (info.isReady() && info.numDocs() >= live) {
                return new Searchable(waited, true, "searchable after " + Units.duration(waited));
            }
            if (waited > limit || stop.isStopped()) {
                String note = String.format(Locale.ROOT,
                        "not searchable: index %s reports %,d of %,d documents (state %s) after waiting %s%s",
                        index, info.numDocs(), live, info.state(), Units.duration(waited), stop.isStopped() ? ", when the step was"
                                + " stopped" : String.format(Locale.ROOT, " (limit %s s × time scale %s)",
                                Units.plain(SEARCHABLE_WAIT_SECONDS), Units.plain(state.plan.options().timeScale())));
                state.log(LogLevel.WARN, "step " + step.name() + ": " + note);
                return new Searchable(Double.NaN, false, note);
            }
            stop.sleep(20);
        }
    }
}
