package io.vst.engine;

/**
 * How to turn a scenario into a {@link RunPlan}.
 *
 * @param timeScale multiplies every duration of the run: workload duration_seconds, wait durations, stability
 *     windows, checkpoint intervals, timeouts (step and scenario), retry_delay, the hold of a memory-threshold
 *     pause and vst's waits for the index; not connection_timeout, operation_timeout or
 *     metrics_collection_interval. 1.0 runs the scenario as written, 0.01
 *     makes a 10-minute soak take 6 seconds for a smoke test. Work measured in vectors is not scaled.
 * @param onlyStep plan just this step (name or id, as {@code --step NAME}), or {@code null} for all
 * @param vectorScale multiplies every vector count (target_vectors, update_vectors, max_vectors), rounded;
 *     1.0 as written, 0.001 turns a 5M-vector scenario into a 5,000-vector trial
 * @param dataset a dataset that replaces the scenario's and every step's ({@code --dataset}), or null
 */
public record PlanOptions(double timeScale, String onlyStep, double vectorScale, String dataset) {

    public PlanOptions {
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw io.vst.VstException.invalidInput("Time scale must be a positive number, got " + timeScale,
                    "e.g. 1.0 to run as written, 0.1 for a ten times shorter run");
        }
        if (!(vectorScale > 0) || Double.isInfinite(vectorScale)) {
            throw io.vst.VstException.invalidInput("Vector scale must be a positive number, got " + vectorScale,
                    "e.g. 0.01 for a hundred times fewer vectors");
        }
    }

    public PlanOptions(double timeScale, String onlyStep) {
        this(timeScale, onlyStep, 1.0, null);
    }

    public static PlanOptions defaults() {
        return new PlanOptions(1.0, null);
    }
}
