package io.vst.engine;

import io.vst.metrics.LatencyRecorder;
import io.vst.metrics.Recorders;
import io.vst.report.StepRecord;
import io.vst.scenario.WorkloadStep;
import io.vst.valkey.FtInfo;
import io.vst.workload.LiveVectors;
import io.vst.workload.StopSignal;
import io.vst.workload.Workload;
import io.vst.workload.WorkloadResult;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Runs a workload step: makes sure the search index exists when the server has the module, runs
 * the workload with the step's own recorders, and after an ingest measures time-to-searchable —
 * how long until FT.INFO reports every live document and {@code state: ready}.
 */
final class WorkloadBody {

    /** The longest vst waits for the index to catch up after an ingest. */
    static final double SEARCHABLE_WAIT_SECONDS = 600;

    private final RunState state;

    WorkloadBody(RunState state) {
        this.state = state;
    }

    StepBodies.Outcome run(PlannedStep step, StopSignal stop) throws Exception {
        String name = ((WorkloadStep) step.step()).workload();
        Workload workload = state.options.workloads().create(name);
        // Built-in workloads work on vectors; a plugin may need none when the scenario names no dataset.
        LiveVectors vectors = step.dataset() == null && !IndexLifecycle.needsIndex(name) && !"shrink".equals(name)
                ? null : state.vectorsFor(step);
        if (state.searchAvailable() && IndexLifecycle.needsIndex(name)) {
            IndexLifecycle.ensure(state, step, vectors);
        }
        Recorders own = state.recorders.forStep();
        StepContext ctx = new StepContext(state, step, vectors, own, stop);
        WorkloadResult result = workload.run(ctx);
        double tts = Double.NaN;
        String detail = result.detail();
        if (state.searchAvailable() && "ingest".equals(name) && result.operations() > 0 && !stop.isStopped()) {
            tts = timeToSearchable(step, vectors.live().size(), stop);
            detail += String.format(Locale.ROOT, "; searchable after %.2f s", tts);
        }
        if (stop.isStopped() && stop.reason() != null && !"deadline".equals(stop.reason())) {
            return new StepBodies.Outcome("stopped", result.operations(), result.errors(), result.recall(), tts,
                    summarise(own), detail + "; stopped: " + stop.reason());
        }
        return new StepBodies.Outcome("ok", result.operations(), result.errors(), result.recall(), tts,
                summarise(own), detail);
    }

    private double timeToSearchable(PlannedStep step, long live, StopSignal stop) {
        long t0 = System.nanoTime();
        String index = step.index().name();
        while (!stop.isStopped()) {
            FtInfo info = state.session.client().ftInfo(index);
            if (info.isReady() && info.numDocs() >= live) {
                return (System.nanoTime() - t0) / 1e9;
            }
            if ((System.nanoTime() - t0) / 1e9 > SEARCHABLE_WAIT_SECONDS) {
                state.log("WARN", String.format(Locale.ROOT,
                        "index %s still reports %,d of %,d documents (state %s) after %.0f s", index,
                        info.numDocs(), live, info.state(), SEARCHABLE_WAIT_SECONDS));
                return Double.NaN;
            }
            stop.sleep(20);
        }
        return Double.NaN;
    }

    static Map<String, StepRecord.LatencySummary> summarise(Recorders rec) {
        Map<String, StepRecord.LatencySummary> out = new LinkedHashMap<>();
        for (LatencyRecorder r : rec.all()) {
            LatencyRecorder.Interval in = r.takeInterval();
            Histogram h = in.histogram();
            if (h.getTotalCount() > 0) {
                out.put(r.operation(), new StepRecord.LatencySummary(h.getTotalCount(),
                        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                        h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0));
            }
        }
        return out;
    }
}
