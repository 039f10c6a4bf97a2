package io.vst.report;

import io.vst.VstException;
import io.vst.rundir.AtomicFiles;
import io.vst.rundir.Json;
import io.vst.rundir.RunData;
import io.vst.units.Units;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a comparison of runs: {@code compare.html} (overlaid charts, the delta table and the verdict,
 * self-contained), {@code charts/<id>.png}, {@code compare.csv} and {@code compare.json}.
 */
public final class ComparisonWriter {

    public static final String HTML = "compare.html";
    public static final String CSV = "compare.csv";
    public static final String JSON = "compare.json";

    private ComparisonWriter() {
    }

    /**
     * Writes the comparison into {@code outDir}.
     *
     * @param runs the runs, baseline first, labelled as in {@code comparison}
     * @param sources what each label stands for (a run directory), in the same order
     * @return the files written
     */
    public static List<Path> write(List<RunData> runs, List<String> sources, RunComparison comparison, Path outDir) {
        List<Path> written = new ArrayList<>();
        Path charts = outDir.resolve(ReportWriter.CHARTS_DIR);
        try {
            Files.createDirectories(charts);
        } catch (IOException e) {
            throw VstException.runtime("cannot create " + charts + ": " + e.getMessage(), e);
        }
        for (ChartSpec spec : ChartCatalog.all()) {
            if (runs.stream().anyMatch(spec::hasData)) {
                byte[] png = ChartImages.png(spec.overlay(runs), ChartImages.WIDTH, ChartImages.HEIGHT);
                written.add(AtomicFiles.write(charts.resolve(spec.id() + ".png"), png));
            }
        }
        written.add(AtomicFiles.write(outDir.resolve(CSV), utf8(csv(comparison))));
        try {
            written.add(AtomicFiles.write(outDir.resolve(JSON),
                    utf8(Json.mapper().writeValueAsString(json(comparison, sources)) + "\n")));
        } catch (IOException e) {
            throw VstException.runtime("cannot write " + outDir.resolve(JSON) + ": " + e.getMessage(), e);
        }
        written.add(AtomicFiles.write(outDir.resolve(HTML), utf8(html(runs, sources, comparison))));
        return written;
    }

    private static String html(List<RunData> data, List<String> sources, RunComparison c) {
        Html h = new Html();
        h.style(InteractiveCharts.style());
        h.element("h1", "vst comparison");
        h.raw("<p>").badge(c.verdict()).raw("</p>\n");
        List<String[]> runs = new ArrayList<>();
        for (int i = 0; i < c.runs().size(); i++) {
            runs.add(new String[] {c.runs().get(i) + (i == 0 ? " (baseline)" : ""), sources.get(i)});
        }
        h.keyValues(runs);
        h.note("Lines: solid = first run, dashed = second, dotted = third; colours mean the same figure in every chart. "
                + "Every run is drawn on the baseline's time axis, aligned by step: each step starts and ends where "
                + "the baseline's step of the same name does (charts/*.png overlay the runs on their own clocks).");
        h.heading("deltas", "Changes per step and checkpoint");
        List<List<String>> rows = new ArrayList<>();
        for (RunComparison.Row r : c.rows()) {
            rows.add(List.of(r.scope(), r.name(), r.metric(), r.run(), RunComparison.number(r.baseline()),
                    RunComparison.number(r.value()), Double.isNaN(r.deltaPercent()) ? "n/a"
                            : String.format(Locale.ROOT, "%+.1f%%", r.deltaPercent()),
                    r.regression() ? "regression" : ""));
        }
        h.table(List.of("scope", "name", "figure", "run", "baseline", "value", "change", "verdict"), rows);
        h.heading("charts", "Charts");
        InteractiveCharts.write(h, data);
        return h.page("vst comparison");
    }

    private static Map<String, Object> json(RunComparison c, List<String> sources) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", "vst-comparison/1");
        Map<String, String> runs = new LinkedHashMap<>();
        for (int i = 0; i < c.runs().size(); i++) {
            runs.put(c.runs().get(i), sources.get(i));
        }
        m.put("runs", runs);
        m.put("baseline", c.runs().get(0));
        m.put("max_regression_percent", c.maxRegressionPercent());
        m.put("regressed", c.regressed());
        m.put("verdict", c.verdict());
        m.put("rows", c.rows());
        return m;
    }

    static String csv(RunComparison c) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            p.printRecord("scope", "name", "figure", "baseline_run", "run", "baseline", "value", "change_percent",
                    "higher_is_better", "regression");
            for (RunComparison.Row r : c.rows()) {
                p.printRecord(r.scope(), r.name(), r.metric(), c.runs().get(0), r.run(), Units.cell(r.baseline()),
                        Units.cell(r.value()), Units.cell(r.deltaPercent()), r.higherIsBetter(),
                        r.regression());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
