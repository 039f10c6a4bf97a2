package io.vst.engine;

import io.vst.scenario.GlobalConfig;
import io.vst.scenario.IndexSpec;
import io.vst.scenario.Parameters;
import io.vst.scenario.Step;
import java.util.List;

/**
 * One step of a {@link RunPlan}, with everything resolved: unique id and name, merged config, all
 * parameters with defaults, dataset, index and estimates.
 *
 * @param id unique path, e.g. {@code load_test_loop/2/load_iteration}
 * @param name unique display name after ${loop_index} substitution; loop children whose name has no
 *     ${loop_index} are called {@code <name>[i]}
 * @param step the step after substitution, durations scaled
 * @param depth 0 for top-level steps
 * @param config global_config &lt; step config &lt; parameters that are config keys &lt; the step's
 *     error_handling max_retries / retry_delay (they also govern a workload's retries of transient errors),
 *     durations scaled
 * @param parameters every registry parameter of the step or workload with defaults filled in (user values
 *     win), durations scaled
 * @param dataset the step's dataset or the scenario's ({@code null} when neither names one)
 * @param index the step's index, the scenario's, or the defaults
 * @param vectorsAfter estimated live vectors after the step; -1 when unknown
 * @param estimatedSeconds rough duration (explicit durations exactly, the rest from assumed throughput)
 * @param children parallel children, or a loop's iterations expanded (all iterations' steps in order)
 * @param ifTrue a conditional's if_true steps
 * @param ifFalse a conditional's if_false steps
 * @param retry the step's error handling, resolved
 * @param timeoutSeconds the step's timeout_seconds, else global step_timeout, scaled; 0 for none
 */
public record PlannedStep(String id, String name, Step step, int depth, GlobalConfig config, Parameters parameters,
        String dataset, IndexSpec index, long vectorsAfter, double estimatedSeconds, List<PlannedStep> children,
        List<PlannedStep> ifTrue, List<PlannedStep> ifFalse, RetryPolicy retry, double timeoutSeconds) {

    public PlannedStep {
        children = children == null ? List.of() : List.copyOf(children);
        ifTrue = ifTrue == null ? List.of() : List.copyOf(ifTrue);
        ifFalse = ifFalse == null ? List.of() : List.copyOf(ifFalse);
    }

    /** For workload steps the workload name, else the step type, e.g. {@code ingest} or {@code checkpoint}. */
    public String kind() {
        return step instanceof io.vst.scenario.WorkloadStep w ? w.workload() : step.type().yamlName();
    }
}
