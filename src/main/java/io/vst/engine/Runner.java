package io.vst.engine;

import io.vst.VstException;
import io.vst.metrics.HostMemory;
import io.vst.metrics.LatencyRecorder;
import io.vst.metrics.Sample;
import io.vst.metrics.Sampler;
import io.vst.metrics.ServerFigures;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.LogLevel;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.RunDirectory;
import io.vst.rundir.RunInfo;
import io.vst.rundir.StepRecord;
import io.vst.units.Units;
import io.vst.valkey.FtInfo;
import io.vst.valkey.InfoSnapshot;
import io.vst.valkey.ServerCapabilities;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.resp.ValkeyException;
import io.vst.workload.StopSignal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a frozen {@link RunPlan} against a server and writes the run directory as it goes.
 *
 * <pre>{@code
 * RunPlan plan = RunPlan.of(scenario, SchemaRegistry.builtin(), PlanOptions.defaults());
 * try (ServerSession server = ...) {
 *     RunResult result = new Runner(plan, server, RunOptions.defaults(), List.of(progress)).run();
 *     System.out.println(result.outcome() + " → " + result.directory());
 * }
 * }</pre>
 *
 * <p>Before the first step it checks the server's capabilities and opens every dataset, so a run
 * that cannot succeed fails before it touches the server. {@link #stop(String)} (Ctrl-C, the Stop
 * button) ends the run within about two seconds and marks it interrupted.
 */
public final class Runner {

    private final RunPlan plan;
    private final ServerSession session;
    private final RunOptions options;
    private final Listeners listeners;
    private volatile RunState state;
    private MemoryGuard memoryGuard;
    private final StopSignal early = StopSignal.root();

    public Runner(RunPlan plan, ServerSession session, RunOptions options, List<RunListener> listeners) {
        this.plan = plan;
        this.session = session;
        this.options = options;
        this.listeners = new Listeners(listeners);
    }

    /** Asks the run to stop; any thread. */
    public void stop(String reason) {
        early.stop(reason);
        RunState s = state;
        if (s != null) {
            s.userStopped = true;
            s.stop.stop(reason);
        }
    }

