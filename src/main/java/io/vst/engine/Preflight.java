package io.vst.engine;

import io.vst.VstException;
import io.vst.scenario.WorkloadStep;
import io.vst.valkey.ServerCapabilities;
import io.vst.workload.MixedWorkload;
import io.vst.workload.WorkloadRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, before the first step, that the server can do what the scenario asks: a capability the
 * server lacks fails the run up front, naming the steps that need it — never halfway through.
 */
final class Preflight {

    private Preflight() {
    }

    /**
     * Whether a step sends FT.* queries: every query step, and a mixed step whose query share is above 0
     * (a mixed step of ingest / update / delete alone runs on plain Valkey).
     */
    static boolean needsSearch(PlannedStep s) {
        if (!(s.step() instanceof WorkloadStep w)) {
            return false;
        }
        return switch (w.workload()) {
            case "query" -> true;
            case "mixed" -> MixedWorkload.queryShare(s.parameters()) > 0;
            default -> false;
        };
    }

    static void check(RunPlan plan, ServerCapabilities caps, String address, WorkloadRegistry workloads) {
        List<String> needSearch = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (PlannedStep s : plan.flatten()) {
            if (s.step() instanceof WorkloadStep w) {
                if (needsSearch(s)) {
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
