package io.vst.scenario.schema;

import java.util.List;

/**
 * What a step does to the number of live vectors, and the one arithmetic by which both the validator and
 * the run plan follow that number through the steps ({@code -1} = unknown).
 *
 * <pre>
 * LiveEffect.growTo(1000).after(400);     // 1000
 * LiveEffect.growTo(1000).after(5000);    // 5000: an ingest never removes
 * LiveEffect.shrinkTo(100).after(-1);     // 100: a shrink deletes down to an exact count
 * LiveEffect.UNKNOWN.after(400);          // -1: e.g. a mixed step that ingests or deletes
 * </pre>
 *
 * @param kind what the step does to the live set
 * @param target the absolute live count a {@link Kind#GROW_TO} or {@link Kind#SHRINK_TO} step aims at
 *     ({@code -1} for the other kinds)
 */
public record LiveEffect(Kind kind, long target) {

    /** The effects a step can have on the live set. */
    public enum Kind {
        /** Adds vectors until {@code target} are live; removes none. */
        GROW_TO,
        /** Deletes vectors until at most {@code target} are live; adds none. */
        SHRINK_TO,
        /** Leaves the number of live vectors as it is (queries, updates). */
        NONE,
        /** Changes it by an amount that cannot be known before the run (mixed ingest or delete, plugins). */
        UNKNOWN
    }

    /** Leaves the live count as it is. */
    public static final LiveEffect NONE = new LiveEffect(Kind.NONE, -1);
    /** Changes the live count by an amount known only at run time. */
    public static final LiveEffect UNKNOWN = new LiveEffect(Kind.UNKNOWN, -1);

    /** Grows to an absolute count; {@link #UNKNOWN} when {@code target} is negative (not known statically). */
    public static LiveEffect growTo(long target) {
        return target < 0 ? UNKNOWN : new LiveEffect(Kind.GROW_TO, target);
    }

    /** Shrinks to an absolute count; {@link #UNKNOWN} when {@code target} is negative (not known statically). */
    public static LiveEffect shrinkTo(long target) {
        return target < 0 ? UNKNOWN : new LiveEffect(Kind.SHRINK_TO, target);
    }

    /** The effect of a cleanup step: {@code index_only} keeps the keys, every other kind deletes them all. */
    public static LiveEffect cleanup(String cleanupType) {
        return "index_only".equals(cleanupType) ? NONE : shrinkTo(0);
    }

    /** The live count after the step, from the count {@code before} it ({@code -1} = unknown). */
    public long after(long before) {
        return switch (kind) {
            case GROW_TO -> before < 0 ? -1 : Math.max(before, target);
            // a shrink deletes down to an exact count whatever was live before
            case SHRINK_TO -> before < 0 ? target : Math.min(before, target);
            case NONE -> before;
            case UNKNOWN -> -1;
        };
    }

    /** The count after one of two alternatives (a conditional's branches): known only when both agree. */
    public static long either(long a, long b) {
        return a == b ? a : -1;
    }

    /**
     * The count after concurrent branches that all started from {@code before} (a parallel step): the one
     * branch that changed the count decides; two that changed it differently make it unknown.
     */
    public static long concurrent(long before, List<Long> ends) {
        Long changed = null;
        for (long e : ends) {
            if (e == before) {
                continue;
            }
            if (changed != null && changed != e) {
                return -1;
            }
            changed = e;
        }
        return changed == null ? before : changed;
    }
}
