package io.vst.engine;

import io.vst.metrics.Recorders;
import io.vst.rundir.LogLevel;
import io.vst.scenario.GlobalConfig;
import io.vst.scenario.IndexSpec;
import io.vst.scenario.Parameters;
import io.vst.valkey.ValkeyClient;
import io.vst.workload.LiveVectors;
import io.vst.workload.StopSignal;
import io.vst.workload.WorkloadContext;
import java.util.concurrent.atomic.AtomicLong;

/** The {@link WorkloadContext} of one running workload step. */
final class StepContext implements WorkloadContext {

    private static final long NONE = Long.MIN_VALUE;

    private final RunState state;
    private final PlannedStep step;
    private final LiveVectors vectors;
    private final Recorders recorders;
    private final StopSignal stop;
    private final long startNanos = System.nanoTime();
    private final double duration;
    private final long maxOps;
    private final ShardSpec shard;
    private final Parameters parameters;
    /** nanoTime of the first pause point (the start of the first operation); NONE before. */
    private final AtomicLong firstOpNanos = new AtomicLong(NONE);
    private final AtomicLong lastOpNanos = new AtomicLong(NONE);
    private volatile long heldAtFirstOp;

    StepContext(RunState state, PlannedStep step, LiveVectors vectors, Recorders recorders, StopSignal stop) {
        this.state = state;
        this.step = step;
        this.vectors = vectors;
        this.recorders = recorders;
        this.stop = stop;
        Double d = step.step().common().durationSeconds();
        this.duration = d == null ? 0 : d;
        Long m = step.step().common().maxOperations();
        this.shard = state.options.shard();
        this.maxOps = m == null ? 0 : shard.share(m);
        this.parameters = shard.split(step.parameters(), ShardRecall.measurable(state.plan, step));
    }

    @Override
    public String stepName() {
        return step.name();
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public GlobalConfig config() {
        return step.config();
    }

    @Override
    public ValkeyClient client() {
        return state.session.client();
    }

    @Override
    public LiveVectors vectors() {
        return vectors;
    }

    @Override
    public IndexSpec index() {
        return step.index();
    }

    @Override
    public boolean searchAvailable() {
        return state.searchAvailable();
    }

    @Override
    public Recorders recorders() {
        return recorders;
    }

    @Override
    public StopSignal stop() {
        return stop;
    }

    @Override
    public double durationSeconds() {
        return duration;
    }

    @Override
    public long maxOperations() {
        return maxOps;
    }

    @Override
    public int shardIndex() {
        return shard.index();
    }

    @Override
    public int shardCount() {
        return shard.count();
    }

    @Override
    public long share(long total) {
        return shard.share(total);
    }

    @Override
    public boolean timeIsUp() {
        return duration > 0 && (System.nanoTime() - startNanos) / 1e9 >= duration;
    }

    @Override
    public void progress(long done, long target) {
        lastOpNanos.accumulateAndGet(System.nanoTime(), Math::max);
        double fraction;
        if (target > 0) {
            fraction = Math.min(1.0, done / (double) target);
        } else if (duration > 0) {
            fraction = Math.min(1.0, (System.nanoTime() - startNanos) / 1e9 / duration);
        } else {
            fraction = Double.NaN;
        }
        state.listeners.stepProgress(step, done, target, fraction);
    }

    @Override
    public void log(String level, String message) {
        LogLevel known;
        try {
            known = LogLevel.parse(level);
        } catch (IllegalArgumentException other) {
            // A plugin's own level word is kept in the line, under INFO.
            state.log(LogLevel.INFO, level + " " + message);
            return;
        }
        state.log(known, message);
    }

    @Override
    public long seed() {
        return state.options.seed() ^ (step.name().hashCode() * 0x9E3779B97F4A7C15L);
    }

    @Override
    public void pausePoint() {
        if (firstOpNanos.get() == NONE) {
            long now = System.nanoTime();
            if (firstOpNanos.compareAndSet(NONE, now)) {
                heldAtFirstOp = state.pause.heldNanos();
            }
        }
        state.pause.await(stop);
    }

    /**
     * Seconds from the first operation to the last one reported (workers call {@link #pausePoint()} before
     * each batch or query and {@link #progress} after it), without the time a memory-threshold pause held the
     * run; NaN when the workload reported neither.
     */
    double activeSeconds() {
        long first = firstOpNanos.get();
        long last = lastOpNanos.get();
        if (first == NONE || last == NONE || last <= first) {
            return Double.NaN;
        }
        long held = Math.max(0, state.pause.heldNanos() - heldAtFirstOp);
        return Math.max(0, last - first - held) / 1e9;
    }

    @Override
    public void recordRecall(double recall) {
        state.recall.record(recall);
    }
}
