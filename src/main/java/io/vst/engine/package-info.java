/**
 * Running a scenario: {@link io.vst.engine.RunPlan} (the frozen, estimated copy, every step's retries and timeout
 * resolved), {@link io.vst.engine.Runner}, the step runner (error handling, timeouts, parallel / loop / conditional)
 * over the leaf step bodies, the server session, preflight checks and the {@link io.vst.engine.RunListener} events.
 */
package io.vst.engine;
