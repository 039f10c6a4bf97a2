package io.vst.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings shared by every step ({@code global_config}); steps override them with {@code config:} and
 * with parameters of the same name. Keys are the snake_case forms of the components; defaults and
 * documentation live in {@link io.vst.scenario.schema.SchemaRegistry#globalConfigKeys()}.
 *
 * <pre>
 * GlobalConfig c = GlobalConfig.defaults().withOverrides(Map.of("n_threads", 2, "batch_size", 500));
 * c.nThreads();   // 2
 * </pre>
 */
public record GlobalConfig(int nThreads, int nClients, Integer nClientsPerThread, int batchSize, int maxBatchSize,
        double operationTimeout, Double stepTimeout, int maxRetries, double retryDelay, boolean continueOnError,
        Double maxMemoryUsageMb, double memoryWarningThreshold, Integer redisPoolSize, double connectionTimeout,
        double metricsCollectionInterval, boolean enableDetailedLogging, boolean enableVectorCaching,
        int vectorCacheSize, boolean useConnectionPooling, boolean verifyOperations, boolean recordOperationTimes,
        boolean detailedErrorReporting, boolean skipVerification) {

    /** The defaults documented in the registry. */
    public static GlobalConfig defaults() {
        return new GlobalConfig(4, 8, null, 1000, 10000, 30.0, null, 3, 1.0, false, null, 0.8, null, 30.0, 1.0,
                false, false, 10000, true, false, true, true, false);
    }

    /**
     * A copy with the given snake_case keys replaced; keys that are not config keys are ignored, and
     * values are converted leniently (numbers from strings, etc.). A {@code null} value clears a nullable
     * setting. Callers validate first: an unconvertible value keeps the current setting.
     */
    public GlobalConfig withOverrides(Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            return this;
        }
        Map<String, Object> m = toMap();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (m.containsKey(e.getKey())) {
                m.put(e.getKey(), e.getValue());
            }
        }
        GlobalConfig cur = this;
        return new GlobalConfig(
                Values.asInt(m.get("n_threads"), cur.nThreads),
                Values.asInt(m.get("n_clients"), cur.nClients),
                Values.asNullableInt(m.get("n_clients_per_thread")),
                Values.asInt(m.get("batch_size"), cur.batchSize),
                Values.asInt(m.get("max_batch_size"), cur.maxBatchSize),
                Values.asDouble(m.get("operation_timeout"), cur.operationTimeout),
                Values.asNullableDouble(m.get("step_timeout")),
                Values.asInt(m.get("max_retries"), cur.maxRetries),
                Values.asDouble(m.get("retry_delay"), cur.retryDelay),
                Values.asBool(m.get("continue_on_error"), cur.continueOnError),
                Values.asNullableDouble(m.get("max_memory_usage_mb")),
                Values.asDouble(m.get("memory_warning_threshold"), cur.memoryWarningThreshold),
                Values.asNullableInt(m.get("redis_pool_size")),
                Values.asDouble(m.get("connection_timeout"), cur.connectionTimeout),
                Values.asDouble(m.get("metrics_collection_interval"), cur.metricsCollectionInterval),
                Values.asBool(m.get("enable_detailed_logging"), cur.enableDetailedLogging),
                Values.asBool(m.get("enable_vector_caching"), cur.enableVectorCaching),
                Values.asInt(m.get("vector_cache_size"), cur.vectorCacheSize),
                Values.asBool(m.get("use_connection_pooling"), cur.useConnectionPooling),
                Values.asBool(m.get("verify_operations"), cur.verifyOperations),
                Values.asBool(m.get("record_operation_times"), cur.recordOperationTimes),
                Values.asBool(m.get("detailed_error_reporting"), cur.detailedErrorReporting),
                Values.asBool(m.get("skip_verification"), cur.skipVerification));
    }

    /** Every setting under its snake_case key, in declaration order ({@code null} for unset nullable ones). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_threads", nThreads);
        m.put("n_clients", nClients);
        m.put("n_clients_per_thread", nClientsPerThread);
        m.put("batch_size", batchSize);
        m.put("max_batch_size", maxBatchSize);
        m.put("operation_timeout", operationTimeout);
        m.put("step_timeout", stepTimeout);
        m.put("max_retries", maxRetries);
        m.put("retry_delay", retryDelay);
        m.put("continue_on_error", continueOnError);
        m.put("max_memory_usage_mb", maxMemoryUsageMb);
        m.put("memory_warning_threshold", memoryWarningThreshold);
        m.put("redis_pool_size", redisPoolSize);
        m.put("connection_timeout", connectionTimeout);
        m.put("metrics_collection_interval", metricsCollectionInterval);
        m.put("enable_detailed_logging", enableDetailedLogging);
        m.put("enable_vector_caching", enableVectorCaching);
        m.put("vector_cache_size", vectorCacheSize);
        m.put("use_connection_pooling", useConnectionPooling);
        m.put("verify_operations", verifyOperations);
        m.put("record_operation_times", recordOperationTimes);
        m.put("detailed_error_reporting", detailedErrorReporting);
        m.put("skip_verification", skipVerification);
        return m;
    }

    /** Whether {@code key} is a global config key. */
    public static boolean isKey(String key) {
        return DEFAULT_KEYS.containsKey(key);
    }

    private static final Map<String, Object> DEFAULT_KEYS = defaults().toMap();
}
