package io.vst.engine;

import io.vst.VstException;
import io.vst.scenario.WorkloadStep;
import io.vst.valkey.ServerCapabilities;
import io.vst.workload.WorkloadRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks, before the first step, that the server can do what the scenario asks: a capability the
 * server lacks fails the run up front, naming the steps that need it — never halfway through.
 */
final class Preflight {

    private static final Set<String> NEEDS_SEARCH = Set.of("query", "mixed");

    private Preflight() {
    }

    static void check(RunPlan plan, ServerCapabilities caps, String address, WorkloadRegistry workloads) {
        List<String> needSearch = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (PlannedStep s : plan.flatten()) {
            if (s.step() instanceof WorkloadStep w) {
                if (NEEDS_SEARCH.contains(w.workload())) {
                    needSearch.add(s.name());
                }
                if (!workloads.knows(w.workload())) {
                    unknown.add(s.name() + " (" + w.workload() + ")");
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw VstException.invalidInput("Unknown workload in step(s): " + String.join(", ", unknown),
                    "see 'vst workload list' for the workloads available");
        }
        if (!needSearch.isEmpty() && !caps.hasSearch()) {
            throw new VstException(VstException.Kind.RUNTIME, "The server at " + address
                    + " has no valkey-search module, which step(s) " + String.join(", ", needSearch)
                    + " need to run vector queries",
                    "load the module: start valkey-server with --loadmodule /path/to/libsearch.so (with the"
                            + " embedded server: vst run --module /path/to/libsearch.so), or use a valkey-bundle"
                            + " server; or remove the query steps");
        }
    }
}
