package io.vst.report;

import static io.vst.units.Units.cell;

import io.vst.metrics.CheckpointAnalysis;
import io.vst.metrics.CheckpointResult;
import io.vst.metrics.LinearFit;
import io.vst.metrics.Recorders;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import io.vst.rundir.StepRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV files of a report, as text: RFC 4180 quoting, {@code \n} line ends, Locale.ROOT numbers, every
 * column name ending in its unit ({@code _bytes}, {@code _ms}, {@code _s}, {@code _percent}...).
 */
public final class CsvExports {

    /** File names under the report's {@code csv/} folder. */
    public static final String TIMELINE = "timeline.csv";
    public static final String STEPS = "steps.csv";
    public static final String CHECKPOINTS = "checkpoints.csv";
    public static final String LATENCY = "latency_percentiles.csv";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private CsvExports() {
    }

    /** One row per sample: the run directory's timeline columns. */
    public static String timeline(RunData run) {
        List<String> header = new ArrayList<>(List.of("timestamp_utc", "elapsed_s", "step"));
        header.addAll(TimelineColumns.all());
        List<List<?>> rows = new ArrayList<>();
        for (Sample s : run.samples()) {
            List<Object> row = new ArrayList<>(List.of(s.time().toString(), cell(s.elapsedSeconds()), s.step()));
            for (String col : TimelineColumns.all()) {
                row.add(cell(s.get(col)));
            }
            rows.add(row);
        }
        return csv(header, rows);
    }

    /** One row per step, with the latency of each operation the run performed in its own columns. */
    public static String steps(RunData run) {
        List<StepRecord> steps = run.steps();
        Set<String> ops = new LinkedHashSet<>(Recorders.STANDARD);
        steps.forEach(s -> ops.addAll(s.latency().keySet()));
        ops.removeIf(op -> steps.stream().noneMatch(s -> s.latency().containsKey(op)));
        List<String> header = new ArrayList<>(List.of("name", "type", "workload", "status", "started_at_utc",
                "ended_at_utc", "duration_s", "operations", "errors", "ops_per_s", "live_vectors_after",
                "time_to_searchable_s", "recall"));
        for (String op : ops) {
            header.addAll(List.of(op + "_count", op + "_p50_ms", op + "_p99_ms", op + "_p999_ms", op + "_max_ms"));
        }
        header.add("detail");
        List<List<?>> rows = new ArrayList<>();
        for (StepRecord s : steps) {
            List<Object> row = new ArrayList<>(List.of(s.name(), s.type(), s.workload(), s.status().spelling(),
                    s.startedAt().toString(), s.endedAt().toString(), cell(s.durationSeconds()), s.operations(),
                    s.errors(), cell(s.operationsPerSecond()), s.liveVectorsAfter(), cell(s.timeToSearchableSeconds()),
                    cell(s.recall())));
            for (String op : ops) {
                StepRecord.LatencySummary l = s.latency().get(op);
                if (l == null) {
                    row.addAll(List.of("", "", "", "", ""));
                } else {
                    row.addAll(List.of(l.count(), cell(l.p50Ms()), cell(l.p99Ms()), cell(l.p999Ms()), cell(l.maxMs())));
                }
            }
            row.add(s.detail() == null ? "" : s.detail());
            rows.add(row);
        }
        return csv(header, rows);
    }

