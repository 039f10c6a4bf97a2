package io.vst.engine;

import io.vst.VstException;
import io.vst.metrics.HostMemory;
import io.vst.rundir.LogLevel;
import io.vst.scenario.WorkloadStep;
import io.vst.units.Units;
import io.vst.valkey.ServerCapabilities;
import io.vst.workload.WorkloadRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks, before the first step, that the server can do what the scenario asks: a capability the
 * server lacks fails the run up front, naming the steps that need it — never halfway through. So does a
 * plan whose estimated memory is above the server's {@code maxmemory} or, for the server vst starts
 * itself, above this machine's available memory — unless {@link RunOptions#allowLarge()} says to run
 * anyway ({@code --allow-large}), because the estimate is rough.
 */
final class Preflight {

    private Preflight() {
    }

    static void check(RunPlan plan, ServerSession session, RunOptions options,
            java.util.function.BiConsumer<LogLevel, String> log) {
        check(plan, session.capabilities(), session.address(), options.workloads());
        RunPlanEstimates.requireRunnable(plan);
        PlannedStep peak = plan.peakMemoryStep();
        if (peak == null) {
            return;
        }
        long need = RunPlanEstimates.memoryBytes(peak);
        long maxmemory = session.capabilities().maxmemory();
        double available = session.embedded() ? HostMemory.availableBytes() : Double.NaN;
        String limit = null;
        if (maxmemory > 0 && need > maxmemory) {
            limit = "the server's maxmemory of " + Units.bytes(maxmemory);
        } else if (!Double.isNaN(available) && need > available) {
            limit = "the " + Units.bytes((long) available) + " of memory available on this machine (MemAvailable)"
                    + " for the valkey-server vst starts";
        }
        if (limit == null) {
            return;
        }
        String what = String.format(Locale.ROOT, "Step '%s' is estimated to need %s of server memory for %,d vectors,"
                + " above %s", peak.name(), Units.bytes(need), peak.vectorsAfter(), limit);
        if (options.allowLarge()) {
            log.accept(LogLevel.WARN, what + "; running anyway (--allow-large)");
            return;
        }
        throw VstException.invalidInput(what, "lower target_vectors (or --vector-scale), or give the server more"
                + " memory; the estimate is rough: to run anyway, pass --allow-large");
    }

    /**
     * Whether a step sends FT.* queries, as its workload's traits say from its parameters: every query step,
     * a mixed step whose query share is above 0 (one of ingest / update / delete alone runs on plain Valkey),
     * and a plugin workload that declares it.
     */
    static boolean needsSearch(PlannedStep s, WorkloadRegistry workloads) {
        return s.step() instanceof WorkloadStep w && workloads.traits(w.workload()).needsSearch(s.parameters());
    }

    static void check(RunPlan plan, ServerCapabilities caps, String address, WorkloadRegistry workloads) {
        List<String> needSearch = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (PlannedStep s : plan.flatten()) {
            if (s.step() instanceof WorkloadStep w) {
                if (needsSearch(s, workloads)) {
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
