package io.vst.report;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The run directory: the contract between the engine, the CLI, the workbench and the reports.
 *
 * <pre>
 * runs/20261127T101500Z_quickstart/
 *   scenario.yaml  plan.yaml  run.json  timeline.csv  steps.csv  checkpoints.json  latency/&lt;op&gt;.hlog  vst.log
 * </pre>
 *
 * <p>Everything is written as it happens and flushed, so a crash or kill loses at most the last
 * sample. Thread-safe: the sampler, the runner and workers may call it concurrently.
 */
public final class RunDirectory implements AutoCloseable {

    public static final String SCENARIO = "scenario.yaml";
    /** The effective plan: the scenario with the run's overrides (--dataset, --vector-scale, ...) applied. */
    public static final String PLAN = "plan.yaml";
    public static final String RUN_JSON = "run.json";
    public static final String TIMELINE = "timeline.csv";
    public static final String STEPS = "steps.csv";
    public static final String CHECKPOINTS = "checkpoints.json";
    public static final String LATENCY_DIR = "latency";
    public static final String LOG = "vst.log";

    /** Header of steps.csv. */
    public static final List<String> STEP_COLUMNS = List.of("name", "type", "workload", "status", "started_at",
            "ended_at", "duration_s", "active_s", "operations", "errors", "ops_per_s", "live_vectors_after",
            "time_to_searchable_s", "recall", "latency_ms", "detail");

    private static final DateTimeFormatter DIR_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path dir;
    private final CSVPrinter timeline;
    private final CSVPrinter steps;
    private final List<CheckpointResult> checkpoints = new ArrayList<>();
    private final Map<String, HistogramLogWriter> hlogs = new HashMap<>();
    private final Map<String, PrintStream> hlogStreams = new HashMap<>();
    private final BufferedWriter log;
    private final long startMillis;
    private RunInfo info;

    private RunDirectory(Path dir, RunInfo info) throws IOException {
        this.dir = dir;
        this.info = info;
        this.startMillis = info.startedAt().toEpochMilli();
        Files.createDirectories(dir.resolve(LATENCY_DIR));
        List<String> header = new ArrayList<>(List.of("timestamp_utc", "elapsed_s", "step"));
        header.addAll(TimelineColumns.all());
        timeline = printer(dir.resolve(TIMELINE), header);
        steps = printer(dir.resolve(STEPS), STEP_COLUMNS);
        log = Files.newBufferedWriter(dir.resolve(LOG), StandardCharsets.UTF_8);
        Json.writeAtomically(dir.resolve(RUN_JSON), info);
        Json.writeAtomically(dir.resolve(CHECKPOINTS), checkpoints);
    }

    /**
     * Creates {@code <root>/<UTC time>_<scenario>/} (or {@code exact} when given) and writes the
     * scenario text and the initial run.json.
     */
    public static RunDirectory create(Path root, Path exact, RunInfo info, String scenarioText) {
        String base = DIR_TIME.format(info.startedAt()) + "_" + safe(info.scenario());
        Path dir = exact != null ? exact : root.resolve(base);
        try {
            for (int i = 2; exact == null && Files.exists(dir); i++) {
                dir = root.resolve(base + "_" + i);
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(SCENARIO), scenarioText, StandardCharsets.UTF_8);
            return new RunDirectory(dir, info);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return dir;
    }

    /** Appends one timeline row and flushes it. */
    public synchronized void append(Sample s) {
        List<Object> row = new ArrayList<>();
        row.add(s.time().toString());
        row.add(fmt(s.elapsedSeconds()));
        row.add(s.step());
        for (String col : TimelineColumns.all()) {
            row.add(fmt(s.get(col)));
        }
        print(timeline, row);
    }

    /** Appends one steps.csv row and flushes it. */
    public synchronized void append(StepRecord r) {
        StringBuilder lat = new StringBuilder();
        r.latency().forEach((op, l) -> lat.append(lat.length() == 0 ? "" : " ").append(String.format(Locale.ROOT,
                "%s:n=%d,p50=%s,p99=%s,p999=%s,max=%s", op, l.count(), fmt(l.p50Ms()), fmt(l.p99Ms()),
                fmt(l.p999Ms()), fmt(l.maxMs()))));
        print(steps, List.of(r.name(), r.type(), r.workload(), r.status(), r.startedAt().toString(),
                r.endedAt().toString(), fmt(r.durationSeconds()), fmt(r.activeSeconds()), r.operations(), r.errors(),
                fmt(r.operationsPerSecond()), r.liveVectorsAfter(), fmt(r.timeToSearchableSeconds()),
                fmt(r.recall()), lat.toString(), r.detail() == null ? "" : r.detail()));
    }

    /** Writes plan.yaml, the plan as run (scenario.yaml stays the scenario as written). */
    public synchronized void writePlan(String yaml) {
        try {
            Files.writeString(dir.resolve(PLAN), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(PLAN) + ": " + e.getMessage(), e);
        }
    }

    /** Adds a checkpoint and rewrites checkpoints.json atomically. */
    public synchronized void append(CheckpointResult c) {
        checkpoints.add(c);
        Json.writeAtomically(dir.resolve(CHECKPOINTS), checkpoints);
    }

    /**
     * Appends one interval histogram (microseconds) to {@code latency/<op>.hlog}, tagged with the step.
     */
    public synchronized void appendLatency(String operation, String step, Histogram interval) {
        if (interval.getTotalCount() == 0) {
            return;
        }
        HistogramLogWriter w = hlogs.computeIfAbsent(operation, this::openHlog);
        interval.setTag(step == null || step.isEmpty() ? null : step.replaceAll("[\\s,]", "_"));
        w.outputIntervalHistogram(interval);
        hlogStreams.get(operation).flush();
    }

    /** Appends a line to vst.log. */
    public synchronized void log(String level, String message) {
        try {
            log.write(Instant.now().toString() + " " + level + " " + message);
            log.newLine();
            log.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites run.json with the final outcome. */
    public synchronized void finish(RunInfo finished) {
        info = finished;
        Json.writeAtomically(dir.resolve(RUN_JSON), finished);
    }

    public synchronized RunInfo info() {
        return info;
    }

    public synchronized List<CheckpointResult> checkpoints() {
        return List.copyOf(checkpoints);
    }

    @Override
    public synchronized void close() {
        try {
            timeline.close();
            steps.close();
            log.close();
            hlogStreams.values().forEach(PrintStream::close);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HistogramLogWriter openHlog(String operation) {
        try {
            PrintStream ps = new PrintStream(Files.newOutputStream(dir.resolve(LATENCY_DIR).resolve(operation + ".hlog"),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND), false, StandardCharsets.UTF_8);
            hlogStreams.put(operation, ps);
            HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputComment("vst latency log for operation '" + operation + "', values in microseconds");
            w.outputLogFormatVersion();
            w.outputStartTime(startMillis);
            w.setBaseTime(startMillis);
            w.outputLegend();
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CSVPrinter printer(Path file, List<String> header) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
        p.printRecord(header);
        p.flush();
        return p;
    }

    private static void print(CSVPrinter p, List<?> row) {
        try {
            p.printRecord(row);
            p.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A number as it appears in CSV: Locale.ROOT, integers without a fraction, NaN as empty. */
    public static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
                .replaceAll("\\.$", "");
    }

    private static String safe(String name) {
        String s = name == null || name.isBlank() ? "scenario" : name;
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
