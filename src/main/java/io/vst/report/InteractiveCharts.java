package io.vst.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vst.VstException;
import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.rundir.Json;
import io.vst.rundir.RunData;
import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * The interactive charts of report.html and compare.html: the figures as JSON in the page, drawn by
 * uPlot (read from its webjar on the classpath and inlined) and {@code vst-charts.js}. Every time chart
 * shares one time axis and cursor; compared runs are drawn on the baseline's axis, aligned step by step
 * ({@link StepAlignment}). Each series holds every timeline row that has its figure, none thinned out.
 */
final class InteractiveCharts {

    private static final String WEBJAR = "/META-INF/resources/webjars/uplot/";
    private static final String SCRIPT = "/io/vst/report/vst-charts.js";
    private static final String STYLE = "/io/vst/report/vst-charts.css";

    private InteractiveCharts() {
    }

    /** The figures the page draws. */
    record Page(List<Run> runs, List<Step> steps, List<Mark> checkpoints, List<Chart> charts) {
    }

    /** One run's timeline: elapsed seconds on the baseline's axis and the columns the charts draw. */
    record Run(String label, List<Number> t, Map<String, List<Number>> cols) {
    }

    record Step(String name, double start, double end, boolean checkpoint) {
    }

    record Mark(String name, double t) {
    }

    /**
     * One chart.
     *
     * @param kind "time" (elapsed seconds, synchronized) or "spectrum" (percentile, log axis)
     * @param unit how values read on hover: bytes, ms, ops/s, recall, count or ratio
     */
    record Chart(String id, String title, String description, String kind, String unit, String yLabel, Double yMax,
                 boolean points, List<Series> series) {
    }

    /** A line: a timeline column of a run (divided by {@code div}), or its own points {@code x}, {@code y}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Series(String label, String color, int run, String column, Double div, List<Double> x, List<Double> y) {
    }

    /** The CSS the charts need (uPlot's and vst's), for the page head. */
    static String style() {
        return resource(WEBJAR + version() + "/dist/uPlot.min.css") + "\n" + resource(STYLE);
    }

    /** Writes the charts of {@code runs} (baseline first): their place, the data, uPlot and the script. */
    static void write(Html h, List<RunData> runs) {
        Page page = page(runs);
        if (page.charts().isEmpty()) {
            h.note("No charts: the run recorded no figures yet.");
            return;
        }
        h.note("Drag across a chart to zoom all time charts; Shift+drag pans, Ctrl+wheel zooms, double-click "
                + "resets. Click a legend entry to hide or show its line; hover to read values.");
        h.raw("<p><button type=\"button\" id=\"vst-reset-zoom\">Show the whole run</button></p>\n");
        h.raw("<div id=\"vst-charts\"></div>\n");
        h.raw("<script type=\"application/json\" id=\"vst-chart-data\">").raw(json(page)).raw("</script>\n");
        h.raw("<script>\n").raw(resource(WEBJAR + version() + "/dist/uPlot.iife.min.js")).raw("\n</script>\n");
        h.raw("<script>\n").raw(resource(SCRIPT)).raw("\n</script>\n");
    }

