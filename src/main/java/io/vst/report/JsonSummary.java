package io.vst.report;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.LinearFit;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import io.vst.rundir.RunInfo;
import io.vst.rundir.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code summary.json}: the run in a shape for machines (CI gates, dashboards). Units are in the key
 * names; an unknown figure is {@code null}. The {@code schema} field names the shape's version.
 */
public final class JsonSummary {

    /** Version of the summary's shape; bumped when a field changes meaning or disappears. */
    public static final String SCHEMA = "vst-report-summary/1";

    private JsonSummary() {
    }

    /** The summary as nested maps and lists, ready for {@link io.vst.rundir.Json#mapper()}. */
    public static Map<String, Object> of(RunData run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("schema", SCHEMA);
        RunInfo info = run.info();
        Map<String, Object> r = new LinkedHashMap<>();
        if (info != null) {
            r.put("scenario", info.scenario());
            r.put("scenario_source", info.scenarioSource());
            r.put("tool", info.tool());
            r.put("outcome", info.outcome().spelling());
            r.put("message", info.message());
            r.put("started_at", text(info.startedAt()));
            r.put("ended_at", text(info.endedAt()));
            r.put("duration_s", info.endedAt() == null ? null
                    : Duration.between(info.startedAt(), info.endedAt()).toMillis() / 1000.0);
            r.put("server", info.server());
            r.put("embedded_server", info.embeddedServer());
            r.put("options", info.options());
        }
        out.put("run", r);
        out.put("peaks", peaks(run.samples()));
        out.put("steps", steps(run.steps()));
        out.put("checkpoints", checkpoints(run.checkpoints()));
        out.put("latency", latency(run));
        out.put("charts", ChartCatalog.available(run).stream().map(ChartSpec::id).toList());
        return out;
    }

