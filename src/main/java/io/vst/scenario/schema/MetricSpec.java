package io.vst.scenario.schema;

/** A metric a conditional step can test, with its unit and meaning. */
public record MetricSpec(String name, String unit, String doc) {
}
