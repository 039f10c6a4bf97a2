package io.vst.scenario.schema;

import io.vst.scenario.StepType;
import java.util.List;
import java.util.Optional;

/**
 * A step type's schema: the keys the step mapping accepts and, for non-workload steps, its parameters
 * (workload steps take their parameters from the {@link WorkloadSpec}).
 */
public record StepTypeSpec(StepType type, String doc, List<ParamSpec> stepKeys, List<ParamSpec> parameters) {
    public StepTypeSpec {
        stepKeys = List.copyOf(stepKeys);
        parameters = List.copyOf(parameters);
    }

    public Optional<ParamSpec> parameter(String key) {
        return parameters.stream().filter(p -> p.key().equals(key)).findFirst();
    }
}
