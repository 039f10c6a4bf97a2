package io.vst.report;

import io.vst.metrics.Recorders;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every chart vst draws, shared by the reports and the workbench. Each entry builds a fresh
 * {@code JFreeChart} from a {@link RunData}, so a live view can redraw as samples arrive and a report
 * can render the same charts from a run directory.
 *
 * <pre>{@code
 * RunData run = RunDataReader.read(Path.of("runs/20261127T101500Z_quickstart"));
 * for (ChartSpec spec : ChartCatalog.available(run)) {
 *     ChartImages.writePng(spec.create(run), Path.of("charts", spec.id() + ".png"), 1600, 900);
 * }
 * }</pre>
 */
public final class ChartCatalog {

    private static final List<ChartSpec> ALL = build();

    private ChartCatalog() {
    }

    /** Every chart, in report order. */
    public static List<ChartSpec> all() {
        return ALL;
    }

    /** The charts {@code run} holds data for, in report order. */
    public static List<ChartSpec> available(RunData run) {
        return ALL.stream().filter(c -> c.hasData(run)).toList();
    }

    /** The chart with this id, if any. */
    public static Optional<ChartSpec> find(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The chart with this id; throws IllegalArgumentException for an unknown id. */
    public static ChartSpec get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no chart '" + id + "'"));
    }

    private static List<ChartSpec> build() {
        EnumSet<ChartSpec.Source> timeline = EnumSet.of(ChartSpec.Source.TIMELINE, ChartSpec.Source.STEPS,
                ChartSpec.Source.CHECKPOINTS);
        List<ChartSpec> all = new ArrayList<>();
        all.add(new ChartSpec("memory", "Memory over time",
                "used_memory, RSS, dataset, allocator active/resident and search index memory, with steps and "
                        + "checkpoints marked", timeline,
                r -> r.hasColumn(TimelineColumns.USED_MEMORY), runs -> TimeCharts.draw("memory", runs)));
        all.add(new ChartSpec("fragmentation", "Fragmentation ratios",
                "allocator fragmentation (active / allocated) and RSS fragmentation (RSS / used_memory)", timeline,
                r -> r.hasColumn(TimelineColumns.ALLOCATOR_FRAG_RATIO) || r.hasColumn(TimelineColumns.MEM_FRAG_RATIO),
                runs -> TimeCharts.draw("fragmentation", runs)));
        all.add(new ChartSpec("vectors", "Live vectors and indexed documents",
                "vectors the client holds live, keys in the database and documents in the search index", timeline,
                r -> r.hasColumn(TimelineColumns.LIVE_VECTORS), runs -> TimeCharts.draw("vectors", runs)));
        all.add(new ChartSpec("throughput", "Throughput per operation",
                "operations completed per second, per operation type, over each sampling interval", timeline,
                r -> Recorders.STANDARD.stream().anyMatch(r::hasOperation), runs -> TimeCharts.draw("throughput", runs)));
        for (String op : Recorders.STANDARD) {
            all.add(new ChartSpec("latency-" + op, "Latency of " + op + " over time",
                    "p50, p99, p99.9 and max latency of " + op + " per sampling interval", timeline,
                    r -> r.hasOperation(op), runs -> TimeCharts.draw("latency-" + op, runs)));
        }
        all.add(new ChartSpec("latency-query-server", "Query latency: client and server",
                "client p50 / p99 of queries beside the search module's own vector search latency (INFO SEARCH; "
                        + "the module keeps one histogram since it started)", timeline,
                r -> r.hasOperation("query") && (r.hasColumn(TimelineColumns.SEARCH_HNSW_P50)
                        || r.hasColumn(TimelineColumns.SEARCH_FLAT_P99)), runs -> TimeCharts.draw("latency-query-server", runs)));
        for (String op : Recorders.STANDARD) {
            all.add(new ChartSpec("spectrum-" + op, "Latency percentile spectrum of " + op,
                    "latency by percentile for each step, from latency/" + op + ".hlog",
                    EnumSet.of(ChartSpec.Source.LATENCY_LOG),
                    r -> !r.latencyByStep(op).isEmpty(), runs -> SpectrumChart.create(runs, op)));
        }
        all.add(new ChartSpec("recall", "Recall over time", "mean recall@k of the queries answered in each interval",
                timeline, r -> r.hasColumn(TimelineColumns.RECALL), runs -> TimeCharts.draw("recall", runs)));
        all.add(new ChartSpec("memory-per-vector", "Memory per vector at each checkpoint",
                "bytes per live vector against the empty server, split into keyspace data, server overhead and "
                        + "search index where known", EnumSet.of(ChartSpec.Source.CHECKPOINTS),
                r -> r.checkpoints().stream().anyMatch(c -> c.perVector() != null), PerVectorChart::create));
        return Collections.unmodifiableList(all);
    }

    static String legend(List<RunData> runs, int runIndex, String series) {
        if (runs.size() < 2) {
            return series;
        }
        String label = runs.get(runIndex).label();
        return (label.isEmpty() ? String.format(Locale.ROOT, "run %d", runIndex + 1) : label) + ": " + series;
    }
}
