package io.vst.scenario;

/**
 * The test of a conditional step, e.g. {@code memory_usage_mb greater_than 4096}; metric names come
 * from {@link io.vst.scenario.schema.SchemaRegistry#conditionMetrics()}.
 */
public record Condition(String metric, Operator operator, double value) {
}
