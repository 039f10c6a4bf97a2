/**
 * The one description of the scenario language: {@link io.vst.scenario.schema.SchemaRegistry} of keys, step
 * types, workloads, parameters, defaults and traits, shared by validation, editor completion and docs.
 */
package io.vst.scenario.schema;