    private static Map<String, Object> peaks(List<Sample> samples) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String col : List.of(TimelineColumns.USED_MEMORY, TimelineColumns.USED_MEMORY_RSS,
                TimelineColumns.PROCESS_RSS, TimelineColumns.SEARCH_MEMORY, TimelineColumns.LIVE_VECTORS,
                TimelineColumns.MEM_FRAG_RATIO, TimelineColumns.ALLOCATOR_FRAG_RATIO)) {
            double max = Double.NaN;
            for (Sample s : samples) {
                if (s.has(col) && !(s.get(col) <= max)) {
                    max = s.get(col);
                }
            }
            out.put("max_" + col, max);
        }
        out.put("samples", samples.size());
        return out;
    }

    private static List<Object> steps(List<StepRecord> steps) {
        List<Object> out = new ArrayList<>();
        for (StepRecord s : steps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("type", s.type());
            m.put("workload", s.workload());
            m.put("status", s.status().spelling());
            m.put("started_at", text(s.startedAt()));
            m.put("duration_s", s.durationSeconds());
            m.put("operations", s.operations());
            m.put("errors", s.errors());
            m.put("ops_per_s", s.operationsPerSecond());
            m.put("live_vectors_after", s.liveVectorsAfter());
            m.put("time_to_searchable_s", s.timeToSearchableSeconds());
            m.put("recall", s.recall());
            Map<String, Object> lat = new LinkedHashMap<>();
            s.latency().forEach((op, l) -> lat.put(op, ordered("count", l.count(), "p50_ms", l.p50Ms(),
                    "p99_ms", l.p99Ms(), "p999_ms", l.p999Ms(), "max_ms", l.maxMs())));
            m.put("latency", lat);
            m.put("detail", s.detail());
            out.add(m);
        }
        return out;
    }

    private static List<Object> checkpoints(List<CheckpointResult> checkpoints) {
        List<Object> out = new ArrayList<>();
        for (CheckpointResult c : checkpoints) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("tag", c.tag());
            m.put("time", text(c.time()));
            m.put("elapsed_s", c.elapsedSeconds());
            m.put("live_vectors", c.liveVectors());
            m.put("used_memory_bytes", CsvExports.figure(c.figures(), TimelineColumns.USED_MEMORY));
            m.put("used_memory_rss_bytes", CsvExports.figure(c.figures(), TimelineColumns.USED_MEMORY_RSS));
            m.put("search_used_memory_bytes", CsvExports.figure(c.figures(), TimelineColumns.SEARCH_MEMORY));
            // Excluded from per_vector_bytes: they grow with n_clients, not with the vectors.
            m.put("client_buffers_bytes", CsvExports.figure(c.figures(), TimelineColumns.MEM_CLIENTS_NORMAL));
            // Also excluded: the old key table of a rehash in progress, freed when the rehash ends.
            m.put("rehash_table_bytes", CsvExports.figure(c.figures(), TimelineColumns.HASHTABLE_REHASHING));
            m.put("work_before", c.performance());
            CheckpointResult.PerVector pv = c.perVector();
            m.put("per_vector_bytes", pv == null ? null : ordered("total", pv.totalBytes(),
                    "keyspace", pv.keyspaceBytes(), "index", pv.indexBytes()));
            CheckpointResult.Comparison cmp = c.comparison();
            if (cmp != null) {
                Map<String, Object> deltas = new LinkedHashMap<>();
                cmp.deltas().forEach((k, d) -> deltas.put(k, ordered("before", d.before(), "after", d.after(),
                        "delta", d.delta(), "percent", d.percent())));
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("against", cmp.against());
                cm.put("bytes_per_vector_delta", cmp.bytesPerVectorDelta());
                cm.put("reclaimed_percent", cmp.reclaimedPercent());
                cm.put("deltas", deltas);
                Map<String, Object> perf = new LinkedHashMap<>();
                if (cmp.performance() != null) {
                    cmp.performance().forEach((k, d) -> perf.put(k, ordered("before", d.before(), "after", d.after(),
                            "delta", d.delta(), "percent", d.percent())));
                }
                cm.put("work_deltas", perf);
                m.put("comparison", cm);
            }
            if (c.fragmentation() != null) {
                CheckpointResult.Fragmentation f = c.fragmentation();
                Map<String, Object> fm = ordered("allocator_frag_ratio", f.allocatorFragRatio(),
                        "rss_frag_ratio", f.rssFragRatio(), "verdict", f.verdict());
                fm.put("rss_frag_bytes", f.rssFragBytes());
                fm.put("allocator_retained_bytes", f.allocatorRetainedBytes());
                fm.put("outside_allocator_bytes", f.outsideAllocatorBytes());
                m.put("fragmentation", fm);
            }
            if (c.trend() != null) {
                Map<String, Object> tm = ordered("verdict", c.trend().verdict().spelling(), "growth_percent",
                        c.trend().growthPercent(), "explanation", c.trend().explanation());
                tm.put("memory_bytes_per_hour", fit(c.trend().memoryPerHour()));
                tm.put("per_vector_bytes_per_hour", fit(c.trend().perVectorPerHour()));
                m.put("trend", tm);
            }
            m.put("notes", c.notes());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> latency(RunData run) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String op : run.latencyOperations()) {
            Map<String, Object> bySteps = new LinkedHashMap<>();
            for (Map.Entry<String, Histogram> e : run.latencyByStep(op).entrySet()) {
                Histogram h = e.getValue();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("count", h.getTotalCount());
                for (double p : LatencySpectrum.TABLE) {
                    m.put(LatencyTable.column(p), LatencySpectrum.at(h, p));
                }
                m.put("max_ms", h.getMaxValue() / 1000.0);
                m.put("mean_ms", h.getMean() / 1000.0);
                bySteps.put(e.getKey(), m);
            }
            out.put(op, bySteps);
        }
        return out;
    }

    /** A map in the order given (Map.of's order changes from one JVM to the next; golden files need one). */
    /** A least-squares fit: slope (per hour), intercept, R², slope standard error, points; null stays null. */
    private static Map<String, Object> fit(LinearFit f) {
        return f == null ? null : ordered("slope", f.slope(), "intercept", f.intercept(), "r_squared", f.rSquared(),
                "slope_std_error", f.slopeStdError(), "points", f.points());
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
