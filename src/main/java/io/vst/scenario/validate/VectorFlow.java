package io.vst.scenario.validate;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.SourceSpan;
import io.vst.scenario.schema.LiveEffect;
import java.util.List;

/**
 * Follows the number of live vectors through the steps while validating, so that a shrink above what is
 * live, an ingest that adds nothing, or a query of an empty index are caught before a run. The count moves
 * by each step's {@link LiveEffect} — the same model the run plan follows — and is unknown ({@code -1})
 * after steps whose effect cannot be known statically (mixed workloads that ingest or delete, plugin
 * workloads, targets that depend on ${loop_index}).
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

    /**
     * Merges the outcomes of concurrent branches that all started from {@code start}, by the count model of
     * {@link LiveEffect#concurrent}.
     */
    static VectorFlow merge(VectorFlow start, List<VectorFlow> ends, String step) {
        long live = LiveEffect.concurrent(start.live, ends.stream().map(e -> e.live).toList());
        if (live == start.live) {
            return start.copy();
        }
        for (VectorFlow end : ends) {
            if (end.live == live) {
                return end.copy();
            }
        }
        return new VectorFlow(-1, step);
    }

    /** The flow after one of two alternatives (a conditional's branches), by {@link LiveEffect#either}. */
    static VectorFlow either(VectorFlow a, VectorFlow b, String step) {
        return LiveEffect.either(a.live, b.live) == a.live ? a : new VectorFlow(-1, step);
    }

    /** Follows the count through {@code step}, whose effect on the live set is {@code effect}. */
    void follow(LiveEffect effect, String step) {
        switch (effect.kind()) {
            case NONE -> {
                // the count and the step that set it stay
            }
            case UNKNOWN -> unknown(step);
            case GROW_TO, SHRINK_TO -> set(effect.after(live), step);
        }
    }

    /**
     * Warns when a step cannot do what its effect says from the count before it: a grow that adds nothing
     * (or only in a loop's first iteration), a shrink above the live count or one that removes nothing.
     *
     * @param workload the workload's name as messages begin with it, e.g. {@code Ingest}
     * @param key the parameter that states the target, e.g. {@code target_vectors}
     * @param at where the step states its target
     */
    void check(String step, LiveEffect effect, String workload, String key, SourceSpan at, int loopIterations,
            String loopName, List<Diagnostic> out) {
        long t = effect.target();
        if (effect.kind() == LiveEffect.Kind.GROW_TO) {
            if (live >= 0 && t <= live) {
                out.add(Diagnostic.warning(at, workload + " " + key + " " + t + " adds nothing: " + live
                        + " vectors are already live " + where(),
                        key + " is the absolute number of live vectors after the step"));
            } else if (loopIterations > 1) {
                out.add(Diagnostic.warning(at, workload + " '" + step + "' reaches " + key + " " + t
                        + " in the first iteration of loop '" + loopName + "'; later iterations add nothing",
                        "target_vectors is absolute; grow per iteration with ${loop_index}, e.g. target_vectors: "
                                + "\"${loop_index}00000\""));
            }
        } else if (effect.kind() == LiveEffect.Kind.SHRINK_TO) {
            if (live >= 0 && t > live) {
                out.add(Diagnostic.error(at, workload + " " + key + " " + t + " is above the " + live
                        + " vectors live " + where(),
                        "shrink deletes down to an absolute count: lower the target or ingest more first"));
            } else if (live >= 0 && t == live) {
                out.add(Diagnostic.warning(at, workload + " " + key + " " + t + " removes nothing: exactly "
                        + live + " vectors are live " + where(), null));
            }
        }
    }

    void query(String step, SourceSpan at, List<Diagnostic> out) {
        if (live == 0) {
            out.add(Diagnostic.warning(at, "Step '" + step + "' queries an empty index: no vectors are live "
                    + where(), "ingest vectors before querying"));
        }
    }
}
