package io.vst.scenario.schema;

import io.vst.scenario.Parameters;
import io.vst.scenario.Values;
import java.util.List;

/**
 * The parameters of each built-in workload as typed records, read once: a value the step gives wins, and
 * every other comes from the schema's default ({@link BuiltinWorkloads}), so no reader restates a default.
 * A key without a default reads as {@code null} (or {@code -1} for a required count that is missing).
 *
 * <pre>
 * WorkloadParameters.Mixed m = WorkloadParameters.Mixed.of(Parameters.empty());
 * m.queryBatchSize();   // 50, the schema's default
 * m.queryRatio();       // 1: with no ratio given a mixed step only queries
 * </pre>
 */
public final class WorkloadParameters {

    private WorkloadParameters() {
    }

    /**
     * The parameters of {@code ingest}.
     *
     * @param targetVectors live vectors after the step; {@code -1} when not given (or not a number yet)
     */
    public record Ingest(long targetVectors, long startIndex, boolean shuffle, long seed, boolean validateIngestion) {
        public static Ingest of(Parameters p) {
            Read r = new Read(p, BuiltinWorkloads.INGEST);
            return new Ingest(r.count("target_vectors"), r.integer("start_index"), r.bool("shuffle"),
                    r.integer("seed"), r.bool("validate_ingestion"));
        }
    }

    /**
     * The parameters of {@code shrink}.
     *
     * @param targetVectors live vectors after the step; {@code -1} when not given (or not a number yet)
     */
    public record Shrink(long targetVectors, String removalStrategy, boolean verifyRemoval) {
        public static Shrink of(Parameters p) {
            Read r = new Read(p, BuiltinWorkloads.SHRINK);
            return new Shrink(r.count("target_vectors"), r.text("removal_strategy"), r.bool("verify_removal"));
        }
    }

    /**
     * The parameters of {@code update}.
     *
     * @param updateVectors how many to update; {@code null} = every live vector
     */
    public record Update(Long updateVectors, String selection) {
        public static Update of(Parameters p) {
            Read r = new Read(p, BuiltinWorkloads.UPDATE);
            return new Update(r.integerOrNull("update_vectors"), r.text("selection"));
        }
    }

    /**
     * The parameters of {@code query} (and the query part of {@code mixed}).
     *
     * @param queryVectors distinct query vectors; {@code null} = all the dataset has
     * @param queriesPerSecond open-loop rate; {@code null} = closed loop
     * @param efRuntime EF_RUNTIME per query; {@code null} = the index's
     * @param filter pre-filter expression; {@code null} = none
     * @param returnFields fields returned with each hit; {@code null} = the server's default
     */
    public record Query(int k, Long queryVectors, boolean useExpandedQueries, Double queriesPerSecond,
            double recallSampleRate, boolean verifyResults, Integer efRuntime, String filter, boolean nocontent,
            List<String> returnFields) {

        public static Query of(Parameters p) {
            return read(new Read(p, BuiltinWorkloads.QUERY));
        }

        static Query read(Read r) {
            Long ef = r.integerOrNull("ef_runtime");
            return new Query((int) r.integer("query_k"), r.integerOrNull("query_vectors"),
                    r.bool("use_expanded_queries"), r.numberOrNull("queries_per_second"), r.number("recall_sample_rate"),
                    r.bool("verify_results"), ef == null ? null : (int) Math.min(Integer.MAX_VALUE, ef),
                    r.text("filter"), r.bool("nocontent"), r.list("return_fields"));
        }
    }

    /**
     * The parameters of {@code mixed}. Its queries take the {@code query} workload's keys (verify_results,
     * filter, ...) with that workload's defaults, and its own {@code query_k}.
     *
     * @param queryRatio as given, else 1 when no other ratio is above 0, else 0
     * @param targetOpsPerSecond open-loop rate; {@code null} = closed loop
     * @param maxVectors ingests stop when this many are live; {@code null} = no limit
     */
    public record Mixed(double ingestRatio, double queryRatio, double updateRatio, double deleteRatio,
            int ingestBatchSize, int queryBatchSize, Double targetOpsPerSecond, Long maxVectors, Query query) {

        public static Mixed of(Parameters p) {
            Read r = new Read(p, BuiltinWorkloads.MIXED, BuiltinWorkloads.QUERY);
            double ingest = r.number("ingest_ratio");
            double update = r.number("update_ratio");
            double delete = r.number("delete_ratio");
            Double query = r.numberOrNull("query_ratio");
            return new Mixed(ingest, query != null ? query : ingest + update + delete > 0 ? 0 : 1, update, delete,
                    (int) r.integer("ingest_batch_size"), (int) r.integer("query_batch_size"),
                    r.numberOrNull("target_ops_per_second"), r.integerOrNull("max_vectors"), Query.read(r));
        }

        /** The ratios in the order ingest, query, update, delete. */
        public double[] ratios() {
            return new double[] {ingestRatio, queryRatio, updateRatio, deleteRatio};
        }

        /** The share of operations that are queries (0 to 1); a step with share 0 needs no search module. */
        public double queryShare() {
            double sum = ingestRatio + queryRatio + updateRatio + deleteRatio;
            return sum > 0 ? queryRatio / sum : 0;
        }
    }

    /** Reads keys of a step's parameters, falling back to the first schema that declares the key. */
    record Read(Parameters p, WorkloadSpec... specs) {

        private ParamSpec spec(String key) {
            for (WorkloadSpec s : specs) {
                ParamSpec found = s.parameter(key).orElse(null);
                if (found != null) {
                    return found;
                }
            }
            throw new IllegalArgumentException("no built-in workload schema declares '" + key + "'");
        }

        private Object fallback(String key) {
            return spec(key).defaultValue();
        }

        long integer(String key) {
            return defaulted(key, integerOrNull(key));
        }

        Long integerOrNull(String key) {
            Long v = Values.toLong(p.get(key));
            return v != null ? v : Values.toLong(fallback(key));
        }

        /** A required count: {@code -1} when it is missing or not a number yet (a ${loop_index} text). */
        long count(String key) {
            Long v = integerOrNull(key);
            return v == null ? -1 : v;
        }

        double number(String key) {
            return defaulted(key, numberOrNull(key));
        }

        /** A value read for a key whose schema has a default, so it cannot be missing. */
        private static <T> T defaulted(String key, T value) {
            if (value == null) {
                throw new IllegalStateException("'" + key + "' has no default in the schema");
            }
            return value;
        }

        Double numberOrNull(String key) {
            Double v = Values.asNullableDouble(p.get(key));
            return v != null ? v : Values.asNullableDouble(fallback(key));
        }

        boolean bool(String key) {
            Object def = fallback(key);
            return Values.asBool(p.get(key), Values.asBool(def, false));
        }

        String text(String key) {
            Object v = p.get(key);
            Object def = fallback(key);
            return v != null ? String.valueOf(v) : def == null ? null : String.valueOf(def);
        }

        List<String> list(String key) {
            spec(key);
            return p.get(key) instanceof List<?> items ? items.stream().map(String::valueOf).toList() : null;
        }
    }
}
