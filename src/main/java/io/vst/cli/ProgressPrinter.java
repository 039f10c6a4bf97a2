package io.vst.cli;

import io.vst.engine.PlannedStep;
import io.vst.engine.RunListener;
import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.LogLevel;
import io.vst.rundir.StepStatus;
import io.vst.rundir.StepRecord;
import io.vst.units.Units;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prints a live progress line per step (done/target, rate, ETA, used_memory) and one line per
 * finished step and checkpoint. On a terminal the line is redrawn in place; otherwise a line is
 * printed at most every {@code plainIntervalMillis}.
 */
final class ProgressPrinter implements RunListener {

    private final PrintStream out;
    private final boolean terminal;
    private final long plainIntervalMillis;
    private final AtomicReference<Sample> lastSample = new AtomicReference<>();
    private long lastPrint;
    private long stepStartNanos;
    private boolean lineOpen;
    /** The detail of the step that finished last: the engine then logs it again, which is not printed twice. */
    private String lastDetail;

    ProgressPrinter(PrintStream out, boolean terminal, long plainIntervalMillis) {
        this.out = out;
        this.terminal = terminal;
        this.plainIntervalMillis = plainIntervalMillis;
    }

    @Override
    public synchronized void warmingUp(PlannedStep step, double maxSeconds) {
        closeLine();
        out.printf(Locale.ROOT, "  warming up the write path of %s for at most %.0f s (nothing is sent to the server)%n",
                step.name(), maxSeconds);
    }

    @Override
    public synchronized void stepStarted(PlannedStep step) {
        closeLine();
        stepStartNanos = System.nanoTime();
        lastPrint = 0;
        out.printf(Locale.ROOT, "▶ %s (%s)%n", step.name(), describe(step));
    }

    @Override
    public synchronized void stepProgress(PlannedStep step, long done, long target, double fraction) {
        long now = System.currentTimeMillis();
        if (!terminal && now - lastPrint < plainIntervalMillis) {
            return;
        }
        if (terminal && now - lastPrint < 200) {
            return;
        }
        lastPrint = now;
        double secs = (System.nanoTime() - stepStartNanos) / 1e9;
        double rate = secs > 0 ? done / secs : 0;
        StringBuilder line = new StringBuilder("  ");
        line.append(Units.count(done));
        if (target >= 0) {
            line.append('/').append(Units.count(target));
        }
        if (!Double.isNaN(fraction)) {
            line.append(String.format(Locale.ROOT, " (%5.1f%%)", 100 * fraction));
        }
        line.append("  ").append(Units.rate(rate));
        if (!Double.isNaN(fraction) && fraction > 0.001 && fraction < 1) {
            line.append("  ETA ").append(Units.duration(secs * (1 - fraction) / fraction));
        }
        Sample s = lastSample.get();
        if (s != null && s.has(TimelineColumns.USED_MEMORY)) {
            line.append("  used_memory ").append(Units.bytes(s.get(TimelineColumns.USED_MEMORY)));
        }
        if (terminal) {
            out.print("\r\033[K" + line);
            lineOpen = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public synchronized void stepFinished(PlannedStep step, StepRecord r) {
        closeLine();
        lastDetail = r.detail();
        String extra = r.detail() == null || r.detail().isEmpty() ? "" : "  " + r.detail();
        out.printf(Locale.ROOT, "  %s %s in %s: %,d ops, %,d errors%s%n", mark(r.status()), r.status().spelling(),
                Units.duration(r.durationSeconds()), r.operations(), r.errors(), extra);
    }

    @Override
    public void sampleTaken(Sample sample) {
        lastSample.set(sample);
    }

    @Override
    public synchronized void checkpointTaken(CheckpointResult c) {
        closeLine();
        out.printf(Locale.ROOT, "  checkpoint %s: used_memory %s, %,d live vectors%s%n", c.name(),
                Units.bytes(c.figures().getOrDefault(TimelineColumns.USED_MEMORY, Double.NaN)), c.liveVectors(),
                c.perVector() == null ? "" : ", " + Units.bytes(c.perVector().totalBytes()) + " per vector");
        if (c.comparison() != null && !Double.isNaN(c.comparison().bytesPerVectorDelta())) {
            out.printf(Locale.ROOT, "    vs %s: %s per added/removed vector%s%n", c.comparison().against(),
                    Units.bytes(c.comparison().bytesPerVectorDelta()),
                    Double.isNaN(c.comparison().reclaimedPercent()) ? ""
                            : ", " + Units.percent(c.comparison().reclaimedPercent())
                                    + " of the removed vectors' memory came back");
        }
        if (c.fragmentation() != null) {
            out.println("    fragmentation: " + c.fragmentation().verdict());
        }
        if (c.trend() != null) {
            out.println("    memory trend: " + c.trend().verdict() + " — " + c.trend().explanation());
        }
        c.notes().forEach(n -> out.println("    note: " + n));
    }

    @Override
    public synchronized void log(LogLevel level, String message) {
        // DEBUG lines (enable_detailed_logging's batches) reach the console only under --log-level DEBUG; a step's
        // failure reason already printed with the step is not printed again.
        boolean repeat = lastDetail != null && !lastDetail.isEmpty() && message.endsWith(": " + lastDetail);
        boolean shown = level != LogLevel.DEBUG || io.vst.workload.DebugLog.enabled();
        if (level != LogLevel.INFO && shown && !repeat) {
            closeLine();
            out.println("  " + level.spelling().toLowerCase(Locale.ROOT) + ": " + message);
        }
    }

    private void closeLine() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }

    private static String mark(StepStatus status) {
        return status == StepStatus.OK ? "✓" : status == StepStatus.SKIPPED ? "·" : "✗";
    }

    private static String describe(PlannedStep step) {
        String type = step.step().type().yamlName();
        if (step.step() instanceof io.vst.scenario.WorkloadStep w) {
            return type + ": " + w.workload();
        }
        return type;
    }
}
