package io.vst.report;

import io.vst.metrics.CheckpointAnalysis;
import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDirectory;
import io.vst.rundir.RunInfo;
import io.vst.rundir.StepRecord;
import io.vst.units.Units;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.HdrHistogram.Histogram;

/**
 * {@code report.html}: one self-contained page (no network, no other file) with the run summary,
 * environment, verdicts, interactive charts, step, checkpoint and latency tables, links to the files
 * beside it and the scenario as run. The page is a list of {@link Section}s: a new part of the report
 * is one more entry in {@link #SECTIONS}.
 */
final class HtmlReport {

    /** What every section may read: the run and the files next to the report (relative href and text). */
    record Report(RunData run, List<String[]> links) {
    }

    /**
     * One part of the page.
     *
     * @param id its anchor
     * @param navTitle its name in the navigation bar
     * @param writer writes it, heading included
     */
    record Section(String id, String navTitle, BiConsumer<Html, Report> writer) {
    }

    /** The sections, in page order. */
    static final List<Section> SECTIONS = List.of(
            new Section("summary", "Summary", (h, r) -> {
                summary(h, r.run(), r.run().info());
                verdicts(h, r.run().checkpoints());
            }),
            new Section("charts", "Charts", (h, r) -> {
                h.heading("charts", "Charts");
                InteractiveCharts.write(h, List.of(r.run()));
            }),
            new Section("steps", "Steps", (h, r) -> steps(h, r.run())),
            new Section("checkpoints", "Checkpoints", (h, r) -> checkpoints(h, r.run())),
            new Section(CapacitySection.ID, "Capacity", (h, r) -> CapacitySection.render(h, r.run())),
            new Section("latency", "Latency", (h, r) -> latency(h, r.run())),
            new Section("files", "Files", (h, r) -> files(h, r.links())),
            new Section("scenario", "Scenario", (h, r) -> scenario(h, r.run())));

    private HtmlReport() {
    }

    /**
     * The page.
     *
     * @param links files next to the report: relative href and text
     */
    static String render(RunData run, List<String[]> links) {
        RunInfo info = run.info();
        String scenario = info == null ? run.label() : info.scenario();
        Html h = new Html();
        h.style(InteractiveCharts.style());
        h.raw("<h1>").text("vst report: " + scenario).raw("</h1>\n<p>");
        h.badge(info == null ? "unknown" : info.outcome().spelling());
        h.raw(" ").text(info == null || info.message() == null ? "" : info.message()).raw("</p>\n");
        h.raw("<nav>");
        SECTIONS.forEach(s -> h.link("#" + s.id(), s.navTitle()));
        h.raw("</nav>\n");
        Report report = new Report(run, links);
        SECTIONS.forEach(s -> s.writer().accept(h, report));
        return h.page("vst report: " + scenario);
    }

    private static void steps(Html h, RunData run) {
        h.heading("steps", "Steps");
        h.table(List.of("step", "type", "status", "duration", "operations", "errors", "ops/s", "live vectors after",
                "latency p50 / p99 / max (ms)", "detail"), stepRows(run.steps()));
    }

    private static void checkpoints(Html h, RunData run) {
        h.heading("checkpoints", "Checkpoints");
        h.note("Bytes per vector: the growth of used_memory since before the first step, less client buffers "
                + "and a rehash's old key table, over the live vectors counted when the server figures were read; "
                + "split into keyspace and index when the search module reports its memory. Client query/output "
                + "buffers (INFO mem_clients_normal) grow with n_clients, not with the vectors; the old bucket array "
                + "of a key-table rehash in progress (INFO mem_overhead_db_hashtable_rehashing) is freed when the "
                + "rehash ends: both are excluded and shown in their own columns. "
                + "Performance compares the work before each checkpoint (throughput over the time it ran, p99, recall).");
        h.table(List.of("checkpoint", "tag", "elapsed", "live vectors", "used_memory", "RSS", "client buffers",
                "rehash table", "bytes/vector (keyspace / index)", "compared with", "Δ used_memory", "bytes per added/removed vector",
                "memory reclaimed", "performance vs compared", "fragmentation", "trend"),
                checkpointRows(run.checkpoints()));
    }

    private static void latency(Html h, RunData run) {
        h.heading("latency", "Latency percentiles per step");
        h.note("From latency/<operation>.hlog (HdrHistogram, microsecond resolution); each interval belongs to the "
                + "step running when it was sampled.");
        h.table(latencyHeader(), latencyRows(run));
    }

