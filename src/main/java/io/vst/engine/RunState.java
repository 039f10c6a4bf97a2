package io.vst.engine;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Recorders;
import io.vst.metrics.Sampler;
import io.vst.rundir.LogLevel;
import io.vst.rundir.RunDirectory;
import io.vst.rundir.StepRecord;
import io.vst.workload.LiveVectors;
import io.vst.workload.StopSignal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** What the steps of one run share: the server, the vectors, the recorders, the history. */
final class RunState {

    final RunPlan plan;
    final ServerSession session;
    final RunDirectory directory;
    final RunOptions options;
    final Recorders recorders = new Recorders();
    final StopSignal stop = StopSignal.root();
    final Listeners listeners;
    final Vectors vectors;
    final RecallBoard recall = new RecallBoard();
    final PauseGate pause = new PauseGate();
    final List<StepRecord> records = new CopyOnWriteArrayList<>();
    final Map<String, CheckpointResult> checkpoints = new LinkedHashMap<>();
    final AtomicReference<String> currentStep = new AtomicReference<>("");
    Sampler sampler;
    /** Where the shards of a sharded run meet at each top-level step; null on an ordinary run. */
    final ShardBarrier barrier;
    Map<String, Double> baseline = Map.of();
    volatile boolean indexReady;
    /** Whether the user stopped the run (Ctrl-C, Stop), as opposed to vst stopping it. */
    volatile boolean userStopped;
    /** Watches the server's run_id; null until the run has started. */
    volatile ServerWatch watch;
    /** After a server restart: what happened, and how many of vst's keys the server then held. */
    volatile String restartMessage;
    volatile Long keysAfterRestart;
    /** The index definition last created or checked, so a step with another definition is noticed. */
    volatile io.vst.valkey.IndexDefinition ensuredIndex;

    RunState(RunPlan plan, ServerSession session, RunDirectory directory, RunOptions options, Listeners listeners) {
        this.plan = plan;
        this.session = session;
        this.directory = directory;
        this.options = options;
        this.listeners = listeners;
        this.vectors = new Vectors(plan, options.seed());
        this.barrier = options.shard().sharded() ? new ShardBarrier(session.client(), options.shard()) : null;
    }

    /** Whether this process reads the server's figures: always, except on shards other than 0. */
    boolean samplesServer() {
        return options.shard().samplesServer();
    }

    boolean searchAvailable() {
        return session.capabilities().hasSearch();
    }

    synchronized void addCheckpoint(CheckpointResult c) {
        checkpoints.put(c.name(), c);
    }

    synchronized List<CheckpointResult> checkpointHistory() {
        return new ArrayList<>(checkpoints.values());
    }

    LiveVectors vectorsFor(PlannedStep step) {
        return vectors.forStep(step);
    }

    void log(LogLevel level, String message) {
        directory.log(level, message);
        listeners.log(level, message);
    }
}
