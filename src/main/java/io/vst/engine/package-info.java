/**
 * Running a scenario: {@link io.vst.engine.RunPlan} (the frozen, estimated copy), {@link io.vst.engine.Runner},
 * the step bodies, the server session, preflight checks and the {@link io.vst.engine.RunListener} events.
 */
package io.vst.engine;
