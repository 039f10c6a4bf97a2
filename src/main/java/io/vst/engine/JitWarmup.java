package io.vst.engine;

import io.vst.Failures;
import io.vst.VstException;
import io.vst.dataset.LiveSet;
import io.vst.metrics.LatencyRecorder;
import io.vst.metrics.Recorders;
import io.vst.rundir.LogLevel;
import io.vst.scenario.GlobalConfig;
import io.vst.scenario.IndexSpec;
import io.vst.scenario.Parameters;
import io.vst.scenario.WorkloadStep;
import io.vst.scenario.schema.WorkloadParameters;
import io.vst.valkey.FtInfo;
import io.vst.valkey.KnnQuery;
import io.vst.valkey.SearchOutcome;
import io.vst.valkey.SearchResult;
import io.vst.valkey.SinkClient;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.WorkloadClient;
import io.vst.valkey.resp.CommandPipeline;
import io.vst.workload.IngestWorkload;
import io.vst.workload.LiveVectors;
import io.vst.workload.StopSignal;
import io.vst.workload.WorkloadContext;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Before a run's first large ingest, runs that ingest's own write path (the same workload, engine, pipelines
 * and vectors, with the step's threads, connections and batch size) against an in-process {@link SinkClient}
 * until the JIT has compiled it, at most {@link #MAX_SECONDS} (less for smaller ingests). A cold JVM otherwise
 * compiles it during the step, about a quarter of a core for its first seconds, on the cores the server under
 * test needs; the step's rate then measures vst's JIT as much as the server. Nothing is sent to the server
 * and the run's live set is not touched: the warm-up has its own live set, recorders and key-less sink, and
 * its context refuses the server's client. Once per JVM; {@code -Dvst.warmup=false} turns it off.
 */
final class JitWarmup {

    /** Ingests adding fewer vectors than this are short enough that a warm-up would cost more than it saves. */
    static final long MIN_VECTORS = 50_000;
    /** The longest warm-up, for an ingest of {@link #MAX_SECONDS} × {@link #VECTORS_PER_SECOND} vectors or more. */
    static final double MAX_SECONDS = 3.0;
    /** Shorter ingests get a shorter warm-up: a second per this many vectors to add, at least one second. */
    static final double VECTORS_PER_SECOND = 80_000;
    /** Every other pair of rounds sends batches this many times smaller than the step's ({@link #roundParameters}). */
    static final int SMALL_BATCH_DIVISOR = 10;
    /** The most connections the warm-up opens, whatever the step's {@code n_clients}. */
    static final int MAX_CONNECTIONS = 64;
    /** Compiler threads using at most {@link #SETTLED_TICKS} clock ticks over this long are done. */
    private static final long SETTLED_WINDOW_NANOS = 250_000_000L;
    /** One tick (10 ms at the usual 100 Hz) in a 250 ms window: 4 % of a core, the noise of a finished JIT. */
    private static final long SETTLED_TICKS = 1;

    private static final AtomicBoolean DONE = new AtomicBoolean();

    /**
     * The step's context class, loaded before the warm-up compiles anything. Loaded only at the step's start, it
     * was a new implementation of the calls the JIT had compiled as the warm-up context's only one (class
     * hierarchy analysis), and the workers' compiled code was thrown away as the step began.
     */
    private static final Class<?> STEP_CONTEXT = StepContext.class;

    private JitWarmup() {
    }

    /** Lets the next run warm up again (tests: the JVM is shared). */
    static void rearm() {
        DONE.set(false);
    }

    /** What a warm-up did. */
    record Outcome(long vectors, long commandsAnswered, int connections, double seconds, long compileMillis,
                   int rounds, boolean settled) {
    }

    /** Warms up for the first ingest step of the plan that adds at least {@link #MIN_VECTORS}, if any. */
    static void beforeRun(RunState st, StopSignal stop) {
        if (!Boolean.parseBoolean(System.getProperty("vst.warmup", "true")) || DONE.get()) {
            return;
        }
        PlannedStep p = firstLargeIngest(st);
        if (p == null || !DONE.compareAndSet(false, true)) {
            return;
        }
        double seconds = Math.min(MAX_SECONDS, Math.max(1.0, adds(st, p) / VECTORS_PER_SECOND));
        st.listeners.warmingUp(p, seconds);
        Outcome o;
        try {
            o = run(p, st.vectorsFor(p), stop, seconds);
        } catch (RuntimeException e) {
            // Only a saving of CPU: whatever keeps it from running, the run goes on without it.
            st.log(LogLevel.INFO, "warm-up skipped: " + Failures.describe(e));
            return;
        }
        st.log(LogLevel.INFO, String.format(Locale.ROOT, "warm-up: the write path of step %s ran %,d vectors "
                + "against an in-process sink (nothing sent to the server) in %.2f s, %d ms of JIT compilation%s",
                p.name(), o.vectors(), o.seconds(), o.compileMillis(),
                o.settled() ? "" : " (stopped before the JIT was done)"));
        yieldCompilerThreads(st);
        // The warm-up's garbage, much of it promoted, collected now: left, it filled the old generation in the
        // step's first milliseconds (a 6 ms young and a 12 ms full collection as a 200,000 x 1536-d ingest began;
        // a 2.5 ms young one with this, -Xlog:gc).
        System.gc();
    }

    /** The nice value the JIT's threads take after a warm-up; {@code -Dvst.jitNice=0} leaves them as they are. */
    static final int COMPILER_NICE = 19;

    /**
     * After the warm-up, what the JIT still compiles (the rest of the step's profile, the report) waits for CPU
     * time nobody else wants: at nice 0 the compiler threads took a core from the server or from the workers
     * whenever they ran during the step: the server waited on the run queue 3-4 ms at a time, 1.2 % of a
     * 200,000 x 1536-d ingest (0.2-0.5 % with the compiler threads at nice 19, perf sched), and its busy share
     * was 0.95-0.98 of the step against 0.98-1.00 (8 interleaved pairs). A JVM cannot lower its
     * threads' nice value again unprivileged: the JIT stays at this priority for the rest of the process.
     */
    private static void yieldCompilerThreads(RunState st) {
        int nice = Integer.getInteger("vst.jitNice", COMPILER_NICE);
        if (nice <= 0) {
            return;
        }
        List<Integer> after = CompilerThreads.lowerPriority(nice);
        if (after.isEmpty()) {
            return;
        }
        boolean all = after.stream().allMatch(n -> n >= nice);
        st.log(LogLevel.INFO, all ? "the JIT's " + after.size() + " compiler threads now run at nice " + nice
                + ", on CPU time the server and the workers do not use"
                : "the JIT's compiler threads stay at nice " + after + " (renice to " + nice + " failed)");
    }

    /** The plan's first ingest step (loops and branches included) adding at least {@link #MIN_VECTORS}; null if none. */
    private static PlannedStep firstLargeIngest(RunState st) {
        for (PlannedStep p : st.plan.flatten()) {
            if (p.step() instanceof WorkloadStep w && "ingest".equals(w.workload()) && p.dataset() != null
                    && adds(st, p) >= MIN_VECTORS) {
                return p;
            }
        }
        return null;
    }

    /** This process's share of the step's {@code target_vectors}. */
    private static long adds(RunState st, PlannedStep p) {
        return st.options.shard().share(p.parameters().getLong("target_vectors", 0));
    }

    /**
     * Runs {@code step}'s ingest against a sink in rounds until the JIT's compiler threads have been idle
     * (under {@link #SETTLED_TICKS} of CPU) for {@link #SETTLED_WINDOW_NANOS} of rounds: it has compiled what
     * the path needs. Stops earlier when {@code seconds} pass (checked between rounds of at most 20,000 vectors) or
     * {@code stop} stops.
     */
    static Outcome run(PlannedStep step, LiveVectors vectors, StopSignal stop, double seconds) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        boolean watched = CompilerThreads.readable();
        GlobalConfig asked = step.config();
        // At most MAX_CONNECTIONS: the sink serves each on a thread of its own; the path compiled is the same.
        int pool = asked.redisPoolSize() == null ? MAX_CONNECTIONS : Math.min(asked.redisPoolSize(), MAX_CONNECTIONS);
        GlobalConfig config = asked.withOverrides(Map.of("skip_verification", true, "enable_detailed_logging", false,
                "continue_on_error", true, "redis_pool_size", pool));
        long round = Math.max(2_000, Math.min(20_000, 10L * config.nClients() * config.batchSize()));
        long t0 = System.nanoTime();
        long compile0 = timed ? jit.getTotalCompilationTime() : 0;
        // The time limit is read apart from the run's signal: a signal's deadline passing would be the first "stopped"
        // its compiled isStopped ever returned, and that code would be thrown away just before the step.
        long end = t0 + (long) (seconds * 1e9);
        int rounds = 0;
        boolean settled = false;
        // Step recorders under run recorders, as a step records, whose intervals are taken between rounds as the
        // sampler takes them during a step: the JIT then compiles both sides of the recorders' phase flips.
        Recorders runRecorders = new Recorders();
        Recorders recorders = runRecorders.forStep();
        try (SinkClient sink = SinkClient.start(pool + config.nThreads())) {
            long written = 0;
            long windowStart = System.nanoTime();
            long windowTicks = watched ? CompilerThreads.cpuTicks() : 0;
            Parameters p = step.parameters().with("target_vectors", round).with("validate_ingestion", false)
                    .with("shuffle", false);
            // Rounds take the step's first ids and its last ones in turn, so that the keys have the step's shortest
            // and longest lengths: a key length never seen here ("vec:499999" after "vec:0" to "vec:7999", say) would
            // undo the compiled encoding at the step's start, and so would the step's first ids, one digit long.
            WorkloadParameters.Ingest ingest = WorkloadParameters.Ingest.of(step.parameters());
            long first = Math.max(0, ingest.startIndex());
            long span = Math.max(round, ingest.targetVectors());
            int batch = step.parameters().getInt("batch_size", config.batchSize());
            while (System.nanoTime() < end && !stop.isStopped()) {
                // Each round writes into a live set of its own, so the warm-up's memory stays that of one round
                // however long it runs.
                LiveVectors own = new LiveVectors(vectors.source(), new LiveSet(0), vectors.keys(), 0, vectors.fields());
                // The workers watch the run's signal, not the warm-up's deadline: a deadline passing inside a round
                // takes a branch the step's workers never take, and the JIT throws away their code just before the step.
                Parameters at = roundParameters(p, rounds, first, span - round, batch);
                new IngestWorkload().run(Context.of(rounds, step, at, config, own, Client.of(rounds, sink), stop, recorders));
                written += own.live().size();
                recorders.all().forEach(LatencyRecorder::takeInterval);
                runRecorders.all().forEach(LatencyRecorder::takeInterval);
                // The next round connects anew, as the step will: a socket's first read switches it to non-blocking,
                // a branch that kept connections take only before the JIT profiles the read path. Untaken there, it
                // threw the compiled read path away at the step's first reads (C2 then spent 43-106 ms of a 1 s
                // 128-d step recompiling socket I/O; 16-27 ms with this).
                sink.closeIdleConnections();
                rounds++;
                if (!watched || System.nanoTime() - windowStart < SETTLED_WINDOW_NANOS) {
                    continue;
                }
                long ticks = CompilerThreads.cpuTicks();
                if (ticks >= 0 && ticks - windowTicks <= SETTLED_TICKS) {
                    settled = true;
                    break;
                }
                windowStart = System.nanoTime();
                windowTicks = ticks;
            }
            long compiled = timed ? jit.getTotalCompilationTime() - compile0 : 0;
            return new Outcome(written, sink.commandsAnswered(), sink.connectionsAccepted(),
                    (System.nanoTime() - t0) / 1e9, compiled,
                    rounds, settled);
        }
    }

    /**
     * Round {@code round}'s parameters: even rounds start at the step's first id, odd ones at {@code last} (so that
     * the keys have the step's shortest and longest lengths), and rounds 2 and 3 of every 4 send batches of
     * {@code batch} / {@link #SMALL_BATCH_DIVISOR}: ten times the batches per vector generated, so that the
     * per-batch calls (the engine's send and receive, the feed, the socket writes) reach the JIT's last tier in
     * the warm-up rather than during the step. At 200,000 x 1536-d the warm-up's 2.5 s covered 32,000-48,000
     * vectors in batches of 100, and C2 then compiled for 190-210 ms of the step; with these rounds 72,000
     * vectors, and 90-110 ms. The rounds of the step's size keep its branches (a batch larger than a pipeline's
     * buffer is written in parts) in the profile.
     */
    static Parameters roundParameters(Parameters p, int round, long first, long last, int batch) {
        Parameters at = p.with("start_index", round % 2 == 0 ? first : last);
        return round % 4 >= 2 ? at.with("batch_size", Math.max(1, batch / SMALL_BATCH_DIVISOR)) : at;
    }

    /**
     * The sink as the workers' client, in three classes handed out in turn: the step's client is of a class the
     * warm-up never showed, and a call the JIT had seen on one class only would be thrown away at the step's start.
     */
    private static class Client implements WorkloadClient {
        private final SinkClient sink;

        Client(SinkClient sink) {
            this.sink = sink;
        }

        static Client of(int round, SinkClient sink) {
            return switch (round % 3) {
                case 0 -> new Client(sink);
                case 1 -> new Client(sink) { };
                default -> new Client(sink) { };
            };
        }

        @Override
        public CommandPipeline pipeline() {
            return sink.pipeline();
        }

        @Override
        public SearchResult search(KnnQuery query) {
            return sink.search(query);
        }

        @Override
        public List<SearchOutcome> searchBatch(List<KnnQuery> queries) {
            return sink.searchBatch(queries);
        }

        @Override
        public FtInfo ftInfo(String index) {
            return sink.ftInfo(index);
        }

        @Override
        public int closeIdleConnections() {
            return sink.closeIdleConnections();
        }
    }

    /**
     * The warm-up's workload context: the step's settings, its own vectors and recorders, the sink. Not final:
     * the warm-up hands the workers three classes of it in turn ({@link #of}), so the JIT compiles their calls on
     * the context as calls on any class, and the step's own context does not undo that compiled code.
     */
    private static class Context implements WorkloadContext {
        private final PlannedStep step;
        private final Parameters parameters;
        private final GlobalConfig config;
        private final LiveVectors vectors;
        private final WorkloadClient sink;
        private final StopSignal stop;
        private final Recorders recorders;

        Context(PlannedStep step, Parameters parameters, GlobalConfig config, LiveVectors vectors, WorkloadClient sink,
                StopSignal stop, Recorders recorders) {
            this.step = step;
            this.recorders = recorders;
            this.parameters = parameters;
            this.config = config;
            this.vectors = vectors;
            this.sink = sink;
            this.stop = stop;
        }

        /** Round {@code round}'s context: one of three classes of the same behaviour, in turn. */
        static Context of(int round, PlannedStep step, Parameters parameters, GlobalConfig config, LiveVectors vectors,
                          WorkloadClient sink, StopSignal stop, Recorders recorders) {
            return switch (round % 3) {
                case 0 -> new Context(step, parameters, config, vectors, sink, stop, recorders);
                case 1 -> new Context(step, parameters, config, vectors, sink, stop, recorders) { };
                default -> new Context(step, parameters, config, vectors, sink, stop, recorders) { };
            };
        }

        @Override
        public Parameters parameters() {
            return parameters;
        }

        @Override
        public GlobalConfig config() {
            return config;
        }

        @Override
        public LiveVectors vectors() {
            return vectors;
        }

        @Override
        public WorkloadClient commands() {
            return sink;
        }

        @Override
        public StopSignal stop() {
            return stop;
        }

        @Override
        public Recorders recorders() {
            return recorders;
        }

        @Override
        public String stepName() {
            return step.name() + " (warm-up)";
        }

        /** Refused: the warm-up must never reach the server. */
        @Override
        public ValkeyClient client() {
            throw VstException.runtime("the warm-up does not use the server", null);
        }

        @Override
        public IndexSpec index() {
            return step.index();
        }

        @Override
        public boolean searchAvailable() {
            return false;
        }

        @Override
        public double durationSeconds() {
            return 0;
        }

        @Override
        public long maxOperations() {
            return 0;
        }

        @Override
        public boolean timeIsUp() {
            return false;
        }

        @Override
        public void progress(long done, long target) {
            // The warm-up is not a step: no progress to show.
        }

        @Override
        public void log(String level, String message) {
            // Retries against the sink are not the run's to log.
        }

        @Override
        public long seed() {
            return 0;
        }

        @Override
        public void recordRecall(double recall) {
            // Never called: the warm-up ingests only.
        }
    }
}
