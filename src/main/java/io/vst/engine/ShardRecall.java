package io.vst.engine;

import io.vst.dataset.LiveSet;
import io.vst.scenario.WorkloadStep;
import io.vst.workload.LiveVectors;
import io.vst.workload.ServerIds;
import java.util.Set;

/**
 * Recall on a sharded run ({@code vst run --shard I/N}), where it can be exact: a top-level query step. The shards
 * meet before each top-level step, so while they all run the same query step nobody writes, and the vectors under
 * the prefix on the server are exactly the live set of the whole run (every write before was acknowledged before
 * its shard reached the meeting). The ground truth is then taken over those ids: this shard's own and the others',
 * read once with a SCAN at the step's start, with the vectors the dataset gives for them. That holds only while
 * no vector was ever changed in place (an update on another shard would be unknown here), so a step after any
 * workload other than ingest, shrink and query is not measured. Elsewhere (inside loops and parallel steps, where
 * the shards do not meet) recall is not measured and the step says why.
 */
final class ShardRecall {

    /** Workloads after which every live vector still holds what the dataset gives for its id. */
    private static final Set<String> DATASET_VECTORS = Set.of("ingest", "shrink", "query");

    private ShardRecall() {
    }

    /** Whether this shard measures recall on {@code step}: a top-level query step after no in-place change. */
    static boolean measurable(RunPlan plan, PlannedStep step) {
        if (step.depth() != 0 || !(step.step() instanceof WorkloadStep w) || !"query".equals(w.workload())) {
            return false;
        }
        for (PlannedStep earlier : plan.flatten()) {
            if (earlier.id().equals(step.id())) {
                return true;
            }
            if (earlier.step() instanceof WorkloadStep e && !DATASET_VECTORS.contains(e.workload())) {
                return false;
            }
        }
        return false;
    }

    /**
     * The live vectors of the whole run for a query step: this shard's ids and the ids the server holds under
     * the prefix. A separate set, so this shard's own live count (its timeline and steps.csv) is untouched.
     */
    static LiveVectors union(RunState state, LiveVectors own) {
        LiveSet all = new LiveSet(0);
        for (long id : own.live().insertionOrder()) {
            all.add(id);
        }
        all.addAll(ServerIds.read(state.session.client(), own.keys()));
        return new LiveVectors(own.source(), all, own.keys(), 0, own.fields());
    }

    /** What the step detail says when recall was taken over every shard's vectors. */
    static String note(ShardSpec shard) {
        return "recall over the live vectors of all " + shard.count() + " shards (read from the server at the step's start)";
    }
}
