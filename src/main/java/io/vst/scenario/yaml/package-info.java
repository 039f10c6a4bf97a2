/**
 * Reading scenario YAML: byte decoding, size and depth limits, the positioned node tree (file:line:col marks)
 * and {@link io.vst.scenario.yaml.ScenarioReader}, which builds the model plus diagnostics and never throws.
 */
package io.vst.scenario.yaml;
