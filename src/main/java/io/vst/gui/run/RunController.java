package io.vst.gui.run;

import io.vst.Failures;
import io.vst.VstException;
import io.vst.engine.ConnectionSpec;
import io.vst.engine.RunEnvironment;
import io.vst.engine.RunPlan;
import io.vst.engine.Runner;
import io.vst.engine.ServerOpener;
import io.vst.engine.ServerSession;
import io.vst.engine.WatchSession;
import io.vst.gui.live.FeedBatch;
import io.vst.gui.live.LiveView;
import io.vst.rundir.LogLevel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.swing.Timer;

/**
 * Runs one frozen {@link RunPlan} at a time on a named background thread and hands what happens to the
 * views on the EDT: a Swing {@link Timer} has the {@link LiveFeed} dispatch one {@link FeedBatch} every
 * {@link #TICK_MS} ms to each registered {@link LiveView}. Owns the thread and the timer; {@link #dispose()} ends both.
 *
 * <pre>
 * RunEnvironment env = RunEnvironment.load(List.of(), Path.of("runs"));
 * RunController runs = new RunController(env);
 * runs.addView(charts);
 * runs.start(RunPlan.of(scenario, env.schema(), PlanOptions.defaults()), ConnectionSpec.embedded());
 * </pre>
 */
public final class RunController {

    /** How often the views are updated while a run goes on. */
    public static final int TICK_MS = 250;

    /** Where a run is. */
    public enum State { IDLE, RUNNING, STOPPING }

    private final RunEnvironment environment;
    private final List<LiveView> views = new CopyOnWriteArrayList<>();
    private final List<Consumer<State>> stateListeners = new CopyOnWriteArrayList<>();
    private final Timer timer = new Timer(TICK_MS, e -> tick());
    private volatile Runner runner;
    private volatile WatchSession watch;
    private volatile boolean stopAsked;
    private LiveFeed feed;
    private Thread thread;
    private State state = State.IDLE;
    private Path lastRunDirectory;
    private FeedBatch lastOutcome;
    private long worstTickNanos;

    /** @param environment workloads, schema and run options (with the folder for run directories). EDT only. */
    public RunController(RunEnvironment environment) {
        this.environment = environment;
        timer.setCoalesce(true);
    }

    /** Adds a view that is reset at each run start and gets every batch, on the EDT. EDT only. */
    public void addView(LiveView view) {
        views.add(view);
    }

    /** Adds a listener told of state changes on the EDT. EDT only. */
    public void onState(Consumer<State> l) {
        stateListeners.add(l);
    }

    /** EDT only. */
    public State state() {
        return state;
    }

    /** Folder under which run directories are created. Any thread. */
    public Path outputRoot() {
        return environment.options().outputRoot();
    }

    /** The workloads, schema and run options runs use. Any thread. */
    public RunEnvironment environment() {
        return environment;
    }

    /** The batch that ended the last run (its outcome, message and hint), or {@code null}. EDT only. */
    public FeedBatch lastOutcome() {
        return lastOutcome;
    }

    /** The directory of the current or last run, or {@code null}. EDT only. */
    public Path lastRunDirectory() {
        return lastRunDirectory;
    }

    /**
     * Starts a run of {@code plan}; the plan is already frozen, so editing afterwards changes nothing.
     *
     * @param connection the server to use; a password typed at Run in it is cleared once connected
     * @throws IllegalStateException when a run is going on. EDT only.
     */
    public void start(RunPlan plan, ConnectionSpec connection) {
        begin(plan, "starting " + plan.scenario().name() + " on " + connection.describe(),
                f -> execute(plan, connection, f));
    }

