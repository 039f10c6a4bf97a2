package io.vst.scenario.schema;

import static io.vst.scenario.schema.ParamSpec.bool;
import static io.vst.scenario.schema.ParamSpec.integer;
import static io.vst.scenario.schema.ParamSpec.list;
import static io.vst.scenario.schema.ParamSpec.map;
import static io.vst.scenario.schema.ParamSpec.number;
import static io.vst.scenario.schema.ParamSpec.oneOf;
import static io.vst.scenario.schema.ParamSpec.string;

import io.vst.scenario.StepType;
import java.util.ArrayList;
import java.util.List;

/** The content of the built-in schema: every key, workload, step type and metric the guide names. */
public final class BuiltinSchema {

    static final Double ZERO = 0.0;
    static final Double ONE = 1.0;

    private BuiltinSchema() {
    }

    static List<ParamSpec> scenarioKeys() {
        return List.of(
                string("name", null, "Scenario name; used in the run directory name and reports.").asRequired(),
                string("description", null, "What the scenario tests (free text, may span lines)."),
                string("dataset", null, "Dataset for every step that does not name its own (e.g. openai-5m, "
                        + "synthetic-128); see config/datasets.yaml."),
                number("timeout_seconds", null, ZERO, null, "Abort the whole run after this many seconds."),
                map("metadata", "Free-form information (author, version, tags, requirements); stored with the run."),
                map("global_config", "Defaults for every step; see the global_config keys."),
                map("index", "The valkey-search index the scenario works on; see the index keys."),
                list("steps", "The ordered list of steps.").asRequired());
    }

    static List<ParamSpec> globalConfigKeys() {
        return List.of(
                integer("n_threads", 4, ONE, 4096.0, "Worker threads generating load."),
                integer("n_clients", 8, ONE, 100_000.0, "Connections to the server, shared by the worker threads."),
                integer("n_clients_per_thread", null, ONE, 100_000.0,
                        "Connections per thread; when set, n_clients = n_threads x this."),
                integer("batch_size", 1000, ONE, 1_000_000.0, "Commands pipelined per client round trip."),
                integer("max_batch_size", 10000, ONE, 1_000_000.0, "Upper bound for any batch size a step asks for."),
                number("operation_timeout", 30.0, ZERO, null, "Seconds before a single command times out."),
                number("step_timeout", null, ZERO, null, "Seconds before a step fails (none by default)."),
                integer("max_retries", 3, ZERO, 1000.0, "Retries of a failed operation or step."),
                number("retry_delay", 1.0, ZERO, null, "Seconds between retries."),
                bool("continue_on_error", false, "Keep running later steps after a step fails."),
                number("max_memory_usage_mb", null, ZERO, null,
                        "Stop the run when server used_memory passes this many MB."),
                number("memory_warning_threshold", 0.8, ZERO, ONE,
                        "Warn when used memory passes this fraction of max_memory_usage_mb (or maxmemory)."),
                integer("redis_pool_size", null, ONE, 100_000.0, "Size of the connection pool (default n_clients)."),
                number("connection_timeout", 30.0, ZERO, null, "Seconds to wait when connecting."),
                number("metrics_collection_interval", 1.0, 0.01, 3600.0, "Seconds between server metric samples."),
                bool("enable_detailed_logging", false, "Log every batch at DEBUG level."),
                bool("enable_vector_caching", false, "Keep decoded dataset vectors in memory for reuse."),
                integer("vector_cache_size", 10000, ZERO, null, "Vectors kept when vector caching is on."),
                bool("use_connection_pooling", true, "Reuse connections from a pool."),
                bool("verify_operations", false, "Read back what was written to confirm it."),
                bool("record_operation_times", true, "Record per-operation latency histograms."),
                bool("detailed_error_reporting", true, "Record every distinct error with its first occurrence."),
                bool("skip_verification", false, "Skip all verification for speed (overrides verify_* flags)."));
    }

    /**
     * A setting of the guide that vst accepts but cannot honour, with why: the validator warns at the key's
     * line when it is given {@code value} (any value when null).
     */
    public record NoEffect(String key, Object value, String why) {
    }

    /** The global_config keys (and parameters of the same name) that vst warns about. */
    public static List<NoEffect> configKeysWithoutEffect() {
        return List.of(
                new NoEffect("enable_vector_caching", Boolean.TRUE, "vst keeps no vector cache: dataset rows are "
                        + "read from memory-mapped files (the OS page cache keeps them) or computed (synthetic)"),
                new NoEffect("vector_cache_size", null, "vst keeps no vector cache: dataset rows are read from "
                        + "memory-mapped files (the OS page cache keeps them) or computed (synthetic)"),
                new NoEffect("record_operation_times", Boolean.FALSE, "vst always records per-operation latency: "
                        + "its throughput and latency figures come from the same histograms, at well under a "
                        + "microsecond per batch"));
    }

