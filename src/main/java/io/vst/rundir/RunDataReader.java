package io.vst.rundir;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vst.VstException;
import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a run directory into a {@link RunData}. Safe while the run is still writing: a last line
 * without its line break is ignored (timeline, steps, checkpoints.jsonl), as is a timeline row that does
 * not parse; run.json is replaced atomically by the writer, so it is read whole. Older run directories
 * with a checkpoints.json array are read too. A run whose writer is gone reads as {@code aborted}.
 */
public final class RunDataReader {

    private RunDataReader() {
    }

    /**
     * Reads everything under {@code runDir}.
     *
     * @throws VstException (invalid input) naming the file when the directory is not a run directory or
     *     a file in it cannot be read
     */
    public static RunData read(Path runDir) {
        return read(runDir, runDir.getFileName() == null ? runDir.toString() : runDir.getFileName().toString());
    }

    /** Reads everything under {@code runDir} into a model labelled {@code label} (for legends). */
    public static RunData read(Path runDir, String label) {
        return read(runDir, label, true);
    }

    /**
     * Reads {@code runDir} into a model labelled {@code label}; without {@code latency}, the latency logs are
     * left unread (for a caller that decodes them itself, once).
     */
    public static RunData read(Path runDir, String label, boolean latency) {
        if (!Files.isDirectory(runDir)) {
            throw VstException.invalidInput("no run directory at " + runDir,
                    "give a directory written by 'vst run', e.g. runs/20261127T101500Z_quickstart");
        }
        Path runJson = runDir.resolve(RunDirectory.RUN_JSON);
        if (!Files.isRegularFile(runJson)) {
            throw VstException.invalidInput(runDir + " is not a run directory: " + RunDirectory.RUN_JSON + " is missing",
                    "give a directory written by 'vst run', e.g. runs/20261127T101500Z_quickstart");
        }
        RunData data = new RunData(label);
        data.setInfo(readJson(runJson, new TypeReference<RunInfo>() { }));
        Path scenario = runDir.resolve(RunDirectory.SCENARIO);
        if (Files.isRegularFile(scenario)) {
            data.setScenarioText(text(scenario));
        }
        Path timeline = runDir.resolve(RunDirectory.TIMELINE);
        if (Files.isRegularFile(timeline)) {
            readTimeline(timeline, data);
        }
        Path steps = runDir.resolve(RunDirectory.STEPS);
        if (Files.isRegularFile(steps)) {
            for (CSVRecord r : records(steps)) {
                StepRecord step = StepRows.parse(r);
                if (step != null) {
                    data.addStep(step);
                }
            }
        }
        Path checkpoints = runDir.resolve(RunDirectory.CHECKPOINTS);
        Path legacy = runDir.resolve(RunDirectory.LEGACY_CHECKPOINTS);
        if (Files.isRegularFile(checkpoints)) {
            readCheckpointLines(checkpoints, data);
        } else if (Files.isRegularFile(legacy)) {
            readJson(legacy, new TypeReference<List<CheckpointResult>>() { }).forEach(data::addCheckpoint);
        }
        if (latency) {
            readLatency(runDir.resolve(RunDirectory.LATENCY_DIR), data);
        }
        markAborted(data);
        return data;
    }

    /** checkpoints.jsonl: one checkpoint a line; a line still being written is left out. */
    private static void readCheckpointLines(Path file, RunData data) {
        int lineNo = 0;
        for (String line : completeLines(file).split("\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                data.addCheckpoint(RunJson.reader().readValue(line, CheckpointResult.class));
            } catch (IOException e) {
                throw VstException.invalidInput("cannot read " + file + ":" + lineNo + ": " + firstLine(e.getMessage()),
                        "the file is damaged or not written by 'vst run'");
            }
        }
    }

    /**
     * A run.json still saying {@code running} whose writing process is gone (killed, crashed, machine
     * restarted) is shown as {@code aborted}, ended at its last sample.
     */
    private static void markAborted(RunData data) {
        RunInfo info = data.info();
        if (info == null || info.outcome() != RunOutcome.RUNNING || info.writer() == null || !info.writer().isGone()) {
            return;
        }
        List<Sample> samples = data.samples();
        Instant last = samples.isEmpty() ? info.startedAt() : samples.get(samples.size() - 1).time();
        data.setInfo(info.finished(last, RunOutcome.ABORTED, "the process that wrote this run (pid " + info.writer().pid()
                + " on " + info.writer().host() + ") ended without finishing it; figures end at its last sample",
                info.steps()));
    }

    private static void readTimeline(Path file, RunData data) {
        for (CSVRecord r : records(file)) {
            if (r.size() < 3) {
                continue;
            }
            try {
                Instant time = Instant.parse(r.get(0));
                double elapsed = Double.parseDouble(r.get(1));
                Map<String, Double> values = new LinkedHashMap<>();
                for (int i = 3; i < r.size() && i < r.getParser().getHeaderNames().size(); i++) {
                    String v = r.get(i);
                    if (!v.isEmpty()) {
                        values.put(r.getParser().getHeaderNames().get(i), Double.parseDouble(v));
                    }
                }
                data.addSample(new Sample(time, elapsed, r.get(2), values));
            } catch (DateTimeParseException | NumberFormatException malformed) {
                // A row cut short by a crash or written by a foreign tool: keep the rest of the timeline.
                continue;
            }
        }
    }

    private static void readLatency(Path dir, RunData data) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> logs;
        try (Stream<Path> files = Files.list(dir)) {
            logs = files.filter(p -> p.getFileName().toString().endsWith(".hlog")).sorted().toList();
        } catch (IOException e) {
            throw VstException.invalidInput("cannot list " + dir + ": " + e.getMessage(), null);
        }
        for (Path log : logs) {
            String name = log.getFileName().toString();
            LatencyLog.read(log, name.substring(0, name.length() - ".hlog".length()), completeLines(log), data);
        }
    }

    private static List<CSVRecord> records(Path file) {
        String text = completeLines(file);
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<CSVRecord> out = new ArrayList<>();
            for (CSVRecord r : parser) {
                out.add(r);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw VstException.invalidInput("cannot read " + file + ": " + e.getMessage(),
                    "the file is not the CSV 'vst run' writes");
        }
    }

    /** The file up to its last line break: a line still being written is left out. */
    public static String completeLines(Path file) {
        String text = text(file);
        int end = text.lastIndexOf('\n');
        return end < 0 ? "" : text.substring(0, end + 1);
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VstException.invalidInput("cannot read " + file + ": " + e.getMessage(), null);
        }
    }

    private static <T> T readJson(Path file, TypeReference<T> type) {
        try {
            return RunJson.reader().readValue(file.toFile(), type);
        } catch (IOException e) {
            throw VstException.invalidInput("cannot read " + file + ": " + firstLine(e.getMessage()),
                    "the file is damaged or not written by 'vst run'");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
