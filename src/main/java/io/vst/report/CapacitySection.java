package io.vst.report;

import io.vst.VstException;
import io.vst.rundir.RunData;
import java.util.Locale;

/**
 * The capacity section of report.html: the lines {@code vst capacity} fits on the run (fixed cost and
 * bytes per vector of used_memory and its parts, with 95 % intervals) and the memory seen after shrinks,
 * or why the run allows no fit.
 */
final class CapacitySection {

    static final String ID = "capacity";

    private CapacitySection() {
    }

    static void render(Html h, RunData run) {
        h.heading(ID, "Capacity");
        CapacityPlan plan;
        try {
            plan = CapacityPlan.of(run);
        } catch (VstException tooFew) {
            String hint = tooFew.hint();
            h.note("No capacity fit: " + tooFew.getMessage() + ". " + hint.substring(0, 1).toUpperCase(Locale.ROOT)
                    + hint.substring(1) + ".");
            return;
        }
        h.note(CapacityReport.fitLine(plan) + ". Least squares against live vectors, one point per vector count; "
                + "'vst capacity " + run.label() + " --vectors N' or '--memory 16GiB' answers for other sizes.");
        h.table(CapacityReport.header(), CapacityReport.rows(plan));
        h.note(CapacityReport.shrinkText(plan).trim());
    }
}
