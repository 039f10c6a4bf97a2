package io.vst.scenario.schema;

import io.vst.scenario.Parameters;

/**
 * What a workload asks of a run, as the validator and the engine need to know before it runs: whether it
 * needs a dataset, the search index, the search module; what it does to the number of live vectors; and
 * how much work it is. Where the parameters decide it, the answer is derived from them — a mixed step with
 * {@code query_ratio: 0} sends no query, so it needs no search module. The validator passes the parameters
 * as written, the engine with the schema's defaults filled in; read them through the schema's defaults
 * (as {@link WorkloadParameters} does) so both get the same answer.
 *
 * <p>Every method has a default for a workload that declares nothing (a plugin): it needs nothing, leaves
 * the live count unknown and is estimated to take no time. A plugin that runs vector queries declares it,
 * so a server without the module is refused before the run starts:
 *
 * <pre>{@code
 * public WorkloadTraits traits() {
 *     return new WorkloadTraits() {
 *         public boolean needsSearch(Parameters p) { return true; }
 *         public boolean needsIndex(Parameters p) { return true; }
 *     };
 * }
 * }</pre>
 */
public interface WorkloadTraits {

    /** The traits of a workload that declares none. */
    WorkloadTraits UNDECLARED = new WorkloadTraits() {
    };

    /**
     * The step's parameters with the values filled in whose default depends on other parameters (a mixed
     * step's {@code query_ratio}); the planner calls it once the schema's plain defaults are in.
     */
    default Parameters withDerivedDefaults(Parameters p) {
        return p;
    }

    /** Whether the step must have a dataset (the scenario's, the step's or a {@code dataset} parameter). */
    default boolean needsDataset(Parameters p) {
        return false;
    }

    /** Whether the scenario's live vectors are handed to the workload even when no dataset is named. */
    default boolean usesLiveVectors(Parameters p) {
        return false;
    }

    /** Whether the search index is created (when the server has the module) before the step runs. */
    default boolean needsIndex(Parameters p) {
        return false;
    }

    /** Whether the step sends FT.* queries, so the server must have the search module. */
    default boolean needsSearch(Parameters p) {
        return false;
    }

    /** Whether the workload has no end of its own, so its step needs duration_seconds or max_operations. */
    default boolean endless(Parameters p) {
        return false;
    }

    /** What the step does to the number of live vectors. */
    default LiveEffect liveEffect(Parameters p) {
        return LiveEffect.UNKNOWN;
    }

    /**
     * The work of the step, for estimates.
     *
     * @param before live vectors before the step ({@code -1} = unknown)
     * @param after live vectors after it, from {@link #liveEffect} ({@code -1} = unknown)
     * @param maxOperations the step's {@code max_operations}, or null
     */
    default WorkEstimate work(Parameters p, long before, long after, Long maxOperations) {
        return WorkEstimate.NONE;
    }
}
