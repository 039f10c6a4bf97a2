package io.vst.report;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import io.vst.rundir.StepRecord;
import io.vst.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Runs side by side: for each step and checkpoint that the first run (the baseline) shares by name with
 * another run, the change of throughput, p99 latency, recall, memory and memory per vector, and whether
 * it is a regression beyond a threshold.
 *
 * <pre>{@code
 * RunComparison c = RunComparison.of(List.of(before, after), 5.0);
 * System.out.print(c.table());
 * if (c.regressed()) { ... exit 3 ... }
 * }</pre>
 *
 * @param runs labels of the runs compared, baseline first
 * @param maxRegressionPercent how much worse a figure may get before it counts as a regression
 * @param rows every figure compared
 */
public record RunComparison(List<String> runs, double maxRegressionPercent, List<Row> rows) {

    /**
     * One figure of one step or checkpoint in the baseline and in another run.
     *
     * @param scope {@code step} or {@code checkpoint}
     * @param name step or checkpoint name
     * @param metric what is compared, with its unit ({@code ops_per_s}, {@code query_p99_ms}...)
     * @param higherIsBetter whether a rise is an improvement
     * @param run label of the run compared with the baseline
     * @param baseline the baseline's value
     * @param value the run's value
     * @param deltaPercent change in percent of the baseline, NaN when the baseline is 0
     * @param regression whether the change is worse than the threshold allows
     */
    public record Row(String scope, String name, String metric, boolean higherIsBetter, String run, double baseline,
                      double value, double deltaPercent, boolean regression) {
    }

    /** Compares every run after the first with the first. */
    public static RunComparison of(List<RunData> runs, double maxRegressionPercent) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two runs");
        }
        RunData base = runs.get(0);
        List<Row> rows = new ArrayList<>();
        for (RunData other : runs.subList(1, runs.size())) {
            for (StepRecord b : base.steps()) {
                StepRecord o = other.steps().stream().filter(s -> s.name().equals(b.name())).findFirst().orElse(null);
                if (o == null || b.operations() == 0 && o.operations() == 0) {
                    continue;
                }
                add(rows, "step", b.name(), "ops_per_s", true, other, b, o, StepRecord::operationsPerSecond,
                        maxRegressionPercent);
                for (String op : b.latency().keySet()) {
                    if (o.latency().containsKey(op)) {
                        add(rows, "step", b.name(), op + "_p99_ms", false, other, b, o,
                                s -> s.latency().get(op).p99Ms(), maxRegressionPercent);
                    }
                }
                add(rows, "step", b.name(), "recall", true, other, b, o, StepRecord::recall, maxRegressionPercent);
                add(rows, "step", b.name(), "time_to_searchable_s", false, other, b, o,
                        StepRecord::timeToSearchableSeconds, maxRegressionPercent);
            }
            for (CheckpointResult b : base.checkpoints()) {
                CheckpointResult o = other.checkpoints().stream().filter(c -> c.name().equals(b.name())).findFirst()
                        .orElse(null);
                if (o == null) {
                    continue;
                }
                add(rows, "checkpoint", b.name(), "bytes_per_vector", false, other, b, o,
                        c -> c.perVector() == null ? Double.NaN : c.perVector().totalBytes(), maxRegressionPercent);
                add(rows, "checkpoint", b.name(), "index_bytes_per_vector", false, other, b, o,
                        c -> c.perVector() == null ? Double.NaN : c.perVector().indexBytes(), maxRegressionPercent);
                for (String col : List.of(TimelineColumns.USED_MEMORY, TimelineColumns.USED_MEMORY_RSS,
                        TimelineColumns.SEARCH_MEMORY)) {
                    add(rows, "checkpoint", b.name(), col, false, other, b, o,
                            c -> CsvExports.figure(c.figures(), col), maxRegressionPercent);
                }
            }
        }
        return new RunComparison(runs.stream().map(RunData::label).toList(), maxRegressionPercent, List.copyOf(rows));
    }

    private static <T> void add(List<Row> rows, String scope, String name, String metric, boolean higherIsBetter,
                                RunData other, T base, T run, ToDoubleFunction<T> figure, double threshold) {
        double b = figure.applyAsDouble(base);
        double v = figure.applyAsDouble(run);
        if (Double.isNaN(b) || Double.isNaN(v) || Double.isInfinite(b) || Double.isInfinite(v)) {
            return;
        }
        double pct = b == 0 ? Double.NaN : 100.0 * (v - b) / Math.abs(b);
        double worse = higherIsBetter ? -pct : pct;
        rows.add(new Row(scope, name, metric, higherIsBetter, other.label(), b, v, pct, worse > threshold));
    }

    /** Whether any figure got worse by more than the threshold. */
    public boolean regressed() {
        return rows.stream().anyMatch(Row::regression);
    }

    public List<Row> regressions() {
        return rows.stream().filter(Row::regression).toList();
    }

    /** The verdict in one line. */
    public String verdict() {
        long n = regressions().size();
        return n == 0 ? String.format(Locale.ROOT, "OK: no figure worse by more than %s%% than %s",
                number(maxRegressionPercent), runs.get(0))
                : String.format(Locale.ROOT, "REGRESSION: %d figure%s worse by more than %s%% than %s", n,
                n == 1 ? "" : "s", number(maxRegressionPercent), runs.get(0));
    }

    /** The delta table as plain text, one line per figure, with the verdict last. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("baseline: ").append(runs.get(0)).append('\n');
        String fmt = "%-10s %-22s %-24s %14s %14s %9s  %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "scope", "name", "figure", "baseline", "run", "change", "verdict"));
        String lastRun = null;
        for (Row r : rows) {
            if (runs.size() > 2 && !Objects.equals(lastRun, r.run())) {
                sb.append("vs ").append(r.run()).append('\n');
                lastRun = r.run();
            }
            sb.append(String.format(Locale.ROOT, fmt, r.scope(), clip(r.name(), 22), clip(r.metric(), 24),
                    number(r.baseline()), number(r.value()), change(r), verdict(r)));
        }
        sb.append(verdict()).append('\n');
        return sb.toString();
    }

    /** A row's change as the table prints it: {@code "+4.2%"}, or {@code "n/a"} when the baseline is 0. */
    public static String change(Row r) {
        return Double.isNaN(r.deltaPercent()) ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", r.deltaPercent());
    }

    /** A row's verdict as the table prints it: REGRESSION, better, worse or same. */
    public static String verdict(Row r) {
        return r.regression() ? "REGRESSION" : better(r);
    }

    private static String better(Row r) {
        if (Double.isNaN(r.deltaPercent()) || r.deltaPercent() == 0) {
            return "same";
        }
        return (r.deltaPercent() > 0) == r.higherIsBetter() ? "better" : "worse";
    }

    /** A figure as the table prints it: whole or large numbers grouped, others to three decimals. */
    public static String number(double v) {
        if (Math.abs(v) >= 1000 || v == Math.rint(v) || !Double.isFinite(v)) {
            return Units.count(v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
