package io.vst.engine;

/**
 * How to turn a scenario into a {@link RunPlan}.
 *
 * @param timeScale multiplies every explicit duration: workload duration_seconds, wait durations, stability
 *     windows, checkpoint intervals and timeouts (step and scenario); 1.0 runs the scenario as written, 0.01
 *     makes a 10-minute soak take 6 seconds for a smoke test. Work measured in vectors is not scaled.
 * @param onlyStep plan just this step (name or id, as {@code --step NAME}), or {@code null} for all
 */
public record PlanOptions(double timeScale, String onlyStep) {

    public PlanOptions {
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw io.vst.VstException.invalidInput("Time scale must be a positive number, got " + timeScale,
                    "e.g. 1.0 to run as written, 0.1 for a ten times shorter run");
        }
    }

    public static PlanOptions defaults() {
        return new PlanOptions(1.0, null);
    }
}
