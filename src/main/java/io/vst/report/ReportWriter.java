package io.vst.report;

import io.vst.VstException;
import io.vst.rundir.AtomicFiles;
import io.vst.rundir.Json;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import io.vst.rundir.RunDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes a run's report: {@code report.html}, {@code charts/*.png}, {@code csv/*.csv} and
 * {@code summary.json}, from a run directory or from a {@link RunData} in memory.
 *
 * <p>Safe to call while the run is still writing its directory (a half-written last line is left
 * out) and again later: every file is replaced atomically, so a reader never sees half a report.
 *
 * <pre>{@code
 * ReportWriter.write(runDir, runDir, ReportFormat.all());   // end of a run, or a checkpoint
 * ReportWriter.write(runDir, Path.of("/tmp/r"), EnumSet.of(ReportFormat.CSV));
 * }</pre>
 */
public final class ReportWriter {

    public static final String HTML = "report.html";
    public static final String SUMMARY = "summary.json";
    public static final String CHARTS_DIR = "charts";
    public static final String CSV_DIR = "csv";

    private ReportWriter() {
    }

    /**
     * Reads {@code runDir} and writes the report into {@code outDir} (created if missing; null means
     * {@code runDir}).
     *
     * @return the files written
     * @throws VstException naming the file when the run directory cannot be read (invalid input) or a
     *     report file cannot be written (runtime)
     */
    public static List<Path> write(Path runDir, Path outDir, Set<ReportFormat> formats) {
        RunData run = RunDataReader.read(runDir);
        return write(run, runDir, outDir == null ? runDir : outDir, formats);
    }

    /**
     * Writes the report of {@code run} into {@code outDir}.
     *
     * @param runDir the run directory the report links to, or null when there is none
     * @return the files written
     */
    public static List<Path> write(RunData run, Path runDir, Path outDir, Set<ReportFormat> formats) {
        List<Path> written = new ArrayList<>();
        mkdirs(outDir);
        if (formats.contains(ReportFormat.PNG)) {
            Path dir = mkdirs(outDir.resolve(CHARTS_DIR));
            for (ChartSpec spec : ChartCatalog.available(run)) {
                written.add(write(dir.resolve(spec.id() + ".png"),
                        ChartImages.png(spec.create(run), ChartImages.WIDTH, ChartImages.HEIGHT)));
            }
        }
        if (formats.contains(ReportFormat.CSV)) {
            Path dir = mkdirs(outDir.resolve(CSV_DIR));
            Path source = runDir == null ? null : runDir.resolve(RunDirectory.TIMELINE);
            // The run's own timeline, when there is one, is already this CSV: copying its complete lines is
            // exact and several times faster than formatting 36,000 rows again.
            written.add(write(dir.resolve(CsvExports.TIMELINE), source != null && Files.isRegularFile(source)
                    ? RunDataReader.completeLines(source) : CsvExports.timeline(run)));
            written.add(write(dir.resolve(CsvExports.STEPS), CsvExports.steps(run)));
            written.add(write(dir.resolve(CsvExports.CHECKPOINTS), CsvExports.checkpoints(run)));
            written.add(write(dir.resolve(CsvExports.LATENCY), CsvExports.latencyPercentiles(run)));
        }
        if (formats.contains(ReportFormat.JSON)) {
            written.add(write(outDir.resolve(SUMMARY), json(JsonSummary.of(run))));
        }
        if (formats.contains(ReportFormat.HTML)) {
            written.add(write(outDir.resolve(HTML), HtmlReport.render(run, links(run, runDir, outDir, formats))));
        }
        return written;
    }

    private static List<String[]> links(RunData run, Path runDir, Path outDir, Set<ReportFormat> formats) {
        List<String[]> links = new ArrayList<>();
        if (formats.contains(ReportFormat.CSV)) {
            for (String f : List.of(CsvExports.TIMELINE, CsvExports.STEPS, CsvExports.CHECKPOINTS, CsvExports.LATENCY)) {
                links.add(new String[] {CSV_DIR + "/" + f, CSV_DIR + "/" + f});
            }
        }
        if (formats.contains(ReportFormat.JSON)) {
            links.add(new String[] {SUMMARY, SUMMARY + " (summary for machines)"});
        }
        if (formats.contains(ReportFormat.PNG)) {
            ChartCatalog.available(run).forEach(c -> links.add(new String[] {CHARTS_DIR + "/" + c.id() + ".png",
                    CHARTS_DIR + "/" + c.id() + ".png (" + c.title() + ")"}));
        }
        if (runDir != null) {
            Path rel = outDir.toAbsolutePath().normalize().relativize(runDir.toAbsolutePath().normalize());
            String prefix = rel.toString().isEmpty() ? "" : rel.toString().replace('\\', '/') + "/";
            List<String> raw = new ArrayList<>(List.of(RunDirectory.RUN_JSON, RunDirectory.SCENARIO,
                    RunDirectory.TIMELINE, RunDirectory.STEPS, RunDirectory.CHECKPOINTS, RunDirectory.LEGACY_CHECKPOINTS,
                    RunDirectory.LOG));
            run.latencyOperations().forEach(op -> raw.add(RunDirectory.LATENCY_DIR + "/" + op + ".hlog"));
            for (String f : raw) {
                if (Files.exists(runDir.resolve(f))) {
                    links.add(new String[] {prefix + f, "run directory: " + f});
                }
            }
        }
        return links;
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw VstException.runtime("cannot write the JSON summary: " + e.getMessage(), e);
        }
    }

    private static Path write(Path file, String text) {
        return AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Path write(Path file, byte[] bytes) {
        return AtomicFiles.write(file, bytes);
    }

    /** Whether {@code e} says a report file could not be written (as opposed to, say, no usable fonts). */
    public static boolean isWriteFailure(Throwable e) {
        return e instanceof VstException && e.getCause() instanceof IOException;
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw VstException.runtime("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