    private static void files(Html h, List<String[]> links) {
        h.heading("files", "Files");
        h.raw("<ul>\n");
        for (String[] l : links) {
            h.raw("<li>").link(l[0], l[1]).raw("</li>\n");
        }
        h.raw("</ul>\n");
    }

    private static void scenario(Html h, RunData run) {
        List<String> overrides = overrides(run.info());
        h.heading("scenario", overrides.isEmpty() ? "Scenario as run" : "Scenario as written");
        if (!overrides.isEmpty()) {
            h.note("This run changed it: " + String.join("; ", overrides) + ". " + RunDirectory.PLAN
                    + " in the run directory holds the plan as run.");
        }
        h.raw("<pre>").text(run.scenarioText()).raw("</pre>\n");
    }

    private static void summary(Html h, RunData run, RunInfo info) {
        h.heading("summary", "Summary");
        List<String[]> rows = new ArrayList<>();
        List<Sample> samples = run.samples();
        if (info != null) {
            rows.add(new String[] {"scenario", info.scenario() + " (" + info.scenarioSource() + ")"});
            rows.add(new String[] {"started (UTC)", String.valueOf(info.startedAt())});
            rows.add(new String[] {"ended (UTC)", info.endedAt() == null ? "still running" : info.endedAt().toString()});
            if (info.endedAt() != null) {
                rows.add(new String[] {"duration", seconds(Duration.between(info.startedAt(), info.endedAt())
                        .toMillis() / 1000.0)});
            }
            rows.add(new String[] {"tool", info.tool()});
            List<String> overrides = overrides(info);
            if (!overrides.isEmpty()) {
                rows.add(new String[] {"run with", String.join("; ", overrides)});
            }
        }
        rows.add(new String[] {"steps run", String.valueOf(run.steps().size())});
        rows.add(new String[] {"samples", String.valueOf(samples.size())});
        rows.add(new String[] {"peak used_memory", Units.bytes(max(samples, TimelineColumns.USED_MEMORY))});
        rows.add(new String[] {"peak RSS", Units.bytes(max(samples, TimelineColumns.USED_MEMORY_RSS))});
        if (!samples.isEmpty()) {
            rows.add(new String[] {"live vectors at the end", count(samples.get(samples.size() - 1)
                    .get(TimelineColumns.LIVE_VECTORS))});
        }
        h.keyValues(rows);
        h.element("h3", "Environment");
        List<String[]> env = new ArrayList<>();
        if (info != null) {
            if (info.server() != null) {
                info.server().forEach((k, v) -> env.add(new String[] {"server".equals(k) ? "server software" : "server " + k,
                        v instanceof Map<?, ?> m && m.isEmpty() ? "none" : String.valueOf(v)}));
            }
            env.add(new String[] {"server started by vst", String.valueOf(info.embeddedServer())});
            if (info.options() != null) {
                info.options().forEach((k, v) -> env.add(new String[] {"option " + k, String.valueOf(v)}));
            }
        }
        h.keyValues(env);
    }

    private static void verdicts(Html h, List<CheckpointResult> checkpoints) {
        List<CheckpointResult> judged = checkpoints.stream()
                .filter(c -> c.fragmentation() != null || c.trend() != null || !c.notes().isEmpty()).toList();
        if (judged.isEmpty()) {
            return;
        }
        h.element("h3", "Verdicts");
        h.raw("<ul>\n");
        for (CheckpointResult c : judged) {
            if (c.trend() != null) {
                h.raw("<li>").text(c.name() + ", memory trend: ").badge(c.trend().verdict().spelling()).raw(" ")
                        .text(c.trend().explanation()).raw("</li>\n");
            }
            if (c.fragmentation() != null) {
                h.raw("<li>").text(c.name() + ", fragmentation: ").badge(c.fragmentation().verdict()).raw("</li>\n");
            }
            for (String n : c.notes()) {
                h.raw("<li>").text(c.name() + ": " + n).raw("</li>\n");
            }
        }
        h.raw("</ul>\n");
    }

