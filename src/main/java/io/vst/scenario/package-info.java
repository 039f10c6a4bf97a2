/**
 * The scenario as data: immutable records of the scenario, its global config, index, steps and their parts,
 * with the source spans and diagnostics every layer reports in. Knows no YAML, schema, validator or server.
 */
package io.vst.scenario;
