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

    /**
     * The charts a view shows even when the run holds no data for them, each saying why in its plot: memory,
     * client throughput, query latency and recall are what a user looks for first.
     */
    public static final List<String> ALWAYS_SHOWN = List.of("memory", "throughput", "latency-query", "recall");

    /** What a chart says when its run needs the search module and the server has none. */
    public static final String NO_SEARCH_MODULE = "no search index: the server has no search module";
    /** What the recall chart says when its run has queries but no recall figures. */
    public static final String RECALL_NEEDS = "recall needs verify_results and the search module";
    /** What a chart of the watch's columns says for a run that is no watch. */
    public static final String WATCH_ONLY = "only a watch (vst watch, Run > Watch server) records this";

    private static List<ChartSpec> build() {
        EnumSet<ChartSpec.Source> timeline = EnumSet.of(ChartSpec.Source.TIMELINE, ChartSpec.Source.STEPS,
                ChartSpec.Source.CHECKPOINTS);
        List<ChartSpec> all = new ArrayList<>();
        all.add(new ChartSpec("memory", "Memory over time",
                "used_memory, RSS, dataset, allocator active/resident and search index memory, with steps and "
                        + "checkpoints marked", timeline,
                r -> r.hasColumn(TimelineColumns.USED_MEMORY), runs -> TimeCharts.draw("memory", runs),
                r -> "no memory figures: the server's INFO memory was never read"));
        all.add(new ChartSpec("fragmentation", "Fragmentation ratios",
                "allocator fragmentation (active / allocated) and RSS fragmentation (RSS / used_memory)", timeline,
                r -> r.hasColumn(TimelineColumns.ALLOCATOR_FRAG_RATIO) || r.hasColumn(TimelineColumns.MEM_FRAG_RATIO),
                runs -> TimeCharts.draw("fragmentation", runs),
                r -> "no fragmentation figures: the server reports no allocator or RSS ratio"));
        all.add(new ChartSpec("vectors", "Live vectors and indexed documents",
                "vectors the client holds live, keys in the database and documents in the search index", timeline,
                r -> r.hasColumn(TimelineColumns.LIVE_VECTORS), runs -> TimeCharts.draw("vectors", runs),
                r -> "no vectors: this run wrote none"));
        all.add(new ChartSpec("throughput", "Throughput per operation",
                "operations completed per second, per operation type, over each sampling interval", timeline,
                r -> Recorders.STANDARD.stream().anyMatch(r::hasOperation), runs -> TimeCharts.draw("throughput", runs),
                r -> "no operations in this run"));
        all.add(new ChartSpec("server-throughput", "Server throughput",
                "commands per second the server processed for all its clients (INFO stats), as a watch samples it",
                timeline, r -> r.hasColumn(TimelineColumns.SERVER_OPS), runs -> TimeCharts.draw("server-throughput",
                        runs), r -> WATCH_ONLY));
        all.add(new ChartSpec("server-clients", "Connected clients",
                "clients connected to the server (INFO clients), as a watch samples it", timeline,
                r -> r.hasColumn(TimelineColumns.CONNECTED_CLIENTS), runs -> TimeCharts.draw("server-clients", runs),
                r -> WATCH_ONLY));
        for (String op : Recorders.STANDARD) {
            all.add(new ChartSpec("latency-" + op, "Latency of " + op + " over time",
                    "p50, p99, p99.9 and max latency of " + op + " per sampling interval", timeline,
                    r -> r.hasOperation(op), runs -> TimeCharts.draw("latency-" + op, runs), r -> noOperation(op)));
        }
        all.add(new ChartSpec("latency-query-server", "Query latency: client and server",
                "client p50 / p99 of queries beside the search module's own vector search latency (INFO SEARCH; "
                        + "the module keeps one histogram since it started)", timeline,
                r -> r.hasOperation("query") && (r.hasColumn(TimelineColumns.SEARCH_HNSW_P50)
                        || r.hasColumn(TimelineColumns.SEARCH_FLAT_P99)), runs -> TimeCharts.draw("latency-query-server", runs),
                r -> !r.hasOperation("query") ? noOperation("query") : searchModule(r) == Boolean.FALSE
                        ? NO_SEARCH_MODULE : "the search module reported no search latency (INFO SEARCH)"));
        for (String op : Recorders.STANDARD) {
            all.add(new ChartSpec("spectrum-" + op, "Latency percentile spectrum of " + op,
                    "latency by percentile for each step, from latency/" + op + ".hlog",
                    EnumSet.of(ChartSpec.Source.LATENCY_LOG),
                    r -> !r.latencyByStep(op).isEmpty(), runs -> SpectrumChart.create(runs, op),
                    r -> r.hasOperation(op) ? "no latency log (latency/" + op + ".hlog)" : noOperation(op)));
        }
        all.add(new ChartSpec("recall", "Recall over time", "mean recall@k of the queries answered in each interval",
                timeline, r -> r.hasColumn(TimelineColumns.RECALL), runs -> TimeCharts.draw("recall", runs),
                r -> searchModule(r) == Boolean.FALSE ? NO_SEARCH_MODULE
                        : r.hasOperation("query") || searchModule(r) == null ? RECALL_NEEDS : noOperation("query")));
        all.add(new ChartSpec("memory-per-vector", "Memory per vector at each checkpoint",
                "bytes per live vector against the empty server, split into keyspace data, server overhead and "
                        + "search index where known", EnumSet.of(ChartSpec.Source.CHECKPOINTS),
                r -> r.checkpoints().stream().anyMatch(c -> c.perVector() != null), PerVectorChart::create,
                r -> r.checkpoints().isEmpty() ? "no checkpoints in this run"
                        : "no checkpoint held live vectors to divide memory by"));
        return Collections.unmodifiableList(all);
    }

    /** "no queries in this run", "no ingest in this run", ... */
    static String noOperation(String op) {
        String what = switch (op) {
            case "query" -> "queries";
            case "update" -> "updates";
            case "delete" -> "deletes";
            default -> op;
        };
        return "no " + what + " in this run";
    }

    /**
     * Whether the run's server has the search module: TRUE or FALSE as run.json's server modules say (or
     * search figures in the timeline show), {@code null} when the run does not tell (a live view before its
     * run.json).
     */
    static Boolean searchModule(RunData run) {
        if (run.hasColumn(TimelineColumns.SEARCH_MEMORY) || run.hasColumn(TimelineColumns.SEARCH_NUM_DOCS)) {
            return Boolean.TRUE;
        }
        if (run.info() == null || run.info().server() == null) {
            return null;
        }
        Object modules = run.info().server().get("modules");
        if (modules instanceof java.util.Map<?, ?> m) {
            return m.containsKey("search");
        }
        return modules == null ? Boolean.FALSE : null;
    }

    static String legend(List<RunData> runs, int runIndex, String series) {
        if (runs.size() < 2) {
            return series;
        }
        String label = runs.get(runIndex).label();
        return (label.isEmpty() ? String.format(Locale.ROOT, "run %d", runIndex + 1) : label) + ": " + series;
    }
}