    private static List<List<String>> stepRows(List<StepRecord> steps) {
        List<List<String>> rows = new ArrayList<>();
        for (StepRecord s : steps) {
            StringBuilder lat = new StringBuilder();
            s.latency().forEach((op, l) -> lat.append(lat.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                    "%s %s / %s / %s", op, ms(l.p50Ms()), ms(l.p99Ms()), ms(l.maxMs()))));
            rows.add(List.of(s.name(), s.type() + (s.workload().isEmpty() ? "" : " (" + s.workload() + ")"), s.status().spelling(),
                    seconds(s.durationSeconds()), count(s.operations()), count(s.errors()),
                    s.operations() == 0 ? "" : count(s.operationsPerSecond()), count(s.liveVectorsAfter()),
                    lat.toString(), s.detail() == null ? "" : s.detail()));
        }
        return rows;
    }

    private static List<List<String>> checkpointRows(List<CheckpointResult> checkpoints) {
        List<List<String>> rows = new ArrayList<>();
        for (CheckpointResult c : checkpoints) {
            CheckpointResult.PerVector pv = c.perVector();
            String perVector = pv == null ? "" : Units.bytes(pv.totalBytes())
                    + (Double.isNaN(pv.indexBytes()) ? "" : " (" + Units.bytes(pv.keyspaceBytes()) + " / "
                    + Units.bytes(pv.indexBytes()) + ")");
            CheckpointResult.Comparison cmp = c.comparison();
            CheckpointResult.Delta used = cmp == null ? null : cmp.deltas().get(TimelineColumns.USED_MEMORY);
            rows.add(List.of(c.name(), c.tag() == null ? "" : c.tag(), seconds(c.elapsedSeconds()),
                    count(c.liveVectors()), Units.bytes(CsvExports.figure(c.figures(), TimelineColumns.USED_MEMORY)),
                    Units.bytes(CsvExports.figure(c.figures(), TimelineColumns.USED_MEMORY_RSS)),
                    Units.bytes(CsvExports.figure(c.figures(), TimelineColumns.MEM_CLIENTS_NORMAL)),
                    Units.bytes(CsvExports.figure(c.figures(), TimelineColumns.HASHTABLE_REHASHING)), perVector,
                    cmp == null ? "" : cmp.against(),
                    used == null ? "" : Units.bytesDelta(used.delta()) + " (" + Units.percentDelta(used.percent()) + ")",
                    cmp == null || Double.isNaN(cmp.bytesPerVectorDelta()) ? "" : Units.bytes(cmp.bytesPerVectorDelta()),
                    cmp == null || Double.isNaN(cmp.reclaimedPercent()) ? ""
                            : Units.percent(cmp.reclaimedPercent()),
                    CheckpointAnalysis.describePerformance(cmp),
                    c.fragmentation() == null ? "" : c.fragmentation().verdict(), trend(c.trend())));
        }
        return rows;
    }

    private static String trend(CheckpointResult.TrendVerdict t) {
        if (t == null) {
            return "";
        }
        return !CheckpointAnalysis.showsPerHourFit(t) ? t.verdict().spelling() : t.verdict().spelling() + ": "
                + CheckpointAnalysis.describe(t.perVectorPerHour()) + " per vector per hour, memory "
                + CheckpointAnalysis.describe(t.memoryPerHour()) + " per hour";
    }

    private static List<String> latencyHeader() {
        List<String> header = new ArrayList<>(List.of("operation", "step", "count"));
        LatencySpectrum.TABLE.forEach(p -> header.add(LatencyTable.label(p) + " (ms)"));
        header.add("max (ms)");
        return header;
    }

    private static List<List<String>> latencyRows(RunData run) {
        List<List<String>> rows = new ArrayList<>();
        for (String op : run.latencyOperations()) {
            for (Map.Entry<String, Histogram> e : run.latencyByStep(op).entrySet()) {
                List<String> row = new ArrayList<>(List.of(op, e.getKey(), count(e.getValue().getTotalCount())));
                LatencySpectrum.TABLE.forEach(p -> row.add(ms(LatencySpectrum.at(e.getValue(), p))));
                row.add(ms(e.getValue().getMaxValue() / 1000.0));
                rows.add(row);
            }
        }
        return rows;
    }

    private static double max(List<Sample> samples, String col) {
        return samples.stream().filter(s -> s.has(col)).mapToDouble(s -> s.get(col)).max().orElse(Double.NaN);
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** The run's overrides of its scenario (--dataset, --vector-scale, ...) as run.json lists them. */
    private static List<String> overrides(RunInfo info) {
        Object o = info == null || info.options() == null ? null : info.options().get("overrides");
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> list) {
            list.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }

    private static String count(double v) {
        return Double.isNaN(v) ? "" : Units.count(v);
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "" : Units.duration(s);
    }
}