    /**
     * Runs the plan.
     *
     * @throws VstException when the run cannot start (server lacks a capability, bad dataset); failures
     *     of steps do not throw but end the run as {@code failed}
     */
    public RunResult run() {
        options.shard().check(plan);
        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        EffectivePlan effective = new EffectivePlan(plan);
        RunInfo info = new RunInfo("vst " + options.toolVersion(), plan.scenario().name(),
                plan.scenario().sourceName(), describe(session), session.embedded(), start, null, RunOutcome.RUNNING,
                null, List.of(), shardOptions(effective.runOptions(options.seed()), options.shard()));
        RunDirectory dir = RunDirectory.create(options.outputRoot(), options.outputDir(), info,
                plan.scenario().sourceText() == null ? "" : plan.scenario().sourceText());
        RunState st = new RunState(plan, session, dir, options, listeners);
        // A full disk stops the run: what it measures from then on could not be kept.
        dir.onWriteFailure(st.stop::stop);
        dir.writePlan(effective.yaml());
        this.state = st;
        this.memoryGuard = new MemoryGuard(plan.scenario().globalConfig(), st);
        if (early.isStopped()) {
            st.userStopped = true;
            st.stop.stop(early.reason());
        }
        dir.log(LogLevel.INFO, "run of scenario " + plan.scenario().name() + " (" + plan.scenario().sourceName() + ") on "
                + session.capabilities().serverName() + " " + session.capabilities().version() + " at "
                + session.address() + (session.embedded() ? " (started by vst)" : "") + ", " + plan.flatten().size()
                + " planned steps, seed " + options.seed()
                + (effective.overrides().isEmpty() ? "" : "; overrides: " + String.join("; ", effective.overrides())));
        if (options.shard().sharded()) {
            st.log(LogLevel.INFO, options.shard().describe(plan));
        }
        listeners.runStarted(plan, dir.path());
        RunOutcome outcome = RunOutcome.COMPLETED;
        String message = null;
        try {
            Preflight.check(plan, session, options, st::log);
            st.vectors.openAll(plan);
            StartState.prepare(st);
            JitWarmup.beforeRun(st, st.stop);
            st.watch = watch(st);
            // Only shard 0 reads the server, so a sharded run does not sample it N times; the others keep
            // their live count (and their latency, as every shard does).
            st.sampler = new Sampler(live -> st.samplesServer() ? readServer(st, live) : liveOnly(live),
                    st.recorders, st.vectors::liveCount, st.recall::takeMean, st.currentStep::get,
                    (s, intervals) -> sink(st, s, intervals), start, startNanos);
            st.baseline = st.sampler.sampleNow().values();
            st.sampler.start(plan.steps().isEmpty() ? 1.0 : plan.steps().get(0).config().metricsCollectionInterval());
            Double limit = plan.scenario().timeoutSeconds();
            StopSignal scenarioStop = st.stop.child(limit == null ? 0 : limit * plan.options().timeScale());
            new StepRunner(st).runSequence(plan.steps(), scenarioStop, false);
            if (st.barrier != null && !st.stop.isStopped() && !scenarioStop.isStopped() && st.restartMessage == null) {
                st.barrier.awaitEnd(scenarioStop);
            }
            if (st.restartMessage != null) {
                outcome = RunOutcome.FAILED;
                message = describeRestart(st);
            } else if (st.stop.isStopped()) {
                outcome = RunOutcome.INTERRUPTED;
                message = st.stop.reason();
            } else if (scenarioStop.timedOut()) {
                outcome = RunOutcome.FAILED;
                message = "Scenario timeout after " + Units.plain(limit) + " seconds";
            }
        } catch (StepRunner.RunAborted e) {
            boolean interrupted = st.stop.isStopped() && st.restartMessage == null;
            outcome = interrupted ? RunOutcome.INTERRUPTED : RunOutcome.FAILED;
            message = interrupted ? st.stop.reason() : st.restartMessage != null ? describeRestart(st) : e.getMessage();
        } catch (VstException e) {
            finish(st, dir, RunOutcome.FAILED, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            outcome = RunOutcome.FAILED;
            message = StepRunner.describe(e);
        }
        RunInfo end = finish(st, dir, outcome, message);
        return new RunResult(end.outcome(), end.message(), dir.path(), List.copyOf(st.records), dir.checkpoints());
    }

    private RunInfo finish(RunState st, RunDirectory dir, RunOutcome outcome, String message) {
        if (st.sampler != null) {
            try {
                st.sampler.sampleNow();
            } catch (RuntimeException e) {
                dir.log(LogLevel.WARN, "final sample failed: " + e.getMessage());
            }
            st.sampler.close();
        }
        if (message != null) {
            dir.log(outcome == RunOutcome.FAILED ? LogLevel.ERROR : LogLevel.WARN, "run " + outcome + ": " + message);
        }
        List<String> names = new ArrayList<>();
        for (StepRecord r : st.records) {
            names.add(r.name());
        }
        RunInfo end;
        try {
            end = dir.finish(dir.info().finished(Instant.now(), outcome, message, names));
            String unwritten = options.writeReport() && dir.writeFailure() == null
                    ? Reports.writeQuietly(dir.path(), dir.path(), listeners) : null;
            if (unwritten != null) {
                end = dir.fail(unwritten);
            }
        } finally {
            dir.close();
            try {
                st.vectors.close();
            } catch (Exception e) {
                listeners.log(LogLevel.WARN, "closing datasets: " + e.getMessage());
            }
        }
        listeners.runFinished(end.outcome(), end.message());
        return end;
    }

    /** Starts watching the server's run_id; a server that will not say it runs unwatched, with a warning. */
    private static ServerWatch watch(RunState st) {
        try {
            return new ServerWatch(st.session.client().info("server"));
        } catch (ValkeyException e) {
            st.log(LogLevel.WARN, "INFO server failed (" + e.getMessage() + "): a server restart would go unnoticed");
            return null;
        }
    }

    /** Records a server restart once (run_id changed), says so and stops the run: every count vst keeps is stale. */
    static void restarted(RunState st, String what) {
        synchronized (st) {
            if (st.restartMessage == null) {
                st.restartMessage = what;
                st.log(LogLevel.ERROR, what + "; stopping the run");
                st.stop.stop("the server restarted");
            }
        }
    }

    /**
     * The restart and what it left: vst's count beside the keys the server holds under vst's prefix now
     * (SCAN), which becomes the live count the run reports.
     */
    static String describeRestart(RunState st) {
        String prefix = st.plan.index().prefix();
        try {
            st.keysAfterRestart = st.session.client().scanKeys(prefix, keys -> { });
        } catch (io.vst.valkey.resp.ValkeyException e) {
            return st.restartMessage + "; the keys it holds could not be counted: " + e.getMessage();
        }
        return String.format(java.util.Locale.ROOT, "%s: vst counted %,d live vectors but the server now holds %,d"
                + " keys under '%s'; the run stopped, as its counts would be stale", st.restartMessage,
                st.vectors.liveCount(), st.keysAfterRestart, prefix);
    }

    /** run.json's options with the shard (the contract {@code vst merge} reads: {@code shard}, {@code shard_group}). */
    static Map<String, Object> shardOptions(Map<String, Object> options, ShardSpec shard) {
        Map<String, Object> m = new LinkedHashMap<>(options);
        m.put("shard", shard.label());
        m.put("shard_group", shard.group());
        return m;
    }

    /** A shard other than 0 reads nothing from the server: its samples carry its live count only. */
    private static Map<String, Double> liveOnly(java.util.function.LongSupplier live) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put(TimelineColumns.LIVE_VECTORS, (double) live.getAsLong());
        return figures;
    }

