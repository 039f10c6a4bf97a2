package io.vst.scenario.schema;

import static io.vst.scenario.schema.BuiltinSchema.ONE;
import static io.vst.scenario.schema.BuiltinSchema.ZERO;
import static io.vst.scenario.schema.ParamSpec.bool;
import static io.vst.scenario.schema.ParamSpec.integer;
import static io.vst.scenario.schema.ParamSpec.list;
import static io.vst.scenario.schema.ParamSpec.number;
import static io.vst.scenario.schema.ParamSpec.oneOf;
import static io.vst.scenario.schema.ParamSpec.string;

import io.vst.scenario.Parameters;
import java.util.List;

/**
 * The built-in workloads, each described once: its parameters with their defaults, and its
 * {@link WorkloadTraits} (what it needs from the run, what it does to the live set, how much work it is),
 * which read the parameters through {@link WorkloadParameters}.
 */
final class BuiltinWorkloads {

    /** valkey-search's max-vector-knn. */
    private static final double MAX_KNN = 10_000;
    /** Query vectors a query step is assumed to run through when it names neither a count nor a limit. */
    static final long ASSUMED_QUERY_VECTORS = 1000;

    static final WorkloadSpec INGEST = new WorkloadSpec("ingest",
            "Adds vectors until target_vectors are live (HSET of <prefix><id>).", List.of(
            integer("target_vectors", null, ZERO, null, "Live vectors after the step (absolute count).").asRequired(),
            integer("batch_size", null, ONE, 1_000_000.0, "Vectors per pipelined batch (default: config batch_size)."),
            integer("start_index", 0, ZERO, null, "First dataset row to ingest."),
            bool("shuffle", false, "Ingest rows in a seeded random order."),
            bool("validate_ingestion", false, "Confirm num_docs matches after the step."),
            string("dataset", null, "Dataset for this workload (default: the step's or scenario's)."),
            integer("seed", 42, null, null, "Seed for shuffle and expansion directions.")), true, new Ingest());

    static final WorkloadSpec QUERY = new WorkloadSpec("query", "Runs KNN searches (FT.SEARCH) and records latency"
            + " and recall; without duration_seconds or max_operations it runs each query vector once.", List.of(
            integer("query_k", 10, ONE, MAX_KNN, "Neighbours per query (KNN k)."),
            integer("query_vectors", null, ONE, null, "Distinct query vectors used (default: all the dataset has)."),
            number("queries_per_second", null, 0.001, null,
                    "Open-loop target rate; absent = closed loop as fast as the clients go."),
            bool("record_latencies", true, "Record per-query latency."),
            bool("verify_results", false, "Check results against exact ground truth."),
            integer("ef_runtime", null, ONE, 4096.0, "EF_RUNTIME per query (default: the index's)."),
            string("filter", null, "Pre-filter expression on index fields, e.g. @category:{a}."),
            list("return_fields", "Fields returned with each hit."),
            bool("nocontent", false, "Return ids only (NOCONTENT)."),
            number("recall_sample_rate", 0.1, ZERO, ONE, "Fraction of queries whose recall is computed."),
            bool("use_expanded_queries", false, "Also query with expanded vectors.")), true, new Query());

    static final WorkloadSpec SHRINK = new WorkloadSpec("shrink", "Deletes vectors until target_vectors are live.",
            List.of(
            integer("target_vectors", null, ZERO, null, "Live vectors after the step (absolute count).").asRequired(),
            oneOf("removal_strategy", "random", List.of("random", "oldest", "newest", "expansion_priority"),
                    "Which live vectors to delete."),
            integer("batch_size", null, ONE, 1_000_000.0, "Deletes per pipelined batch (default: config batch_size)."),
            bool("verify_removal", false, "Confirm num_docs matches after the step.")), true, new Shrink());

    static final WorkloadSpec UPDATE = new WorkloadSpec("update", "Overwrites live vectors with new values (same keys).",
            List.of(
            integer("update_vectors", null, ZERO, null, "How many vectors to update (absent = all live)."),
            integer("batch_size", null, ONE, 1_000_000.0, "Updates per pipelined batch (default: config batch_size)."),
            oneOf("selection", "random", List.of("random", "oldest", "newest"), "Which live vectors to update.")),
            true, new Update());

