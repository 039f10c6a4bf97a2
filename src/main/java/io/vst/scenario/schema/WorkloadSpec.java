package io.vst.scenario.schema;

import java.util.List;
import java.util.Optional;

/**
 * A workload's schema: its name, what it does, its parameters, and its {@link WorkloadTraits} (what it
 * needs from the run and what it does to the live set) — the one description of a workload that the
 * validator, the planner and the engine all read.
 *
 * @param builtin {@code false} for workloads contributed by plugins
 * @param traits what the workload needs and does; {@link WorkloadTraits#UNDECLARED} when it declares nothing
 */
public record WorkloadSpec(String name, String doc, List<ParamSpec> parameters, boolean builtin,
        WorkloadTraits traits) {

    public WorkloadSpec {
        parameters = List.copyOf(parameters);
        traits = traits == null ? WorkloadTraits.UNDECLARED : traits;
    }

    /** A workload that declares no traits. */
    public WorkloadSpec(String name, String doc, List<ParamSpec> parameters, boolean builtin) {
        this(name, doc, parameters, builtin, WorkloadTraits.UNDECLARED);
    }

    public Optional<ParamSpec> parameter(String key) {
        return parameters.stream().filter(p -> p.key().equals(key)).findFirst();
    }
}