    /** The parameters of step types and workloads that vst warns about, by step type or workload name. */
    public static List<NoEffect> parametersWithoutEffect(String stepTypeOrWorkload) {
        return switch (stepTypeOrWorkload) {
            case "query" -> List.of(new NoEffect("record_latencies", Boolean.FALSE, "vst always records per-query "
                    + "latency: the step's throughput and latency figures come from the same histograms"));
            case "checkpoint" -> List.of(new NoEffect("collect_memory_metrics", Boolean.FALSE, "a checkpoint always "
                    + "records the server's memory figures, they are what it is for; collect_full_metrics: false "
                    + "makes it cheaper"));
            default -> List.of();
        };
    }

    static List<ParamSpec> indexKeys() {
        return List.of(
                string("name", "vst_idx", "Index name."),
                string("prefix", "vec:", "Key prefix; vst only touches keys under it."),
                oneOf("algorithm", "hnsw", List.of("hnsw", "flat"), "Vector index algorithm."),
                oneOf("distance_metric", null, List.of("l2", "ip", "cosine"), "Distance metric (default: the dataset's)."),
                integer("dimensions", null, ONE, 32768.0, "Vector dimension (default: the dataset's)."),
                integer("m", 16, ONE, 512.0, "HNSW M: graph links per node."),
                integer("ef_construction", 200, ONE, 4096.0, "HNSW EF_CONSTRUCTION."),
                integer("ef_runtime", 10, ONE, 4096.0, "HNSW EF_RUNTIME default for queries."),
                integer("initial_cap", null, ONE, 1.0e9, "INITIAL_CAP: vectors preallocated."),
                integer("block_size", null, ONE, 1_000_000.0, "FLAT BLOCK_SIZE."),
                list("fields", "Extra attributes for filtered queries: [{name, type: tag|numeric, source}], at most 1000."),
                bool("recreate_index", true, "Drop and recreate the index (and its keys) before the first step."));
    }

    static List<ParamSpec> fieldKeys() {
        return List.of(
                string("name", null, "Attribute name.").asRequired(),
                oneOf("type", null, List.of("tag", "numeric"), "Attribute type.").asRequired(),
                string("source", null, "Where values come from, e.g. row_mod:10, random, dataset column name."));
    }

    static List<ParamSpec> commonStepKeys() {
        return List.of(
                string("name", null, "Unique step name; may contain ${loop_index} inside loops.").asRequired(),
                oneOf("type", null, List.of("workload", "checkpoint", "wait", "cleanup", "conditional", "parallel",
                        "loop"), "Step type.").asRequired(),
                string("description", null, "What the step does."),
                map("config", "Overrides of global_config keys for this step."),
                map("parameters", "Parameters of the step type or workload."),
                number("duration_seconds", null, ZERO, null, "Run for this long."),
                integer("max_operations", null, ONE, null, "Stop after this many operations."),
                number("timeout_seconds", null, ZERO, null, "Fail the step after this long (default step_timeout)."),
                map("error_handling", "{on_failure: continue|stop|retry, max_retries, retry_delay}."),
                oneOf("trigger", "always", List.of("always", "on_previous_error"),
                        "on_previous_error: run only when the previous step failed."),
                string("dataset", null, "Dataset for this step (default: the scenario's)."),
                map("index", "Index for this step (default: the scenario's)."));
    }

    static List<ParamSpec> errorHandlingKeys() {
        return List.of(
                oneOf("on_failure", "stop", List.of("continue", "stop", "retry"),
                        "When the step fails: continue with the next step, stop the run, or retry then stop."),
                integer("max_retries", null, ZERO, 1000.0, "Retries before continuing or stopping (default: global "
                        + "max_retries for retry, 0 for continue and stop)."),
                number("retry_delay", null, ZERO, null, "Seconds between retries (default global retry_delay)."));
    }

    static List<ParamSpec> conditionKeys() {
        return List.of(
                string("metric", null, "Metric to test; see the metric catalogue.").asRequired(),
                oneOf("operator", null, List.of("greater_than", "less_than", "greater_or_equal", "less_or_equal",
                        "equals", "not_equals", ">", "<", ">=", "<=", "==", "!="), "Comparison.").asRequired(),
                number("value", null, null, null, "Value to compare with, in the metric's unit.").asRequired());
    }

    static List<WorkloadSpec> workloads() {
        return BuiltinWorkloads.all();
    }

