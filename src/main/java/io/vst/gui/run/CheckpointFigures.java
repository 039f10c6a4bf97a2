package io.vst.gui.run;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.TimelineColumns;
import io.vst.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checkpoint inspector's rows: verdicts first, then the snapshot, memory per vector, the comparison and
 * every server figure, each with its unit. Bytes, counts, durations and percentages are written by
 * {@link Units}, as in report.html, so both show the same figure alike; a figure that is absent shows
 * {@value #ABSENT} with the reason, never NaN. Any thread.
 */
public final class CheckpointFigures {

    /** Shown in place of a figure that does not exist, before the reason. */
    public static final String ABSENT = "—";

    /** One line of the inspector: a section, the figure's name and its formatted value. */
    public record Row(String section, String figure, String value) {
    }

    private CheckpointFigures() {
    }

    /** The inspector's rows for {@code cp}, verdicts first. Any thread. */
    public static List<Row> of(CheckpointResult cp) {
        List<Row> out = new ArrayList<>();
        if (cp.trend() != null) {
            out.add(new Row("Verdict", "memory trend", cp.trend().verdict() + ": " + cp.trend().explanation()));
        }
        if (cp.fragmentation() != null) {
            out.add(new Row("Verdict", "fragmentation", cp.fragmentation().verdict()));
        }
        cp.notes().forEach(n -> out.add(new Row("Verdict", "note", n)));
        out.add(new Row("Checkpoint", "time (UTC)", String.valueOf(cp.time())));
        out.add(new Row("Checkpoint", "elapsed", Units.duration(cp.elapsedSeconds())));
        out.add(new Row("Checkpoint", "live vectors", Units.count(cp.liveVectors())));
        out.add(new Row("Checkpoint", "MEMORY PURGE first", cp.purged() ? "yes" : "no"));
        perVector(cp, out);
        comparison(cp.comparison(), out);
        // In timeline.csv's column order, whatever order the map has; figures outside that list come last.
        List<Map.Entry<String, Double>> figures = new ArrayList<>(cp.figures().entrySet());
        List<String> order = TimelineColumns.all();
        figures.sort(java.util.Comparator.comparingInt((Map.Entry<String, Double> e) -> {
            int i = order.indexOf(e.getKey());
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, Double> e : figures) {
            out.add(new Row("Server", e.getKey(), figure(e.getKey(), e.getValue())));
        }
        return out;
    }

    private static void perVector(CheckpointResult cp, List<Row> out) {
        CheckpointResult.PerVector pv = cp.perVector();
        if (pv == null) {
            out.add(new Row("Per vector", "total", ABSENT + " (no live vectors)"));
            return;
        }
        String noIndex = ABSENT + " (the server reports no index memory: no search module)";
        out.add(new Row("Per vector", "total", bytes(pv.totalBytes(), ABSENT + " (no baseline)")));
        out.add(new Row("Per vector", "keyspace", bytes(pv.keyspaceBytes(), noIndex)));
        out.add(new Row("Per vector", "index", bytes(pv.indexBytes(), noIndex)));
    }

    private static void comparison(CheckpointResult.Comparison c, List<Row> out) {
        if (c == null) {
            return;
        }
        String section = "Compared with " + c.against();
        out.add(new Row(section, "bytes per vector added or removed",
                bytes(c.bytesPerVectorDelta(), ABSENT + " (the live vector count did not change)")));
        out.add(new Row(section, "memory reclaimed", Double.isNaN(c.reclaimedPercent())
                ? ABSENT + " (no vectors were removed)" : Units.percent(c.reclaimedPercent())));
        c.deltas().forEach((k, d) -> out.add(new Row(section, k, figure(k, d.before()) + " → " + figure(k, d.after())
                + (Double.isNaN(d.percent()) ? "" : " (" + Units.percentDelta(d.percent()) + ")"))));
    }

    /** A figure of the timeline in its unit, read from the column's name. Any thread. */
    public static String figure(String column, Double value) {
        if (value == null || value.isNaN()) {
            return ABSENT + " (not reported by the server)";
        }
        double v = value;
        if (column.endsWith("_bytes")) {
            return Units.bytes(v);
        }
        if (column.endsWith("_ratio")) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        if (column.endsWith("_percent")) {
            return Units.percent(v);
        }
        if (column.endsWith("_us")) {
            return String.format(Locale.ROOT, "%,.0f µs", v);
        }
        if (column.endsWith("_ms")) {
            return String.format(Locale.ROOT, "%.3f ms", v);
        }
        if (column.endsWith("_ops_per_s")) {
            return Units.rate(v);
        }
        if (column.equals(TimelineColumns.RECALL)) {
            return String.format(Locale.ROOT, "%.4f", v);
        }
        return Units.count(v);
    }

    private static String bytes(double v, String absent) {
        return Double.isNaN(v) ? absent : Units.bytes(v);
    }
}
