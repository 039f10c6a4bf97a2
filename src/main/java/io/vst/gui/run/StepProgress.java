package io.vst.gui.run;

import io.vst.engine.PlannedStep;
import io.vst.scenario.StepType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much of a planned step is done, in estimated seconds, from what has really finished: a loop counts
 * its finished iterations' steps (not its own "finished" event, which also comes after Stop), a parallel
 * step its furthest branch, a plain step its reported fraction. Any thread; pure functions.
 */
final class StepProgress {

    private StepProgress() {
    }

    /**
     * Estimated seconds of {@code p} done so far.
     *
     * @param finished ids of the steps that finished
     * @param stopped ids of the finished steps that Stop cut short
     * @param fractions the latest reported fraction of running plain steps, by id (NaN = unknown)
     */
    static double doneSeconds(PlannedStep p, Set<String> finished, Set<String> stopped, Map<String, Double> fractions) {
        StepType type = p.step().type();
        if (type == StepType.LOOP && !p.children().isEmpty()) {
            return sum(p.children(), finished, stopped, fractions);
        }
        if (type == StepType.PARALLEL && !p.children().isEmpty()) {
            double most = 0;
            for (PlannedStep c : p.children()) {
                most = Math.max(most, doneSeconds(c, finished, stopped, fractions));
            }
            return Math.min(p.estimatedSeconds(), most);
        }
        if (type == StepType.CONDITIONAL && !finished.contains(p.id())) {
            double branch = Math.max(sum(p.ifTrue(), finished, stopped, fractions), sum(p.ifFalse(), finished, stopped, fractions));
            return Math.min(p.estimatedSeconds(), branch);
        }
        Double f = fractions.get(p.id());
        if (finished.contains(p.id())) {
            // A step cut short by Stop did only what it last reported.
            return f != null && !f.isNaN() && stopped.contains(p.id()) ? p.estimatedSeconds() * f : p.estimatedSeconds();
        }
        return f == null || f.isNaN() ? 0 : p.estimatedSeconds() * Math.max(0, Math.min(1, f));
    }

    private static double sum(List<PlannedStep> steps, Set<String> finished, Set<String> stopped,
            Map<String, Double> fractions) {
        double s = 0;
        for (PlannedStep c : steps) {
            s += doneSeconds(c, finished, stopped, fractions);
        }
        return s;
    }

    /** Iterations of a loop whose steps all finished, counted from the first. */
    static int iterationsDone(PlannedStep loop, int iterations, Set<String> finished) {
        if (iterations <= 0) {
            return 0;
        }
        int per = loop.children().size() / iterations;
        int done = 0;
        for (int i = 0; i < iterations; i++) {
            for (int k = i * per; k < (i + 1) * per; k++) {
                if (!finished.contains(loop.children().get(k).id())) {
                    return done;
                }
            }
            done++;
        }
        return done;
    }
}
