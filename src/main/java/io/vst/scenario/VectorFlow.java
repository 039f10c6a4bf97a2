package io.vst.scenario;

import java.util.List;

/**
 * Follows the number of live vectors through the steps while validating, so that a shrink above what is
 * live, an ingest that adds nothing, or a query of an empty index are caught before a run.
 * The count is unknown ({@code -1}) after steps whose effect cannot be known statically (mixed
 * workloads that ingest or delete, custom workloads, targets that depend on ${loop_index}).
 */
final class VectorFlow {

    /** Live vectors, or -1 when unknown. */
    long live;
    /** The step that last set {@link #live}, for messages; {@code null} = the start of the run. */
    String setBy;

    VectorFlow(long live, String setBy) {
        this.live = live;
        this.setBy = setBy;
    }

    VectorFlow copy() {
        return new VectorFlow(live, setBy);
    }

    private String where() {
        return setBy == null ? "at the start of the run" : "after '" + setBy + "'";
    }

    void unknown(String step) {
        live = -1;
        setBy = step;
    }

    void set(long n, String step) {
        live = n;
        setBy = step;
    }

    /** Merges the outcomes of alternative or concurrent branches that all started from {@code start}. */
    static VectorFlow merge(VectorFlow start, List<VectorFlow> ends, String step) {
        VectorFlow changed = null;
        for (VectorFlow end : ends) {
            if (end.live == start.live && java.util.Objects.equals(end.setBy, start.setBy)) {
                continue;
            }
            if (changed != null && changed.live != end.live) {
                return new VectorFlow(-1, step);
            }
            changed = end;
        }
        return changed == null ? start.copy() : changed.copy();
    }

    void ingest(String step, YamlNode target, int loopIterations, String loopName, List<Diagnostic> out) {
        Long t = target instanceof YamlNode.Scalar s ? Values.toLong(s.value()) : null;
        if (t == null || t < 0) {
            unknown(step);
            return;
        }
        if (live >= 0 && t <= live) {
            out.add(Diagnostic.warning(target.span(), "Ingest target_vectors " + t + " adds nothing: " + live
                    + " vectors are already live " + where(),
                    "target_vectors is the absolute number of live vectors after the step"));
        } else if (loopIterations > 1) {
            out.add(Diagnostic.warning(target.span(), "Ingest '" + step + "' reaches target_vectors " + t
                    + " in the first iteration of loop '" + loopName + "'; later iterations add nothing",
                    "target_vectors is absolute; grow per iteration with ${loop_index}, e.g. target_vectors: "
                            + "\"${loop_index}00000\""));
        }
        set(t, step);
    }

    void shrink(String step, YamlNode target, List<Diagnostic> out) {
        Long t = target instanceof YamlNode.Scalar s ? Values.toLong(s.value()) : null;
        if (t == null || t < 0) {
            unknown(step);
            return;
        }
        if (live >= 0 && t > live) {
            out.add(Diagnostic.error(target.span(), "Shrink target_vectors " + t + " is above the " + live
                    + " vectors live " + where(),
                    "shrink deletes down to an absolute count: lower the target or ingest more first"));
        } else if (live >= 0 && t == live) {
            out.add(Diagnostic.warning(target.span(), "Shrink target_vectors " + t + " removes nothing: exactly "
                    + live + " vectors are live " + where(), null));
        }
        set(t, step);
    }

    void query(String step, SourceSpan at, List<Diagnostic> out) {
        if (live == 0) {
            out.add(Diagnostic.warning(at, "Step '" + step + "' queries an empty index: no vectors are live "
                    + where(), "ingest vectors before querying"));
        }
    }
}
