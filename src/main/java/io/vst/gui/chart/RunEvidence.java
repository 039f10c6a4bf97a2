package io.vst.gui.chart;

import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One sample for each column or operation a live run has shown so far: what the chart catalogue's empty
 * reasons read (queries ran, search figures came) without keeping the whole timeline. EDT only.
 */
final class RunEvidence {

    private RunData run = new RunData("");
    private final Set<String> seen = new HashSet<>();

    /** Keeps the first sample that shows a column or an operation not seen before in this run. */
    void note(List<Sample> batch) {
        for (Sample s : batch) {
            boolean added = false;
            for (String column : TimelineColumns.all()) {
                boolean has = column.endsWith("_count") ? s.get(column) > 0 : s.has(column);
                if (has) {
                    added |= seen.add(column);
                }
            }
            if (added) {
                run.addSample(s);
            }
        }
    }

    /** The kept samples as a run. */
    RunData run() {
        return run;
    }

    /** Forgets the run (a new one starts). */
    void clear() {
        run = new RunData("");
        seen.clear();
    }
}
