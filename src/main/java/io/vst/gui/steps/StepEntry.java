package io.vst.gui.steps;

import io.vst.scenario.LoopStep;
import io.vst.scenario.SourceSpan;
import io.vst.scenario.Step;
import io.vst.scenario.WorkloadStep;

/**
 * What one node of the step tree shows: a step (or a branch label of a conditional) and how many
 * problems fall inside it. Immutable; any thread.
 *
 * @param step the step, or {@code null} for a label node (scenario, if_true, if_false)
 * @param label text for label nodes
 * @param problems diagnostics located in this step's own lines
 * @param errors how many of them are errors (the rest are warnings and notes)
 */
public record StepEntry(Step step, String label, int problems, int errors) {

    /** Where the step starts in the text, or unknown for label nodes. */
    public SourceSpan span() {
        return step == null ? SourceSpan.UNKNOWN : step.common().span();
    }

    @Override
    public String toString() {
        if (step == null) {
            return label;
        }
        String detail = step.type().yamlName();
        if (step instanceof WorkloadStep w && w.workload() != null) {
            detail = w.workload();
        } else if (step instanceof LoopStep l) {
            detail = "loop ×" + l.iterations();
        }
        String name = step.name() == null ? "(unnamed)" : step.name();
        return name + "  ·  " + detail + (problems > 0 ? "  (" + problems + ")" : "");
    }
}
