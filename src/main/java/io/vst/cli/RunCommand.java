package io.vst.cli;

import io.vst.VstException;
import io.vst.engine.PlanOptions;
import io.vst.engine.RunEnvironment;
import io.vst.engine.RunOptions;
import io.vst.engine.ShardSpec;
import io.vst.engine.RunPlan;
import io.vst.engine.RunResult;
import io.vst.engine.Runner;
import io.vst.engine.ServerOpener;
import io.vst.engine.ServerSession;
import io.vst.engine.ServerTarget;
import io.vst.scenario.Diagnostic;
import io.vst.scenario.Severity;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.validate.Scenarios;
import io.vst.scenario.validate.ValidationOptions;
import io.vst.scenario.yaml.ParseResult;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vst run}: runs a scenario against a server and writes a run directory. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Runs a scenario against a Valkey server and writes a run directory (timeline.csv, steps.csv, "
                + "checkpoints.jsonl, latency logs, vst.log).",
            "",
            "With no --server, vst starts its own valkey-server on a free loopback port (found on PATH or "
                + "given with --valkey-server) and stops it when the run ends.",
        },
        footer = {
            "",
            "Examples:",
            "  vst run --scenario quickstart",
            "  vst run --scenario grow_shrink_grow --dry-run",
            "  vst run --scenario my.yaml --server valkey://localhost:6379 --step load_step",
            "  vst run --scenario mixed_workload --time-scale 0.01",
            "  vst run --scenario grow_shrink_grow --dataset synthetic-1536-cosine --vector-scale 0.01",
            "",
            "Exit codes: 0 completed, 1 failed or interrupted, 2 invalid scenario or options.",
        })