    static List<StepTypeSpec> stepTypes() {
        List<StepTypeSpec> out = new ArrayList<>();
        out.add(new StepTypeSpec(StepType.WORKLOAD, "Runs a workload against the server.",
                with(string("workload", null, "Workload name: ingest, query, shrink, update, mixed, a plugin name "
                        + "or a fully-qualified class name.").asRequired()), List.of()));
        out.add(new StepTypeSpec(StepType.CHECKPOINT, "Collects server metrics and analyses memory at this point.",
                with(number("interval_seconds", null, 0.001, null,
                        "Inside a parallel step: repeat every this many seconds until the siblings end.")),
                List.of(
                        bool("collect_full_metrics", true, "INFO, MEMORY STATS, FT.INFO and client metrics."),
                        bool("collect_memory_metrics", true, "Memory figures only (cheaper)."),
                        bool("force_gc", false, "MEMORY PURGE before measuring."),
                        bool("analyze_fragmentation", false, "Allocator and RSS fragmentation figures."),
                        bool("detect_memory_leaks", false, "Trend of memory per live vector across checkpoints, with a verdict."),
                        bool("analyze_memory_trends", false, "Memory growth rate across checkpoints."),
                        bool("generate_report", false, "Write the analysis report at this point."),
                        bool("generate_performance_report", false, "Write latency/throughput report at this point."),
                        bool("analyze_bottlenecks", false, "Point out the limiting resource (CPU, memory, clients)."),
                        string("compare_with", null, "Name or tag of an earlier checkpoint to report deltas against."),
                        string("tag", null, "Label for this checkpoint; may contain ${loop_index}."),
                        bool("check_available_memory", false, "Fail unless min_available_mb of memory is free."),
                        number("min_available_mb", null, ZERO, null, "Memory that must be free (MB)."),
                        number("memory_threshold_mb", null, ZERO, null, "used_memory level that triggers action_on_threshold."),
                        oneOf("action_on_threshold", "warn", List.of("pause", "stop", "warn"),
                                "What to do when used memory passes memory_threshold_mb."))));
        out.add(new StepTypeSpec(StepType.WAIT, "Pauses for a time or until memory is stable.", with(), List.of(
                number("duration_seconds", null, ZERO, null, "Wait this long."),
                string("reason", null, "Why (shown in the log and the report)."),
                bool("wait_for_memory_stable", false, "Wait until used memory stays within the tolerance."),
                number("memory_stability_window", 30.0, 0.001, null, "Seconds memory must stay stable."),
                number("max_wait_seconds", 300.0, ZERO, null, "Give up waiting for stability after this long."),
                number("stability_tolerance_percent", 1.0, ZERO, 100.0, "Allowed memory change within the window."))));
        out.add(new StepTypeSpec(StepType.CLEANUP, "Removes the tool's keys and/or its index.", with(), List.of(
                oneOf("cleanup_type", "full", List.of("full", "partial", "index_only"),
                        "full: keys and index; partial: keys only; index_only: drop the index only."),
                bool("preserve_connections", true, "Keep client connections open."),
                bool("force_cleanup", false, "MEMORY PURGE after deleting, so freed memory goes back to the OS at once."))));
        out.add(new StepTypeSpec(StepType.CONDITIONAL, "Runs if_true or if_false depending on a metric at run time.",
                with(map("condition", "{metric, operator, value}.").asRequired(),
                        list("if_true", "Steps run when the condition holds."),
                        list("if_false", "Steps run otherwise.")), List.of()));
        out.add(new StepTypeSpec(StepType.PARALLEL, "Runs its steps at the same time; ends when all end.",
                with(list("steps", "Steps to run concurrently.").asRequired()), List.of()));
        out.add(new StepTypeSpec(StepType.LOOP, "Repeats its steps; ${loop_index} is the iteration number, counting from 0.",
                with(integer("iterations", null, ONE, 1_000_000.0, "Number of repetitions.").asRequired(),
                        list("steps", "Steps of one iteration.").asRequired()), List.of()));
        return out;
    }

    private static List<ParamSpec> with(ParamSpec... extra) {
        List<ParamSpec> keys = new ArrayList<>(commonStepKeys());
        keys.addAll(List.of(extra));
        return keys;
    }

    static List<MetricSpec> metrics() {
        return List.of(
                new MetricSpec("memory_usage_mb", "MB", "Server used_memory (same as used_memory_mb)."),
                new MetricSpec("used_memory_mb", "MB", "Server used_memory."),
                new MetricSpec("rss_mb", "MB", "Server resident set size (used_memory_rss)."),
                new MetricSpec("dataset_memory_mb", "MB", "used_memory_dataset."),
                new MetricSpec("fragmentation_ratio", "ratio", "mem_fragmentation_ratio (RSS / used)."),
                new MetricSpec("allocator_fragmentation_ratio", "ratio", "allocator_frag_ratio (active / allocated)."),
                new MetricSpec("live_vectors", "count", "Vectors the client tracks as live."),
                new MetricSpec("num_docs", "count", "FT.INFO num_docs of the index."),
                new MetricSpec("search_memory_mb", "MB", "Memory used by the search module."),
                new MetricSpec("ops_per_second", "ops/s", "Throughput of the previous workload step."),
                new MetricSpec("p50_latency_ms", "ms", "Median latency of the previous workload step."),
                new MetricSpec("p99_latency_ms", "ms", "99th percentile latency of the previous workload step."),
                new MetricSpec("p999_latency_ms", "ms", "99.9th percentile latency of the previous workload step."),
                new MetricSpec("error_count", "count", "Errors so far in the run."),
                new MetricSpec("error_rate", "ratio", "Errors / operations of the previous workload step."),
                new MetricSpec("recall", "ratio", "Mean recall of the previous query step."),
                new MetricSpec("elapsed_seconds", "s", "Time since the run started."),
                new MetricSpec("dbsize", "count", "Keys in the selected database."),
                new MetricSpec("available_memory_mb", "MB", "maxmemory - used_memory, or free host memory when no maxmemory."),
                new MetricSpec("maxmemory_mb", "MB", "Server maxmemory (0 = unlimited)."));
    }
}
