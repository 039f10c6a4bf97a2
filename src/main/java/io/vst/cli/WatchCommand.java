package io.vst.cli;

import io.vst.VstException;
import io.vst.engine.RunListener;
import io.vst.engine.RunResult;
import io.vst.engine.ServerSession;
import io.vst.engine.WatchSession;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.units.Units;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vst watch}: samples a server's figures live without running a scenario, into a run directory. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {
            "Watches a server without running a scenario: prints used memory, clients and commands per second "
                + "every interval and records them (and every figure a run samples) in a run directory that "
                + "vst report and the workbench open. Reads only (INFO); never writes or deletes a key.",
            "",
            "Ctrl-C ends the watch and finishes the run directory. Without --server or --profile vst starts its "
                + "own local valkey-server and watches that.",
        },
        footer = {
            "",
            "Examples:",
            "  vst watch --server valkey://db1:6379",
            "  vst watch --profile prod --duration 10m --interval 5s",
            "",
            "Exit codes: 0 watched, 1 the server could not be reached or the run directory written, 2 invalid options.",
        })
final class WatchCommand implements Callable<Integer> {

    private static final Pattern SPAN = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--duration", paramLabel = "TIME",
            description = "How long to watch, e.g. 30s, 10m, 1h (default: until Ctrl-C).")
    String duration;

    @Option(names = "--interval", paramLabel = "TIME", defaultValue = "1s",
            description = "Time between samples, at least 50ms (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "runs",
            description = "Folder for run directories (default: ${DEFAULT-VALUE}).")
    Path output;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true,
                StandardCharsets.UTF_8);
        double every = seconds(interval, "--interval");
        if (every < 0.05) {
            throw VstException.invalidInput("--interval " + interval + " is shorter than 50ms",
                    "give 50ms or more, e.g. --interval 1s");
        }
        double limit = duration == null ? 0 : seconds(duration, "--duration");
        if (duration != null && limit <= 0) {
            throw VstException.invalidInput("--duration " + duration + " is not a positive time",
                    "give e.g. --duration 30s, or leave it out to watch until Ctrl-C");
        }
        OutputFolder.check(output, "--output");
        String version = WatchCommand.class.getPackage().getImplementationVersion();
        WatchSession.Options options = WatchSession.Options.of(every, limit, output)
                .withToolVersion(version == null ? "dev" : version);
        try (ServerSession session = WatchSession.open(connection.spec())) {
            out.println("vst: watching " + Describe.server(session) + " every " + Units.duration(every)
                    + (limit > 0 ? " for " + Units.duration(limit) : " until Ctrl-C"));
            WatchSession watch = new WatchSession(session, options, List.of(new LiveLine(out)));
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                watch.stop("Ctrl-C");
                awaitQuietly(finished);
            }, "vst-watch-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
            RunResult result;
            try {
                result = watch.run();
            } finally {
                finished.countDown();
                RunCommand.removeHook(hook);
            }
            out.println("vst: " + result.message() + "; run directory " + result.directory());
            return result.completed() ? Main.EXIT_OK : Main.EXIT_RUNTIME;
        }
    }

    /** Seconds of a time such as {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h} or {@code 2} (seconds). */
    static double seconds(String text, String option) {
        Matcher m = SPAN.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw VstException.invalidInput(option + " " + text + ": not a time", "give a number with ms, s, m "
                    + "or h, e.g. " + option + " 30s");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> v / 1000;
            case "m" -> v * 60;
            case "h" -> v * 3600;
            default -> v;
        };
    }

    private static void awaitQuietly(CountDownLatch finished) {
        try {
            finished.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One line per sample: time, used memory, clients, commands per second (less the watch's own), keys. */
    private static final class LiveLine implements RunListener {

        private final PrintStream out;

        LiveLine(PrintStream out) {
            this.out = out;
        }

        @Override
        public void sampleTaken(Sample s) {
            out.println(String.format(Locale.ROOT, "%8s  used_memory %s  clients %s  commands %s  keys %s",
                    Units.duration(s.elapsedSeconds()), Units.bytes(s.get(TimelineColumns.USED_MEMORY)),
                    Units.count(s.get(TimelineColumns.CONNECTED_CLIENTS)),
                    Units.rate(s.get(TimelineColumns.SERVER_OPS)), Units.count(s.get(TimelineColumns.DBSIZE))));
        }
    }
}