    static Page page(List<RunData> runs) {
        RunData base = runs.get(0);
        List<StepAlignment> maps = new ArrayList<>();
        List<Set<String>> columns = new ArrayList<>();
        for (RunData r : runs) {
            maps.add(r == base ? StepAlignment.identity() : StepAlignment.of(base, r));
            columns.add(new LinkedHashSet<>());
        }
        List<Chart> charts = new ArrayList<>();
        for (ChartSpec spec : ChartCatalog.all()) {
            if (runs.stream().noneMatch(spec::hasData)) {
                continue;
            }
            TimeCharts.Definition d = TimeCharts.definition(spec.id(), runs);
            if (d != null) {
                charts.add(timeChart(spec, d, runs, columns));
            } else if (spec.id().startsWith("spectrum-")) {
                charts.add(spectrum(spec, runs, spec.id().substring("spectrum-".length())));
            } else if ("memory-per-vector".equals(spec.id())) {
                charts.add(perVector(spec, runs, maps));
            }
        }
        List<Run> timelines = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            List<Sample> samples = runs.get(r).samples();
            StepAlignment map = maps.get(r);
            Map<String, List<Number>> cols = new LinkedHashMap<>();
            for (String c : columns.get(r)) {
                cols.put(c, values(samples, s -> s.get(c)));
            }
            timelines.add(new Run(runs.get(r).label(), values(samples, s -> map.map(s.elapsedSeconds())), cols));
        }
        List<Step> steps = base.stepSpans().stream()
                .map(s -> new Step(s.name(), s.startSeconds(), s.endSeconds(), s.isCheckpoint())).toList();
        List<Mark> marks = base.checkpoints().stream().map(c -> new Mark(c.name(), c.elapsedSeconds())).toList();
        return new Page(timelines, steps, marks, charts);
    }

    private static Chart timeChart(ChartSpec spec, TimeCharts.Definition d, List<RunData> runs,
                                   List<Set<String>> columns) {
        List<Series> series = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            for (TimeCharts.Line line : d.lines()) {
                if (runs.get(r).hasColumn(line.column())) {
                    columns.get(r).add(line.column());
                    series.add(new Series(ChartCatalog.legend(runs, r, line.name()),
                            hex(ChartStyle.color(line.colorKey())), r, line.column(), line.divisor(), null, null));
                }
            }
        }
        // Bytes ticks carry their unit (KiB, MiB...), so the axis label needs none.
        return new Chart(spec.id(), d.title(), spec.description(), "time", d.unit(), d.yLabel(),
                Double.isNaN(d.yMax()) ? null : d.yMax(), false, series);
    }

    private static Chart spectrum(ChartSpec spec, List<RunData> runs, String op) {
        List<Series> series = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            int stepIndex = 0;
            for (Map.Entry<String, Histogram> e : runs.get(r).latencyByStep(op).entrySet()) {
                String step = e.getKey().isEmpty() ? "(between steps)" : e.getKey();
                List<LatencySpectrum.Point> points = LatencySpectrum.of(e.getValue());
                series.add(new Series(ChartCatalog.legend(runs, r, String.format(Locale.ROOT, "%s (n=%,d)", step,
                        e.getValue().getTotalCount())), hex(ChartStyle.cycle(stepIndex++)), r, null, null,
                        points.stream().map(LatencySpectrum.Point::inverseTail).toList(),
                        points.stream().map(LatencySpectrum.Point::millis).toList()));
            }
        }
        return new Chart(spec.id(), spec.title(), spec.description(), "spectrum", TimeCharts.MS, "latency (ms)", null,
                false, series);
    }

    /** Bytes per vector at each checkpoint, one point per checkpoint at its time, by where the bytes go. */
    private static Chart perVector(ChartSpec spec, List<RunData> runs, List<StepAlignment> maps) {
        List<Series> series = new ArrayList<>();
        record Part(String name, String color, ToDoubleFunction<PerVectorChart.Split> value) {
        }
        List<Part> parts = List.of(new Part(PerVectorChart.KEYSPACE, "keyspace", PerVectorChart.Split::keyspaceData),
                new Part(PerVectorChart.OVERHEAD, "overhead", PerVectorChart.Split::keyspaceOverhead),
                new Part(PerVectorChart.INDEX, "index", PerVectorChart.Split::index),
                new Part(PerVectorChart.UNSPLIT, "total", PerVectorChart.Split::unsplit));
        for (int r = 0; r < runs.size(); r++) {
            RunData run = runs.get(r);
            for (Part part : parts) {
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (CheckpointResult c : run.checkpoints()) {
                    PerVectorChart.Split s = PerVectorChart.split(c, PerVectorChart.baseline(run));
                    if (s != null && !Double.isNaN(part.value().applyAsDouble(s))) {
                        x.add(maps.get(r).map(c.elapsedSeconds()));
                        y.add(part.value().applyAsDouble(s));
                    }
                }
                if (!x.isEmpty()) {
                    series.add(new Series(ChartCatalog.legend(runs, r, part.name()), hex(ChartStyle.color(part.color())),
                            r, null, null, x, y));
                }
            }
        }
        return new Chart(spec.id(), spec.title(), spec.description() + " (one point per checkpoint, at its time)",
                "time", TimeCharts.BYTES, "bytes per live vector", null, true, series);
    }

    /** The figures, exact; a whole number is written without ".0" (most are byte counts), an unread one as null. */
    private static List<Number> values(List<Sample> samples, ToDoubleFunction<Sample> f) {
        List<Number> out = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            double v = f.applyAsDouble(s);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                out.add(null);
            } else if (v == Math.rint(v) && Math.abs(v) < 0x1p53) {
                out.add((long) v);
            } else {
                out.add(v);
            }
        }
        return out;
    }

    /** The page's data as JSON that cannot end its script element ({@code <} is escaped). */
    static String json(Page page) {
        try {
            return Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(page)
                    .replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw VstException.runtime("cannot write the chart data: " + e.getMessage(), e);
        }
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** The uPlot webjar's version, as its Maven metadata on the classpath says. */
    private static String version() {
        Properties p = new Properties();
        try (InputStream in = InteractiveCharts.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                throw VstException.runtime("the chart library (org.webjars.npm:uplot) is not on the classpath", null);
            }
            p.load(in);
        } catch (IOException e) {
            throw VstException.runtime("cannot read the chart library's version: " + e.getMessage(), e);
        }
        return p.getProperty("version");
    }

    private static String resource(String name) {
        try (InputStream in = InteractiveCharts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw VstException.runtime("missing resource " + name + " (a broken build)", null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VstException.runtime("cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
