/**
 * Checking a read scenario: {@link io.vst.scenario.validate.ScenarioValidator} with its key, step, dataset and
 * live-vector checks and rules; {@link io.vst.scenario.validate.Scenarios} loads a file or built-in and validates it.
 */
package io.vst.scenario.validate;
