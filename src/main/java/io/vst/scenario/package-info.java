/**
 * The scenario as data: immutable records, the YAML reader that keeps file:line:col spans, the validator and
 * the schema registry that validation, editor completion and {@code vst scenario docs} share. Knows no server.
 */
package io.vst.scenario;