    /**
     * Starts watching {@code connection}'s server without a scenario ({@link WatchSession}): the views get its
     * samples like a run's, and a run directory is written; {@link #stop()} ends it.
     *
     * @throws IllegalStateException when a run is going on. EDT only.
     */
    public void startWatch(ConnectionSpec connection, double intervalSeconds) {
        WatchSession.Options options = new WatchSession.Options(intervalSeconds, 0, outputRoot(), null,
                environment.options().toolVersion());
        begin(WatchSession.plan(), "watching " + connection.describe(), f -> {
            try (ServerSession session = opened(c -> WatchSession.open(c), connection)) {
                f.log(LogLevel.INFO, "connected to " + session.address());
                WatchSession w = new WatchSession(session, options, List.of(f));
                watch = w;
                if (stopAsked) {
                    w.stop("stopped from the workbench");
                }
                w.run();
            }
        });
    }

    private void begin(RunPlan plan, String firstLine, Consumer<LiveFeed> body) {
        if (state != State.IDLE) {
            throw new IllegalStateException("a run is already going on");
        }
        LiveFeed f = new LiveFeed();
        feed = f;
        stopAsked = false;
        runner = null;
        watch = null;
        lastRunDirectory = null;
        lastOutcome = null;
        views.forEach(v -> v.runStarting(plan));
        setState(State.RUNNING);
        thread = new Thread(() -> failuresShown(f, body), "vst-gui-run");
        thread.setDaemon(true);
        f.log(LogLevel.INFO, firstLine);
        thread.start();
        timer.start();
    }

    private void execute(RunPlan plan, ConnectionSpec c, LiveFeed f) {
        try (ServerSession session = opened(spec -> ServerOpener.open(spec, plan), c)) {
            f.log(LogLevel.INFO, "connected to " + session.address());
            Runner r = new Runner(plan, session, environment.options(), List.of(f));
            runner = r;
            if (stopAsked) {
                r.stop("stopped from the workbench");
            }
            r.run();
        }
    }

    /**
     * Runs {@code body}, turning anything it throws into the run's failure, so the window never stays "Running".
     * The words are {@link Failures}', as the CLI prints them; an Error is still the window's to report.
     */
    static void failuresShown(LiveFeed f, Consumer<LiveFeed> body) {
        try {
            body.accept(f);
        } catch (RuntimeException | Error e) {
            f.log(LogLevel.ERROR, "run failed: " + Failures.describe(e));
            String hint = Failures.hint(e);
            if (e instanceof VstException) {
                f.failed(Failures.what(e), hint);
            } else {
                f.failed("The run failed: " + Failures.what(e),
                        hint == null ? "see the Log tab and vst.log in the run directory" : hint);
            }
        }
    }

    /** Opens {@code c} with {@code opener}, then clears a password typed at Run. */
    private static ServerSession opened(java.util.function.Function<ConnectionSpec, ServerSession> opener,
            ConnectionSpec c) {
        try {
            return opener.apply(c);
        } finally {
            char[] typed = c.password().typed();
            if (typed != null) {
                Arrays.fill(typed, '\0');
            }
        }
    }

    /** Asks the run to stop; it ends within a few seconds and is marked interrupted. EDT only. */
    public void stop() {
        if (state != State.RUNNING) {
            return;
        }
        stopAsked = true;
        Runner r = runner;
        if (r != null) {
            r.stop("stopped from the workbench");
        }
        WatchSession w = watch;
        if (w != null) {
            w.stop("stopped from the workbench");
        }
        setState(State.STOPPING);
    }

    private void tick() {
        LiveFeed f = feed;
        if (f == null) {
            return;
        }
        long start = System.nanoTime();
        FeedBatch b = f.dispatch(views);
        if (b.runDirectory() != null) {
            lastRunDirectory = b.runDirectory();
        }
        if (b.outcome() != null) {
            lastOutcome = b;
        }
        worstTickNanos = Math.max(worstTickNanos, System.nanoTime() - start);
        if (b.outcome() != null) {
            timer.stop();
            feed = null;
            setState(State.IDLE);
        }
    }

    /** The longest time one timer tick spent applying a batch to the views, in ms. EDT only. */
    public double worstTickMillis() {
        return worstTickNanos / 1e6;
    }

    private void setState(State s) {
        state = s;
        stateListeners.forEach(l -> l.accept(s));
    }

    /** Stops a run still going on, waits briefly for it, and stops the timer. EDT only. */
    public void dispose() {
        stop();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        timer.stop();
    }
}
