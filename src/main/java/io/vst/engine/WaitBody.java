package io.vst.engine;

import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.scenario.Parameters;
import io.vst.units.Units;
import io.vst.workload.StopSignal;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A wait step: sleeps {@code duration_seconds}, or with {@code wait_for_memory_stable} samples
 * used_memory until it has stayed within {@code stability_tolerance_percent} (default 1%) for
 * {@code memory_stability_window} seconds, giving up after {@code max_wait_seconds}.
 */
final class WaitBody {

    private final RunState state;

    WaitBody(RunState state) {
        this.state = state;
    }

    StepOutcome run(PlannedStep step, StopSignal stop) {
        Parameters p = step.parameters();
        String reason = p.getString("reason", null);
        String why = reason == null ? "" : " (" + reason + ")";
        if (!p.getBool("wait_for_memory_stable", false)) {
            double secs = p.getDouble("duration_seconds", step.step().common().durationSeconds() == null ? 0
                    : step.step().common().durationSeconds());
            long t0 = System.nanoTime();
            if (stop.sleep((long) (secs * 1000))) {
                return StepOutcome.ok("waited " + Units.duration((System.nanoTime() - t0) / 1e9) + " of "
                        + Units.duration(secs) + why);
            }
            return StepOutcome.ok("waited " + Units.duration(secs) + why);
        }
        double window = p.getDouble("memory_stability_window", 30);
        double maxWait = p.getDouble("max_wait_seconds", 300);
        double tolerance = p.getDouble("stability_tolerance_percent", 1.0) / 100.0;
        long interval = Math.max(50, Math.min(1000, (long) (window * 1000 / 5)));
        long start = System.nanoTime();
        Deque<double[]> recent = new ArrayDeque<>();
        while (!stop.isStopped()) {
            double now = (System.nanoTime() - start) / 1e9;
            Sample s = state.sampler.sampleNow();
            recent.addLast(new double[] {now, s.get(TimelineColumns.USED_MEMORY)});
            while (!recent.isEmpty() && recent.peekFirst()[0] < now - window) {
                recent.removeFirst();
            }
            if (now >= window && stable(recent, tolerance)) {
                return StepOutcome.ok("memory stable within " + Units.percent(tolerance * 100) + " for "
                        + Units.duration(window) + " after " + Units.duration(now) + why);
            }
            if (now >= maxWait) {
                return StepOutcome.ok("memory not stable after max_wait_seconds " + Units.plain(maxWait)
                        + "; going on" + why);
            }
            stop.sleep(interval);
        }
        return StepOutcome.ok("waited " + Units.duration((System.nanoTime() - start) / 1e9)
                + " for memory to settle, not stable yet" + why);
    }

    private static boolean stable(Deque<double[]> points, double tolerance) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double[] p : points) {
            if (Double.isNaN(p[1])) {
                return false;
            }
            min = Math.min(min, p[1]);
            max = Math.max(max, p[1]);
        }
        return points.size() >= 2 && max - min <= tolerance * Math.max(1, max);
    }
}