    /** One row per checkpoint: figures, memory per vector, deltas against {@code compare_with}, verdicts. */
    public static String checkpoints(RunData run) {
        List<String> header = new ArrayList<>(List.of("name", "tag", "time_utc", "elapsed_s", "live_vectors",
                "purged"));
        header.addAll(CheckpointAnalysis.COMPARED);
        header.addAll(List.of("per_vector_total_bytes", "per_vector_keyspace_bytes", "per_vector_index_bytes",
                "compared_with"));
        for (String col : CheckpointAnalysis.COMPARED) {
            header.add("delta_" + col);
            header.add("delta_percent_" + col);
        }
        header.addAll(List.of("delta_bytes_per_vector", "reclaimed_percent"));
        // The work before each checkpoint (PerformanceWindow) and its deltas against compare_with.
        for (String col : CheckpointAnalysis.COMPARED_PERFORMANCE) {
            header.add("work_" + col);
        }
        for (String col : CheckpointAnalysis.COMPARED_PERFORMANCE) {
            header.add("delta_work_" + col);
            header.add("delta_percent_work_" + col);
        }
        header.addAll(List.of("allocator_frag_ratio_checked",
                "allocator_frag_bytes", "rss_frag_ratio", "rss_frag_bytes", "allocator_retained_bytes",
                "outside_allocator_bytes", "fragmentation_verdict", "trend_verdict", "trend_growth_percent",
                "trend_memory_bytes_per_hour", "trend_memory_r2", "trend_per_vector_bytes_per_hour",
                "trend_per_vector_slope_stderr_bytes", "trend_per_vector_r2", "trend_explanation", "notes"));
        List<List<?>> rows = new ArrayList<>();
        for (CheckpointResult c : run.checkpoints()) {
            List<Object> row = new ArrayList<>(List.of(c.name(), c.tag() == null ? "" : c.tag(), c.time().toString(),
                    cell(c.elapsedSeconds()), c.liveVectors(), c.purged()));
            for (String col : CheckpointAnalysis.COMPARED) {
                row.add(cell(figure(c.figures(), col)));
            }
            CheckpointResult.PerVector pv = c.perVector();
            row.add(pv == null ? "" : cell(pv.totalBytes()));
            row.add(pv == null ? "" : cell(pv.keyspaceBytes()));
            row.add(pv == null ? "" : cell(pv.indexBytes()));
            CheckpointResult.Comparison cmp = c.comparison();
            row.add(cmp == null ? "" : cmp.against());
            for (String col : CheckpointAnalysis.COMPARED) {
                CheckpointResult.Delta d = cmp == null ? null : cmp.deltas().get(col);
                row.add(d == null ? "" : cell(d.delta()));
                row.add(d == null ? "" : cell(d.percent()));
            }
            row.add(cmp == null ? "" : cell(cmp.bytesPerVectorDelta()));
            row.add(cmp == null ? "" : cell(cmp.reclaimedPercent()));
            for (String col : CheckpointAnalysis.COMPARED_PERFORMANCE) {
                row.add(c.performance() == null ? "" : cell(figure(c.performance(), col)));
            }
            for (String col : CheckpointAnalysis.COMPARED_PERFORMANCE) {
                CheckpointResult.Delta d = cmp == null || cmp.performance() == null ? null : cmp.performance().get(col);
                row.add(d == null ? "" : cell(d.delta()));
                row.add(d == null ? "" : cell(d.percent()));
            }
            CheckpointResult.Fragmentation f = c.fragmentation();
            row.addAll(f == null ? List.of("", "", "", "", "", "", "") : List.of(cell(f.allocatorFragRatio()),
                    cell(f.allocatorFragBytes()), cell(f.rssFragRatio()), cell(f.rssFragBytes()),
                    cell(f.allocatorRetainedBytes()), cell(f.outsideAllocatorBytes()), f.verdict()));
            CheckpointResult.TrendVerdict t = c.trend();
            LinearFit mem = t == null ? null : t.memoryPerHour();
            LinearFit per = t == null ? null : t.perVectorPerHour();
            row.addAll(t == null ? List.of("", "") : List.of(t.verdict().spelling(), cell(t.growthPercent())));
            row.addAll(mem == null ? List.of("", "") : List.of(cell(mem.slope()), cell(mem.rSquared())));
            row.addAll(per == null ? List.of("", "", "") : List.of(cell(per.slope()), cell(per.slopeStdError()),
                    cell(per.rSquared())));
            row.add(t == null ? "" : t.explanation());
            row.add(c.notes() == null ? "" : String.join("; ", c.notes()));
            rows.add(row);
        }
        return csv(header, rows);
    }

    /** One row per operation and step, from the .hlog files: count, percentiles, max and mean. */
    public static String latencyPercentiles(RunData run) {
        List<String> header = new ArrayList<>(List.of("operation", "step", "count"));
        for (double p : LatencySpectrum.TABLE) {
            header.add(LatencyTable.column(p));
        }
        header.addAll(List.of("max_ms", "mean_ms"));
        List<List<?>> rows = new ArrayList<>();
        for (String op : run.latencyOperations()) {
            for (Map.Entry<String, Histogram> e : run.latencyByStep(op).entrySet()) {
                Histogram h = e.getValue();
                List<Object> row = new ArrayList<>(List.of(op, e.getKey(), h.getTotalCount()));
                for (double p : LatencySpectrum.TABLE) {
                    row.add(cell(LatencySpectrum.at(h, p)));
                }
                row.add(cell(h.getMaxValue() / 1000.0));
                row.add(cell(h.getMean() / 1000.0));
                rows.add(row);
            }
        }
        return csv(header, rows);
    }

    static double figure(Map<String, Double> figures, String col) {
        Double v = figures == null ? null : figures.get(col);
        return v == null ? Double.NaN : v;
    }

    private static String csv(List<String> header, List<List<?>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, FORMAT)) {
            p.printRecord(header);
            for (List<?> row : rows) {
                p.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
