package io.vst.engine;

import io.vst.metrics.LatencyRecorder;
import io.vst.metrics.Recorders;
import io.vst.rundir.StepStatus;
import io.vst.rundir.StepRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one attempt of a workload step has done so far, readable when its body does not return: a step
 * that fails, times out or is stopped records the operations and errors its own recorders saw (DESIGN §8),
 * not zero. The workload body registers its recorders and context here when it starts. Any thread.
 */
final class StepTally {

    private volatile Recorders recorders;
    private volatile StepContext context;
    private volatile long bodyStartNanos;
    private boolean taken;
    private Counts counts;

    /** What the recorders of a step counted, read once. */
    record Counts(long operations, long errors, Map<String, StepRecord.LatencySummary> latency) {
    }

    void started(Recorders stepRecorders, StepContext ctx, long startNanos) {
        this.recorders = stepRecorders;
        this.context = ctx;
        this.bodyStartNanos = startNanos;
    }

    /**
     * The step's operations (successful items recorded), errors and latency summary. Reads and resets the
     * recorders, so it is computed once and the same answer is returned afterwards.
     */
    synchronized Counts counts() {
        if (!taken) {
            taken = true;
            counts = read(recorders);
        }
        return counts;
    }

    /**
     * Seconds spent doing operations: first to last operation as the workload reported them, without the
     * time held by a pause; the body's running time for a workload that reports neither; NaN before start.
     */
    double activeSeconds() {
        StepContext ctx = context;
        if (ctx == null) {
            return Double.NaN;
        }
        double measured = ctx.activeSeconds();
        return Double.isNaN(measured) ? (System.nanoTime() - bodyStartNanos) / 1e9 : measured;
    }

    /** The outcome of a body that did not return: what was recorded, with {@code status} and {@code detail}. */
    StepOutcome partial(StepStatus status, String detail) {
        if (recorders == null) {
            return StepOutcome.of(status, detail);
        }
        Counts c = counts();
        return new StepOutcome(status, c.operations(), c.errors(), activeSeconds(), Double.NaN, Double.NaN,
                c.latency(), detail);
    }

    private static Counts read(Recorders rec) {
        Map<String, StepRecord.LatencySummary> out = new LinkedHashMap<>();
        if (rec == null) {
            return new Counts(0, 0, out);
        }
        long ops = 0;
        long errors = 0;
        for (LatencyRecorder r : rec.all()) {
            LatencyRecorder.Interval in = r.takeInterval();
            Histogram h = in.histogram();
            ops += h.getTotalCount();
            errors += in.errors();
            if (h.getTotalCount() > 0) {
                out.put(r.operation(), new StepRecord.LatencySummary(h.getTotalCount(),
                        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                        h.getValueAtPercentile(99) / 1000.0,
                        h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0));
            }
        }
        return new Counts(ops, errors, out);
    }
}
