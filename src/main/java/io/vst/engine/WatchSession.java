package io.vst.engine;

import io.vst.rundir.LogLevel;
import io.vst.rundir.RunOutcome;
import io.vst.metrics.HostMemory;
import io.vst.metrics.Recorders;
import io.vst.metrics.Sample;
import io.vst.metrics.Sampler;
import io.vst.metrics.ServerFigures;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunDirectory;
import io.vst.rundir.RunInfo;
import io.vst.units.Units;
import io.vst.valkey.ClientSettings;
import io.vst.valkey.InfoSnapshot;
import io.vst.valkey.ValkeyClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Watches a server without running a scenario (VisualVM's habit): only the metrics {@link Sampler} runs,
 * every {@code interval}, until {@link #stop(String)} or the duration ends, and writes a run directory
 * (run.json, timeline.csv, vst.log) as a run's sampler does, so {@code vst report} and the workbench's
 * history open it. Besides a run's figures it records {@link TimelineColumns#CONNECTED_CLIENTS} and
 * {@link TimelineColumns#SERVER_OPS}. It only reads: one {@code INFO} per node and sample (and
 * {@code INFO search} when the module is loaded); it never writes or deletes a key.
 *
 * <pre>{@code
 * try (ServerSession s = WatchSession.open(ConnectionSpec.server("valkey://db1:6379"))) {
 *     WatchSession watch = new WatchSession(s, WatchSession.Options.of(1.0, 30, Path.of("runs")), listeners);
 *     RunResult r = watch.run();   // blocks; another thread may call watch.stop("Ctrl-C")
 * }
 * }</pre>
 */
public final class WatchSession {

    /** The scenario name a watch's run.json carries, and its directory name ends with. */
    public static final String SCENARIO = "watch";

    private static final ClientSettings ONE_CONNECTION = ClientSettings.of(1, 5, 10);

    /**
     * How a watch samples and where it writes.
     *
     * @param intervalSeconds seconds between samples (the scenario default is 1)
     * @param durationSeconds how long to watch, or 0 to watch until stopped
     * @param outputRoot folder the run directory is created in
     * @param outputDir the exact run directory, or null for {@code <root>/<UTC time>_watch}
     * @param toolVersion this build's version, for run.json
     */
    public record Options(double intervalSeconds, double durationSeconds, Path outputRoot, Path outputDir,
            String toolVersion) {

        /** A watch every {@code interval} s for {@code duration} s (0: until stopped) under {@code root}. */
        public static Options of(double interval, double duration, Path root) {
            return new Options(interval, duration, root, null, "dev");
        }

        public Options withToolVersion(String version) {
            return new Options(intervalSeconds, durationSeconds, outputRoot, outputDir, version);
        }
    }

    private final ServerSession session;
    private final Options options;
    private final Listeners listeners;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<String, long[]> lastCounts = new LinkedHashMap<>();
    private final Map<String, String> lastRunIds = new LinkedHashMap<>();
    private volatile String stopReason;
    private volatile RunDirectory dir;
    private boolean serverDown;

    public WatchSession(ServerSession session, Options options, List<RunListener> listeners) {
        this.session = session;
        this.options = options;
        this.listeners = new Listeners(listeners);
    }

    /**
     * What live views are shown for a watch in place of a run's plan: a scenario named {@value #SCENARIO}
     * with no steps. Listeners' {@link RunListener#runStarted} gets this plan too.
     */
    public static RunPlan plan() {
        io.vst.scenario.Scenario s = io.vst.scenario.yaml.ScenarioReader.read("name: " + SCENARIO + "\nsteps: []\n",
                "vst watch").scenario();
        return RunPlan.of(s, io.vst.scenario.schema.SchemaRegistry.builtin(), PlanOptions.defaults());
    }

    /** Opens {@code spec} over one connection, the way a run opens its server ({@link ServerOpener}). */
    public static ServerSession open(ConnectionSpec spec) {
        return ServerOpener.connect(ServerOpener.start(spec), ONE_CONNECTION);
    }

    /** Ends the watch (Ctrl-C, the Stop button); any thread. The directory is finished by {@link #run()}. */
    public synchronized void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        stopped.countDown();
    }

    /**
     * Samples until stopped or the duration is over, then writes the final run.json. The outcome is
     * {@code completed} (a watch stopped by the user did what was asked, the message says how it ended)
     * unless the run directory could not be written.
     */
    public RunResult run() {
        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        Map<String, Object> runOptions = new LinkedHashMap<>();
        runOptions.put("watch_interval_s", options.intervalSeconds());
        runOptions.put("watch_duration_s", options.durationSeconds());
        RunInfo info = new RunInfo("vst " + options.toolVersion(), SCENARIO, "vst watch", Runner.describe(session),
                session.embedded(), start, null, RunOutcome.RUNNING, null, List.of(), runOptions);
        dir = RunDirectory.create(options.outputRoot(), options.outputDir(), info, "");
        dir.onWriteFailure(this::stop);
        listeners.runStarted(plan(), dir.path());
        dir.log(LogLevel.INFO, "watch of " + session.capabilities().serverName() + " " + session.capabilities().version()
                + " at " + session.address() + " every " + Units.plain(options.intervalSeconds()) + " s"
                + (options.durationSeconds() > 0 ? " for " + Units.plain(options.durationSeconds()) + " s" : ""));
        Sampler sampler = new Sampler(live -> read(), new Recorders(), () -> 0L, () -> Double.NaN, () -> SCENARIO,
                this::sink, start, startNanos);
        String message;
        try {
            sampler.sampleNow();
            sampler.start(options.intervalSeconds());
            message = await();
        } finally {
            try {
                sampler.sampleNow();
            } catch (RuntimeException e) {
                dir.log(LogLevel.WARN, "final sample failed: " + e.getMessage());
            }
            sampler.close();
        }
        dir.log(LogLevel.INFO, "watch ended: " + message);
        RunInfo end;
        try {
            end = dir.finish(dir.info().finished(Instant.now(), RunOutcome.COMPLETED, message, List.of()));
        } finally {
            dir.close();
        }
        listeners.runFinished(end.outcome(), end.message());
        return new RunResult(end.outcome(), end.message(), dir.path(), List.of(), List.of());
    }

    /** The run directory being written, or null before {@link #run()} created it. */
    public Path directory() {
        return dir == null ? null : dir.path();
    }

    private String await() {
        try {
            boolean early = options.durationSeconds() > 0
                    ? stopped.await(Math.round(options.durationSeconds() * 1000), TimeUnit.MILLISECONDS)
                    : awaitForever();
            return early ? "stopped: " + stopReason : "watched for " + Units.plain(options.durationSeconds()) + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "stopped: the watch thread was interrupted";
        }
    }

    private boolean awaitForever() throws InterruptedException {
        stopped.await();
        return true;
    }

    private void sink(Sample s, List<io.vst.metrics.LatencyRecorder.Interval> intervals) {
        dir.append(s);
        listeners.sampleTaken(s);
    }

    /**
     * One sample of the server's figures. Everything but the search section comes from one INFO command,
     * so memory, keys, clients and the command counter are of one instant.
     */
    private Map<String, Double> read() {
        ValkeyClient c = session.client();
        InfoSnapshot info;
        try {
            info = c.info("server", "clients", "stats", "memory", "keyspace", "cpu");
        } catch (io.vst.valkey.resp.ValkeyException e) {
            if (!serverDown) {
                serverDown = true;
                dir.log(LogLevel.WARN, "the server does not answer (" + e.getMessage() + "); the watch goes on");
                listeners.log(LogLevel.WARN, "the server does not answer: " + e.getMessage());
            }
            // A row without server figures, and no live count either: a watch keeps none.
            Map<String, Double> none = new LinkedHashMap<>();
            none.put(TimelineColumns.LIVE_VECTORS, Double.NaN);
            return none;
        }
        if (serverDown) {
            serverDown = false;
            dir.log(LogLevel.INFO, "the server answers again");
        }
        int ownCommands = 1;
        Map<String, String> search = null;
        if (session.capabilities().hasSearch()) {
            search = c.info("search").aggregate();
            ownCommands++;
        }
        Map<String, Double> figures = ServerFigures.from(info, info, search, null,
                HostMemory.processRssBytes(session.localPid()));
        figures.putAll(ServerFigures.cpu(info));
        // A watch writes no vectors: the count vst keeps is not a figure of this server.
        figures.put(TimelineColumns.LIVE_VECTORS, Double.NaN);
        figures.put(TimelineColumns.CONNECTED_CLIENTS, info.aggregateLong("connected_clients", -1) < 0 ? Double.NaN
                : (double) info.aggregateLong("connected_clients", -1));
        figures.put(TimelineColumns.SERVER_OPS, opsPerSecond(info, ownCommands));
        return figures;
    }

    /**
     * Commands per second each node processed since the previous sample (total_commands_processed over the
     * node's own clock, server_time_usec), less the watch's own commands (counted once they ran), summed
     * over the nodes. NaN for the first sample and after a node restarted or did not say.
     */
    private double opsPerSecond(InfoSnapshot info, int ownCommandsPerSample) {
        double sum = 0;
        boolean known = true;
        for (Map.Entry<String, Map<String, String>> node : info.perNode().entrySet()) {
            Map<String, String> f = node.getValue();
            double commands = ServerFigures.number(f.get("total_commands_processed"));
            double micros = ServerFigures.number(f.get("server_time_usec"));
            String runId = f.get("run_id");
            long[] before = lastCounts.get(node.getKey());
            boolean sameProcess = runId != null && runId.equals(lastRunIds.get(node.getKey()));
            if (Double.isNaN(commands) || Double.isNaN(micros)) {
                lastCounts.remove(node.getKey());
                known = false;
                continue;
            }
            if (before != null && sameProcess && micros > before[1] && commands >= before[0]) {
                double delta = Math.max(0, commands - before[0] - ownCommandsPerSample);
                sum += delta / ((micros - before[1]) / 1e6);
            } else {
                if (before != null && !sameProcess) {
                    dir.log(LogLevel.WARN, "the server at " + node.getKey() + " restarted (run_id changed): its command "
                            + "rate starts again from this sample");
                }
                known = false;
            }
            lastCounts.put(node.getKey(), new long[] {(long) commands, (long) micros});
            lastRunIds.put(node.getKey(), runId);
        }
        return known && !info.perNode().isEmpty() ? sum : Double.NaN;
    }
}