    static final WorkloadSpec MIXED = new WorkloadSpec("mixed",
            "Interleaves ingest, query, update and delete operations by ratio.", List.of(
            number("ingest_ratio", 0.0, ZERO, ONE, "Fraction of operations that ingest."),
            number("query_ratio", null, ZERO, ONE, "Fraction of operations that query (1 when no ratio is given, else 0)."),
            number("update_ratio", 0.0, ZERO, ONE, "Fraction of operations that update."),
            number("delete_ratio", 0.0, ZERO, ONE, "Fraction of operations that delete."),
            integer("query_k", 10, ONE, MAX_KNN, "Neighbours per query."),
            integer("ingest_batch_size", 100, ONE, 1_000_000.0, "Vectors per ingest batch."),
            integer("query_batch_size", 50, ONE, 1_000_000.0, "Queries per pipelined batch."),
            number("target_ops_per_second", null, 0.001, null, "Open-loop target rate (absent = closed loop)."),
            integer("max_vectors", null, ZERO, null, "Ingests stop when this many vectors are live.")), true, new Mixed());

    private BuiltinWorkloads() {
    }

    static List<WorkloadSpec> all() {
        return List.of(INGEST, QUERY, SHRINK, UPDATE, MIXED);
    }

    /** A built-in workload: it works on the scenario's live vectors, and leaves their number unless it says. */
    private abstract static class OnVectors implements WorkloadTraits {
        @Override
        public boolean usesLiveVectors(Parameters p) {
            return true;
        }

        @Override
        public LiveEffect liveEffect(Parameters p) {
            return LiveEffect.NONE;
        }
    }

    /** A built-in workload that writes or reads vectors of the dataset, through the index. */
    private abstract static class OnDataset extends OnVectors {
        @Override
        public boolean needsDataset(Parameters p) {
            return true;
        }

        @Override
        public boolean needsIndex(Parameters p) {
            return true;
        }
    }

    private static final class Ingest extends OnDataset {
        @Override
        public LiveEffect liveEffect(Parameters p) {
            return LiveEffect.growTo(WorkloadParameters.Ingest.of(p).targetVectors());
        }

        @Override
        public WorkEstimate work(Parameters p, long before, long after, Long maxOperations) {
            long adds = after < 0 || before < 0 ? Math.max(0, WorkloadParameters.Ingest.of(p).targetVectors())
                    : after - before;
            return WorkEstimate.of(WorkEstimate.Kind.WRITE, adds);
        }
    }

    private static final class Query extends OnDataset {
        @Override
        public boolean needsSearch(Parameters p) {
            return true;
        }

        @Override
        public WorkEstimate work(Parameters p, long before, long after, Long maxOperations) {
            WorkloadParameters.Query q = WorkloadParameters.Query.of(p);
            double queries = maxOperations != null ? maxOperations
                    : q.queryVectors() != null ? q.queryVectors() : ASSUMED_QUERY_VECTORS;
            return WorkEstimate.of(WorkEstimate.Kind.QUERY, queries, q.queriesPerSecond());
        }
    }

    private static final class Shrink extends OnVectors {
        @Override
        public LiveEffect liveEffect(Parameters p) {
            return LiveEffect.shrinkTo(WorkloadParameters.Shrink.of(p).targetVectors());
        }

        @Override
        public WorkEstimate work(Parameters p, long before, long after, Long maxOperations) {
            return WorkEstimate.of(WorkEstimate.Kind.DELETE, before < 0 ? 0 : Math.max(0, before - after));
        }
    }

    private static final class Update extends OnDataset {
        @Override
        public WorkEstimate work(Parameters p, long before, long after, Long maxOperations) {
            Long n = WorkloadParameters.Update.of(p).updateVectors();
            return WorkEstimate.of(WorkEstimate.Kind.WRITE, n != null ? n : Math.max(0, before));
        }
    }

    private static final class Mixed extends OnDataset {
        @Override
        public boolean needsSearch(Parameters p) {
            return WorkloadParameters.Mixed.of(p).queryShare() > 0;
        }

        @Override
        public boolean endless(Parameters p) {
            return true;
        }

        @Override
        public Parameters withDerivedDefaults(Parameters p) {
            return p.has("query_ratio") ? p : p.with("query_ratio", WorkloadParameters.Mixed.of(p).queryRatio());
        }

        @Override
        public LiveEffect liveEffect(Parameters p) {
            WorkloadParameters.Mixed m = WorkloadParameters.Mixed.of(p);
            return m.ingestRatio() > 0 || m.deleteRatio() > 0 ? LiveEffect.UNKNOWN : LiveEffect.NONE;
        }

        @Override
        public WorkEstimate work(Parameters p, long before, long after, Long maxOperations) {
            return WorkEstimate.of(WorkEstimate.Kind.QUERY, maxOperations == null ? 0 : maxOperations,
                    WorkloadParameters.Mixed.of(p).targetOpsPerSecond());
        }
    }
}
