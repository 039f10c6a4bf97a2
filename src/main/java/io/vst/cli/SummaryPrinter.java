package io.vst.cli;

import io.vst.engine.RunResult;
import io.vst.metrics.CheckpointAnalysis;
import io.vst.metrics.CheckpointResult;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.StepStatus;
import io.vst.rundir.StepRecord;
import io.vst.units.Units;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The table printed at the end of a run: one line per step, one per checkpoint, and where the files are. */
final class SummaryPrinter {

    private SummaryPrinter() {
    }

    static void print(RunResult r, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "%-28s %-10s %-9s %11s %12s %11s %10s %12s%n", "step", "type", "status", "time",
                "operations", "ops/s", "p99 ms", "live vectors");
        for (StepRecord s : r.steps()) {
            out.printf(Locale.ROOT, "%-28s %-10s %-9s %11s %,12d %,11.0f %10s %,12d%n", cut(s.name(), 28), s.type(),
                    s.status().spelling(), Units.duration(s.durationSeconds()), s.operations(),
                    nanToZero(s.operationsPerSecond()), p99(s), s.liveVectorsAfter());
        }
        if (!r.checkpoints().isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "%-28s %-14s %12s %12s %12s %12s %14s %10s%n", "checkpoint", "tag", "used_memory",
                    "rss", "clients", "live vectors", "bytes/vector", "frag");
            boolean comparedWork = false;
            for (CheckpointResult c : r.checkpoints()) {
                out.printf(Locale.ROOT, "%-28s %-14s %12s %12s %12s %,12d %14s %10s%n", cut(c.name(), 28),
                        c.tag() == null ? "-" : cut(c.tag(), 14),
                        Units.bytes(fig(c, TimelineColumns.USED_MEMORY)), Units.bytes(fig(c, TimelineColumns.USED_MEMORY_RSS)),
                        Units.bytes(fig(c, TimelineColumns.MEM_CLIENTS_NORMAL)),
                        c.liveVectors(), c.perVector() == null ? "-" : Units.count(c.perVector().totalBytes()),
                        ratio(fig(c, TimelineColumns.ALLOCATOR_FRAG_RATIO)));
                String work = CheckpointAnalysis.describePerformance(c.comparison());
                if (!work.isEmpty()) {
                    out.println("    work since the checkpoint before, against the work before "
                            + c.comparison().against() + ": " + work);
                    comparedWork = true;
                }
                if (c.trend() != null) {
                    out.println("    leak check: " + c.trend().verdict() + " — " + c.trend().explanation());
                }
            }
            if (comparedWork) {
                out.println("ops/s between checkpoints: operations over the sampling intervals in which they ran "
                        + "(the step table divides by each step's own work time)");
            }
            out.println("bytes/vector leaves out client buffers (clients: INFO mem_clients_normal), which grow with "
                    + "n_clients, not with the vectors");
            for (CheckpointResult c : r.checkpoints()) {
                double rehash = fig(c, TimelineColumns.HASHTABLE_REHASHING);
                if (rehash > 0) {
                    out.println("  and at " + c.name() + " the old key table of a rehash in progress, "
                            + Units.bytes(rehash) + " (INFO mem_overhead_db_hashtable_rehashing), freed when it ends");
                }
            }
            List<String> trailing = r.checkpoints().stream().filter(c -> fig(c, TimelineColumns.USED_MEMORY_RSS)
                    < fig(c, TimelineColumns.USED_MEMORY)).map(CheckpointResult::name).toList();
            if (!trailing.isEmpty()) {
                out.println("rss below used_memory at " + String.join(", ", trailing) + ": the server reads its RSS "
                        + "(INFO used_memory_rss) and the allocator figures behind frag once per 100 ms (its cron), "
                        + "used_memory at once; rss then trails memory still growing");
            }
        }
        out.println();
        out.println("Run " + r.outcome() + (r.message() == null ? "" : ": " + withoutRepeat(r)));
        out.println("Run directory: " + r.directory().toAbsolutePath());
        java.nio.file.Path report = r.directory().resolve(io.vst.report.ReportWriter.HTML);
        if (java.nio.file.Files.exists(report)) {
            out.println("Report:        " + report.toAbsolutePath());
        }
    }

    /** The run's message without a failed step's reason, which the progress lines printed already. */
    private static String withoutRepeat(RunResult r) {
        for (StepRecord s : r.steps()) {
            String detail = s.detail();
            if (detail != null && !detail.isEmpty() && s.status() != StepStatus.OK && r.message().endsWith(": " + detail)) {
                return r.message().substring(0, r.message().length() - detail.length() - 2) + " (reason above)";
            }
        }
        return r.message();
    }

    private static double fig(CheckpointResult c, String col) {
        Double v = c.figures().get(col);
        return v == null ? Double.NaN : v;
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String p99(StepRecord s) {
        double worst = Double.NaN;
        for (StepRecord.LatencySummary l : s.latency().values()) {
            worst = Double.isNaN(worst) ? l.p99Ms() : Math.max(worst, l.p99Ms());
        }
        return Double.isNaN(worst) ? "-" : String.format(Locale.ROOT, "%.2f", worst);
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