    private Map<String, Double> readServer(RunState st, java.util.function.LongSupplier live) {
        ValkeyClient c = session.client();
        // The live count read just before the request: every write acknowledged by then ran before the INFO,
        // and the server can hold at most the writes still in flight (a batch per connection) more. Memory,
        // keys, CPU and the run_id come from one INFO command, so they are of one instant and cost one round trip.
        double liveNow = live.getAsLong();
        InfoSnapshot info = c.info("server", "memory", "keyspace", "cpu");
        if (st.watch != null && st.restartMessage == null) {
            String restart = st.watch.check(info);
            if (restart != null) {
                restarted(st, restart);
            }
        }
        Map<String, String> search = null;
        FtInfo ft = null;
        if (st.searchAvailable()) {
            search = c.info("search").aggregate();
            if (st.indexReady) {
                try {
                    ft = c.ftInfo(plan.index().name());
                } catch (ValkeyException e) {
                    // The index can be dropped mid-run (cleanup, rebuild): its figures are then absent.
                    ft = null;
                }
            }
        }
        Map<String, Double> figures = ServerFigures.from(info, info, search, ft,
                HostMemory.processRssBytes(session.localPid()));
        figures.put(TimelineColumns.LIVE_VECTORS, liveNow);
        figures.putAll(ServerFigures.cpu(info));
        return figures;
    }

    private void sink(RunState st, Sample s, List<LatencyRecorder.Interval> intervals) {
        st.directory.append(s);
        memoryGuard.check(s);
        for (LatencyRecorder.Interval in : intervals) {
            st.directory.appendLatency(in.operation(), s.step(), in.histogram());
        }
        listeners.sampleTaken(s);
    }

    /** The server as run.json describes it (no credentials). */
    static Map<String, Object> describe(ServerSession session) {
        ServerCapabilities c = session.capabilities();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", session.address());
        m.put("server", c.serverName());
        m.put("version", c.version());
        m.put("modules", c.modules());
        m.put("cluster", c.cluster());
        m.put("maxmemory", c.maxmemory());
        m.put("allocator", c.allocator());
        return m;
    }
}
