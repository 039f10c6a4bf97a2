package io.vst.gui.run;

import io.vst.engine.PlannedStep;
import io.vst.scenario.StepType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much of a planned step is done, in estimated seconds, from what has really finished: a loop counts
 * its finished iterations' steps (not its own "finished" event, which also comes after Stop), a parallel
 * step its furthest branch, a plain step its reported fraction.
 *
 * <p>One instance per run reads the run's finished / stopped / fraction maps (owned by the caller and only
 * ever added to) and keeps what cannot change any more: the figure of every finished step, and for each loop
 * the finished prefix of its children, so a loop of 100,000 iterations costs the few children past that
 * prefix per call, not all of them. EDT only (the caller's thread).
 */
final class StepProgress {

    private final Map<String, String> finished;
    private final Set<String> stopped;
    private final Map<String, Double> fractions;
    private final Map<String, Double> settled = new HashMap<>();
    /** Per loop id: the children [0, index) are finished, and their seconds. */
    private final Map<String, Prefix> loopPrefix = new HashMap<>();
    /** Per loop id: the iterations counted complete from the first. */
    private final Map<String, Integer> iterationPrefix = new HashMap<>();

    /**
     * @param finished status spelling of the steps that finished, by id
     * @param stopped ids of the finished steps that Stop cut short
     * @param fractions the latest reported fraction of running plain steps, by id (NaN = unknown)
     */
    StepProgress(Map<String, String> finished, Set<String> stopped, Map<String, Double> fractions) {
        this.finished = finished;
        this.stopped = stopped;
        this.fractions = fractions;
    }

    /** Estimated seconds of {@code p} done so far. */
    double doneSeconds(PlannedStep p) {
        Double known = settled.get(p.id());
        if (known != null) {
            return known;
        }
        double s = compute(p);
        if (finished.containsKey(p.id())) {
            settled.put(p.id(), s);
        }
        return s;
    }

    private double compute(PlannedStep p) {
        StepType type = p.step().type();
        if (type == StepType.LOOP && !p.children().isEmpty()) {
            return loopSeconds(p);
        }
        if (type == StepType.PARALLEL && !p.children().isEmpty()) {
            double most = 0;
            for (PlannedStep c : p.children()) {
                most = Math.max(most, doneSeconds(c));
            }
            return Math.min(p.estimatedSeconds(), most);
        }
        if (type == StepType.CONDITIONAL && !finished.containsKey(p.id())) {
            double branch = Math.max(sum(p.ifTrue()), sum(p.ifFalse()));
            return Math.min(p.estimatedSeconds(), branch);
        }
        Double f = fractions.get(p.id());
        if (finished.containsKey(p.id())) {
            // A step cut short by Stop did only what it last reported.
            return f != null && !f.isNaN() && stopped.contains(p.id()) ? p.estimatedSeconds() * f : p.estimatedSeconds();
        }
        return f == null || f.isNaN() ? 0 : p.estimatedSeconds() * Math.max(0, Math.min(1, f));
    }

    /**
     * A loop's children run one after another: the finished prefix is summed once, then the children past it
     * are added up to the first one that has not begun.
     */
    private double loopSeconds(PlannedStep loop) {
        List<PlannedStep> children = loop.children();
        Prefix prefix = loopPrefix.computeIfAbsent(loop.id(), k -> new Prefix());
        while (prefix.index < children.size() && finished.containsKey(children.get(prefix.index).id())) {
            prefix.seconds += doneSeconds(children.get(prefix.index));
            prefix.index++;
        }
        double s = prefix.seconds;
        for (int i = prefix.index; i < children.size(); i++) {
            PlannedStep c = children.get(i);
            double d = doneSeconds(c);
            if (d == 0 && !begun(c)) {
                break;
            }
            s += d;
        }
        return s;
    }

    private boolean begun(PlannedStep p) {
        return finished.containsKey(p.id()) || fractions.containsKey(p.id());
    }

    private double sum(List<PlannedStep> steps) {
        double s = 0;
        for (PlannedStep c : steps) {
            s += doneSeconds(c);
        }
        return s;
    }

    /**
     * Iterations of a loop whose steps all finished without being cut short by Stop, counted from the first.
     */
    int iterationsDone(PlannedStep loop, int iterations) {
        if (iterations <= 0) {
            return 0;
        }
        int per = loop.children().size() / iterations;
        int done = iterationPrefix.getOrDefault(loop.id(), 0);
        for (int i = done; i < iterations; i++) {
            for (int k = i * per; k < (i + 1) * per; k++) {
                if (!completed(loop.children().get(k).id())) {
                    iterationPrefix.put(loop.id(), done);
                    return done;
                }
            }
            done++;
        }
        iterationPrefix.put(loop.id(), done);
        return done;
    }

    /** A step counts for an iteration when it finished and was not interrupted or stopped. */
    private boolean completed(String id) {
        String status = finished.get(id);
        return status != null && !"interrupted".equals(status) && !"stopped".equals(status);
    }

    private static final class Prefix {
        int index;
        double seconds;
    }
}
