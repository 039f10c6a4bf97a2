package io.vst.rundir;

import static io.vst.units.Units.cell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vst.VstException;
import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
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
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The run directory: the contract between the engine, the CLI, the workbench and the reports.
 *
 * <pre>
 * runs/20261127T101500Z_quickstart/
 *   scenario.yaml  plan.yaml  run.json  timeline.csv  steps.csv  checkpoints.jsonl  latency/&lt;op&gt;.hlog  vst.log
 * </pre>
 *
 * <p>Everything is written as it happens and flushed, so a crash or kill loses at most the last
 * sample; checkpoints are appended one JSON line each. run.json names the process writing it, so a
 * reader can tell a killed run (aborted) from a running one. Thread-safe: the sampler, the runner and
 * workers may call it concurrently.
 *
 * <p>A write that fails (a full disk) never throws into the run: the first failure is kept
 * ({@link #writeFailure()}), passed to {@link #onWriteFailure}, and later rows are dropped. The final
 * run.json then says {@code failed} with that message; a small reserve file, deleted when the final
 * run.json cannot be written otherwise, keeps room for it.
 */
public final class RunDirectory implements AutoCloseable {

    public static final String SCENARIO = "scenario.yaml";
    /** The effective plan: the scenario with the run's overrides (--dataset, --vector-scale, ...) applied. */
    public static final String PLAN = "plan.yaml";
    public static final String RUN_JSON = "run.json";
    public static final String TIMELINE = "timeline.csv";
    public static final String STEPS = "steps.csv";
    public static final String CHECKPOINTS = "checkpoints.jsonl";
    /** Where versions before checkpoints.jsonl kept the checkpoints, as one JSON array. */
    public static final String LEGACY_CHECKPOINTS = "checkpoints.json";
    /** Room kept for the final run.json on a full disk; deleted when the run directory is closed. */
    static final String RESERVE = ".vst-reserve";
    static final int RESERVE_BYTES = 64 * 1024;
    public static final String LATENCY_DIR = "latency";
    public static final String LOG = "vst.log";

    /** Header of steps.csv. */
    public static final List<String> STEP_COLUMNS = List.of("name", "type", "workload", "status", "started_at",
            "ended_at", "duration_s", "active_s", "operations", "errors", "ops_per_s", "live_vectors_after",
            "time_to_searchable_s", "recall", "latency_ms", "detail");

    private static final ObjectWriter LINE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter DIR_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** The CSV files' format: RFC 4180, lines ending in LF. */
    private static final CSVFormat CSV_FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private final Path dir;
    private final CSVPrinter timeline;
    private final CSVPrinter steps;
    private final BufferedWriter checkpointLines;
    private final List<CheckpointResult> checkpoints = new ArrayList<>();
    private final Map<String, HistogramLogWriter> hlogs = new HashMap<>();
    /** A step's name as an .hlog tag (no blanks or commas), made once per step rather than once per line. */
    private final Map<String, String> hlogTags = new HashMap<>();
    /** A step's name as a timeline field (quoted where it must be), made once per step. */
    private final Map<String, String> timelineSteps = new HashMap<>();
    private final Map<String, PrintStream> hlogStreams = new HashMap<>();
    private final BufferedWriter log;
    private final long startMillis;
    private RunInfo info;
    private String writeFailure;
    private Consumer<String> onWriteFailure = why -> { };

    private RunDirectory(Path dir, RunInfo info) throws IOException {
        this.dir = dir;
        this.info = info;
        this.startMillis = info.startedAt().toEpochMilli();
        Files.createDirectories(dir.resolve(LATENCY_DIR));
        Files.write(dir.resolve(RESERVE), new byte[RESERVE_BYTES]);
        List<String> header = new ArrayList<>(List.of("timestamp_utc", "elapsed_s", "step"));
        header.addAll(TimelineColumns.all());
        timeline = printer(dir.resolve(TIMELINE), header);
        steps = printer(dir.resolve(STEPS), STEP_COLUMNS);
        log = Files.newBufferedWriter(dir.resolve(LOG), StandardCharsets.UTF_8);
        checkpointLines = Files.newBufferedWriter(dir.resolve(CHECKPOINTS), StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(RUN_JSON), json(info));
    }

    /**
     * Creates {@code <root>/<UTC time>_<scenario>/} (or {@code exact} when given) and writes the
     * scenario text and the initial run.json.
     */
    public static RunDirectory create(Path root, Path exact, RunInfo info, String scenarioText) {
        String base = DIR_TIME.format(info.startedAt()) + "_" + safe(info.scenario());
        Path dir = exact != null ? exact : root.resolve(base);
        RunInfo stamped = info.writer() == null ? info.writtenBy(RunInfo.Writer.current()) : info;
        boolean existed = exact != null && Files.exists(exact);
        try {
            for (int i = 2; exact == null && Files.exists(dir); i++) {
                dir = root.resolve(base + "_" + i);
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(SCENARIO), scenarioText, StandardCharsets.UTF_8);
            return new RunDirectory(dir, stamped);
        } catch (IOException | VstException e) {
            // A run directory that cannot even be started (full disk) is removed, not left half-made.
            if (!existed) {
                deleteTree(dir);
            }
            throw VstException.runtime("cannot create run directory " + dir + ": " + reason(e), e);
        }
    }

    /** Called once, on the thread that wrote, when the first write fails; e.g. to stop the run. */
    public synchronized void onWriteFailure(Consumer<String> callback) {
        this.onWriteFailure = callback;
    }

    /** The first write that failed ("cannot write FILE: REASON"), or null. */
    public synchronized String writeFailure() {
        return writeFailure;
    }

    public Path path() {
        return dir;
    }

    /** Appends one timeline row and flushes it. */
    public synchronized void append(Sample s) {
        if (writeFailure != null) {
            return;
        }
        // Built as text: a timestamp and numbers never need quoting, so only the step name goes through
        // the CSV format (once per step). printRecord over 73 values cost 30-330 µs a row on the sampler
        // thread, whose code runs once a second and so stays cold.
        StringBuilder row = new StringBuilder(512).append(s.time()).append(',').append(cell(s.elapsedSeconds()))
                .append(',').append(s.step() == null || s.step().isEmpty() ? ""
                        : timelineSteps.computeIfAbsent(s.step(), CSV_FORMAT::format));
        for (String col : TimelineColumns.all()) {
            row.append(',').append(cell(s.get(col)));
        }
        try {
            timeline.getOut().append(row).append(CSV_FORMAT.getRecordSeparator());
            timeline.flush();
        } catch (IOException e) {
            failed(TIMELINE, e);
        }
    }

    /** Appends one steps.csv row and flushes it. */
    public synchronized void append(StepRecord r) {
        if (writeFailure != null) {
            return;
        }
        StringBuilder lat = new StringBuilder();
        r.latency().forEach((op, l) -> lat.append(lat.length() == 0 ? "" : " ").append(String.format(Locale.ROOT,
                "%s:n=%d,p50=%s%s,p99=%s,p999=%s,max=%s", op, l.count(), cell(l.p50Ms()),
                Double.isNaN(l.p90Ms()) ? "" : ",p90=" + cell(l.p90Ms()), cell(l.p99Ms()), cell(l.p999Ms()),
                cell(l.maxMs()))));
        print(steps, List.of(r.name(), r.type(), r.workload(), r.status().spelling(), r.startedAt().toString(),
                r.endedAt().toString(), cell(r.durationSeconds()), cell(r.activeSeconds()), r.operations(), r.errors(),
                cell(r.operationsPerSecond()), r.liveVectorsAfter(), cell(r.timeToSearchableSeconds()),
                cell(r.recall()), lat.toString(), r.detail() == null ? "" : r.detail()), STEPS);
    }

    /** Writes plan.yaml, the plan as run (scenario.yaml stays the scenario as written). */
    public synchronized void writePlan(String yaml) {
        try {
            Files.writeString(dir.resolve(PLAN), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            failed(PLAN, e);
        }
    }

    /** Adds a checkpoint: one JSON line appended to checkpoints.jsonl and flushed. */
    public synchronized void append(CheckpointResult c) {
        checkpoints.add(c);
        if (writeFailure != null) {
            return;
        }
        try {
            checkpointLines.write(LINE.writeValueAsString(c));
            checkpointLines.write('\n');
            checkpointLines.flush();
        } catch (IOException e) {
            failed(CHECKPOINTS, e);
        }
    }

    /**
     * Appends one interval histogram (microseconds) to {@code latency/<op>.hlog}, tagged with the step.
     */
    public synchronized void appendLatency(String operation, String step, Histogram interval) {
        if (interval.getTotalCount() == 0 || writeFailure != null) {
            return;
        }
        String file = LATENCY_DIR + "/" + operation + ".hlog";
        try {
            HistogramLogWriter w = hlogs.get(operation);
            if (w == null) {
                w = openHlog(operation);
                hlogs.put(operation, w);
            }
            interval.setTag(step == null || step.isEmpty() ? null
                    : hlogTags.computeIfAbsent(step, name -> name.replaceAll("[\\s,]", "_")));
            w.outputIntervalHistogram(interval);
        } catch (IOException e) {
            failed(file, e);
            return;
        }
        PrintStream ps = hlogStreams.get(operation);
        ps.flush();
        // PrintStream keeps write errors to itself: ask it.
        if (ps.checkError()) {
            failed(file, new IOException(noSpace() ? "No space left on device" : "the write failed"));
        }
    }

    /** Appends a line to vst.log. */
    public synchronized void log(LogLevel level, String message) {
        if (writeFailure != null) {
            return;
        }
        try {
            log.write(Instant.now().toString() + " " + level.spelling() + " " + message);
            log.newLine();
            log.flush();
        } catch (IOException e) {
            failed(LOG, e);
        }
    }

    /**
     * Rewrites run.json with the final outcome; after a failed write the outcome is {@code failed} with
     * that write as the message.
     *
     * @return what run.json now says
     * @throws VstException (runtime) naming run.json when even the reserve cannot make room for it
     */
    public synchronized RunInfo finish(RunInfo finished) {
        RunInfo end = finished;
        if (writeFailure != null) {
            // A step that failed for its own reason keeps that reason beside the failed write.
            boolean own = finished.outcome() == RunOutcome.FAILED && finished.message() != null
                    && !finished.message().equals(writeFailure);
            end = finished.finished(finished.endedAt(), RunOutcome.FAILED,
                    own ? writeFailure + "; " + finished.message() : writeFailure, finished.steps());
        }
        info = end;
        byte[] bytes = json(end);
        try {
            AtomicFiles.write(dir.resolve(RUN_JSON), bytes);
        } catch (VstException full) {
            deleteReserve();
            AtomicFiles.write(dir.resolve(RUN_JSON), bytes);
        }
        return end;
    }

    /** Marks a finished run failed after the fact (its report could not be written) and rewrites run.json. */
    public synchronized RunInfo fail(String why) {
        if (writeFailure == null) {
            writeFailure = why;
        }
        return finish(info.finished(info.endedAt() == null ? Instant.now() : info.endedAt(), RunOutcome.FAILED, why,
                info.steps()));
    }

    public synchronized RunInfo info() {
        return info;
    }

    public synchronized List<CheckpointResult> checkpoints() {
        return List.copyOf(checkpoints);
    }

    /** Closes the files and deletes the reserve; a file that cannot be closed counts as a failed write. */
    @Override
    public synchronized void close() {
        closeQuietly(timeline, TIMELINE);
        closeQuietly(steps, STEPS);
        closeQuietly(log, LOG);
        closeQuietly(checkpointLines, CHECKPOINTS);
        hlogStreams.values().forEach(PrintStream::close);
        deleteReserve();
    }

    private void closeQuietly(java.io.Closeable c, String file) {
        try {
            c.close();
        } catch (IOException e) {
            failed(file, e);
        }
    }

    private void failed(String file, IOException e) {
        if (writeFailure != null) {
            return;
        }
        writeFailure = "cannot write " + dir.resolve(file) + ": " + reason(e);
        onWriteFailure.accept(writeFailure);
    }

    private static String reason(Exception e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof VstException && e.getCause() != null) {
            return reason((Exception) e.getCause());
        }
        return io.vst.Failures.describe(e);
    }

    private boolean noSpace() {
        try {
            return Files.getFileStore(dir).getUsableSpace() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private void deleteReserve() {
        try {
            Files.deleteIfExists(dir.resolve(RESERVE));
        } catch (IOException e) {
            failed(RESERVE, e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // Left for the user to remove; the error that brought us here is the one to report.
            return;
        }
    }

    private static byte[] json(RunInfo value) {
        try {
            return (Json.mapper().writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw VstException.runtime("cannot write " + RUN_JSON + ": " + e.getMessage(), e);
        }
    }

    private HistogramLogWriter openHlog(String operation) throws IOException {
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
    }

    private static CSVPrinter printer(Path file, List<String> header) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSV_FORMAT);
        p.printRecord(header);
        p.flush();
        return p;
    }

    private void print(CSVPrinter p, List<?> row, String file) {
        try {
            p.printRecord(row);
            p.flush();
        } catch (IOException e) {
            failed(file, e);
        }
    }

    private static String safe(String name) {
        String s = name == null || name.isBlank() ? "scenario" : name;
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
