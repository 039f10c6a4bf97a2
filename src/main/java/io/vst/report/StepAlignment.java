package io.vst.report;

import io.vst.rundir.RunData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a compared run's elapsed seconds onto the baseline's time axis, step by step: each step of the
 * run starts and ends where the baseline's step of the same name (and the same occurrence, for steps
 * a loop repeats) does, and time inside it is stretched or squeezed evenly. Between matched steps the
 * map is linear; after the last one it keeps the run's own pace.
 */
final class StepAlignment {

    private final double[] from;
    private final double[] to;

    private StepAlignment(double[] from, double[] to) {
        this.from = from;
        this.to = to;
    }

    /** The map that leaves every time as it is (the baseline onto itself). */
    static StepAlignment identity() {
        return new StepAlignment(new double[] {0}, new double[] {0});
    }

    /** The map of {@code run}'s times onto {@code baseline}'s, anchored at the steps both ran. */
    static StepAlignment of(RunData baseline, RunData run) {
        Map<String, List<RunData.StepSpan>> byName = new HashMap<>();
        for (RunData.StepSpan s : baseline.stepSpans()) {
            byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
        }
        Map<String, Integer> seen = new HashMap<>();
        List<double[]> anchors = new ArrayList<>();
        anchors.add(new double[] {0, 0});
        for (RunData.StepSpan s : run.stepSpans()) {
            int occurrence = seen.merge(s.name(), 1, Integer::sum) - 1;
            List<RunData.StepSpan> same = byName.getOrDefault(s.name(), List.of());
            if (occurrence < same.size()) {
                RunData.StepSpan b = same.get(occurrence);
                anchors.add(new double[] {s.startSeconds(), b.startSeconds()});
                anchors.add(new double[] {s.endSeconds(), b.endSeconds()});
            }
        }
        anchors.sort((a, b) -> Double.compare(a[0], b[0]));
        // Keep the map monotonic: an anchor that would send time backwards (steps run in another order) is left out.
        List<double[]> kept = new ArrayList<>();
        for (double[] a : anchors) {
            double[] last = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            if (last == null || (a[0] > last[0] && a[1] >= last[1])) {
                kept.add(a);
            }
        }
        double[] from = new double[kept.size()];
        double[] to = new double[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            from[i] = kept.get(i)[0];
            to[i] = kept.get(i)[1];
        }
        return new StepAlignment(from, to);
    }

    /** Where {@code seconds} of the run falls on the baseline's axis. */
    double map(double seconds) {
        int n = from.length;
        if (seconds <= from[0]) {
            return to[0] + (seconds - from[0]);
        }
        if (seconds >= from[n - 1]) {
            return to[n - 1] + (seconds - from[n - 1]);
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (from[mid] <= seconds) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return to[lo] + (seconds - from[lo]) * (to[hi] - to[lo]) / (from[hi] - from[lo]);
    }
}
