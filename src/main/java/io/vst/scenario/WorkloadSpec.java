package io.vst.scenario;

import java.util.List;
import java.util.Optional;

/**
 * A workload's schema: its name, what it does and its parameters.
 *
 * @param builtin {@code false} for workloads contributed by plugins
 */
public record WorkloadSpec(String name, String doc, List<ParamSpec> parameters, boolean builtin) {
    public WorkloadSpec {
        parameters = List.copyOf(parameters);
    }

    public Optional<ParamSpec> parameter(String key) {
        return parameters.stream().filter(p -> p.key().equals(key)).findFirst();
    }
}