final class RunCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "FILE|NAME",
            description = "Scenario file, or the name of a built-in scenario (vst scenario list).")
    String scenario;

    @Option(names = "--dry-run", description = "Print the execution plan and estimates; contact no server.")
    boolean dryRun;

    @Option(names = "--step", paramLabel = "NAME", description = "Run only this step (by name).")
    String step;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "runs",
            description = "Folder for run directories (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--time-scale", paramLabel = "F", defaultValue = "1.0",
            description = "Multiply every duration in the scenario by F (e.g. 0.01 for a quick trial).")
    double timeScale;

    @Option(names = "--vector-scale", paramLabel = "F", defaultValue = "1.0",
            description = "Multiply every vector count (target_vectors, update_vectors, max_vectors) by F, "
                    + "e.g. 0.001 to try a 5M-vector scenario with 5,000.")
    double vectorScale;

    @Option(names = "--dataset", paramLabel = "NAME|FILE",
            description = "Use this dataset instead of the scenario's (e.g. synthetic-1536-cosine).")
    String dataset;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the run's randomness (shuffles, removal picks, updates).")
    long seed;

    @Option(names = "--strict", description = "Treat validation warnings as errors.")
    boolean strict;

    @Option(names = "--no-report", description = "Do not write report.html, charts and CSV exports at the end.")
    boolean noReport;

    @Option(names = "--yes", description = "Confirm that the fresh start may delete the keys under the scenario's "
            + "index.prefix on a server vst did not start (asked for above 10,000 keys).")
    boolean yes;

    @Option(names = "--allow-large", description = "Run even when the plan's estimated memory is above the server's "
            + "maxmemory or (embedded server) this machine's available memory.")
    boolean allowLarge;

    Integer prometheusPort;

    @Option(names = "--prometheus-port", paramLabel = "PORT",
            description = "Serve the live figures for Prometheus on 127.0.0.1:PORT/metrics during the run "
                    + "(1-65535; 0 picks a free port).")
    void setPrometheusPort(int port) {
        if (port < 0 || port > 65535) {
            throw VstException.invalidInput("--prometheus-port " + port + " is not a TCP port",
                    "give a port from 1 to 65535, or 0 to let vst pick a free one");
        }
        prometheusPort = port;
    }

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Run shard I of N: this process writes every N-th id and does 1/N of each count and rate;"
                    + " N processes with the same --shard-group together run the scenario (see README, Sharded runs).")
    String shard;

    @Option(names = "--shard-group", paramLabel = "NAME", defaultValue = "${env:VST_SHARD_GROUP}",
            description = "Name shared by the shards of one run, new for each run (default: env VST_SHARD_GROUP);"
                    + " required with --shard I/N when N > 1.")
    String shardGroup;

    @Option(names = "--shard-wait", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long a shard waits for the others at each step before the run fails (default 600).")
    double shardWait;

    @Mixin
    ConnectionOptions connection;

    /** The server vst started for this run, if it started one (to tell why it died, should it). */
    private io.vst.valkey.server.ManagedServer started;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new WriterOutputStream(spec.commandLine().getErr()), true,
                StandardCharsets.UTF_8);
        if (!(timeScale > 0)) {
            throw VstException.invalidInput("--time-scale must be positive, got " + timeScale, "e.g. --time-scale 0.01");
        }
        if (!(vectorScale > 0)) {
            throw VstException.invalidInput("--vector-scale must be positive, got " + vectorScale,
                    "e.g. --vector-scale 0.001");
        }
        ShardSpec shards = ShardSpec.parse(shard, shardGroup, shardWait);
        RunEnvironment environment = RunEnvironment.of(plugins.registry(), output);
        SchemaRegistry schema = environment.schema();
        ParseResult parsed = Scenarios.load(scenario, new ValidationOptions(strict, ValidationOptions.defaults().rules()),
                schema);
        parsed = parsed.withMore(DatasetLookup.check(parsed, dataset));
        for (Diagnostic d : parsed.diagnostics()) {
            if (d.severity() == Severity.ERROR || strict) {
                err.println(d.format());
            }
        }
        if (parsed.hasErrors() || parsed.scenario() == null) {
            err.println("error: the scenario is not valid; nothing was run");
            return Main.EXIT_INVALID;
        }
        RunPlan plan = RunPlan.of(parsed.scenario(), schema, new PlanOptions(timeScale, step, vectorScale, dataset));
        io.vst.engine.RunPlanEstimates.requireRunnable(plan);
        if (dryRun) {
            DryRunPrinter.print(plan, out);
            return Main.EXIT_OK;
        }
        OutputFolder.check(output, "--output");
        return execute(plan, environment, shards, out, err);
    }

    private int execute(RunPlan plan, RunEnvironment environment, ShardSpec shards, PrintStream out, PrintStream err) {
        RunOptions options = environment.options().withSeed(seed).withReport(!noReport)
                .withSafety(yes, allowLarge).withShard(shards);
        try (ServerSession session = openSession(plan, out)) {
            out.println("vst: running " + plan.scenario().name() + " on " + Describe.server(session));
            ProgressPrinter progress = new ProgressPrinter(out, System.console() != null, 5000);
            List<io.vst.engine.RunListener> listeners = new java.util.ArrayList<>(List.of(progress));
            io.vst.report.PrometheusExporter exporter = null;
            if (prometheusPort != null) {
                exporter = io.vst.report.PrometheusExporter.start("127.0.0.1", prometheusPort);
                io.vst.report.PrometheusExporter live = exporter;
                listeners.add(new io.vst.engine.RunListener() {
                    @Override
                    public void sampleTaken(io.vst.metrics.Sample sample) {
                        live.update(sample);
                    }
                });
                out.println("vst: live metrics on http://127.0.0.1:" + exporter.port() + "/metrics");
            }
            Runner runner = new Runner(plan, session, options, listeners);
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                runner.stop("interrupted by Ctrl-C");
                try {
                    finished.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "vst-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
            RunResult result;
            try {
                result = runner.run();
            } finally {
                finished.countDown();
                removeHook(hook);
                if (exporter != null) {
                    exporter.close();
                }
            }
            SummaryPrinter.print(result, out);
            String death = started == null ? null : started.deathReport();
            if (death != null) {
                err.println("error: the valkey-server vst started (pid " + started.pid() + ") died during the run: "
                        + death);
                err.println("  hint: a module that does not fit this server can crash it (valkey-search 1.0 needs "
                        + "valkey-server 8.1.1 or later); check --valkey-server and --module");
                return Main.EXIT_RUNTIME;
            }
            return result.completed() ? Main.EXIT_OK : Main.EXIT_RUNTIME;
        }
    }

    /** Connects to --server, or starts the embedded valkey-server; the session stops what it started. */
    private ServerSession openSession(RunPlan plan, PrintStream out) {
        ServerTarget target = connection.open();
        started = target.managedServer();
        if (target.startedByVst()) {
            out.println("vst: started valkey-server on " + target.endpoint().address()
                    + (target.pid() > 0 ? " (pid " + target.pid() + ")" : ""));
        }
        return ServerOpener.connect(target, plan);
    }

    /** Removes a Ctrl-C hook once its command ended (a no-op while the JVM is already exiting). */
    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting (Ctrl-C): the hook is running and needs no removal.
            return;
        }
    }
}
