package io.vst.workload;

import io.vst.scenario.schema.ParamSpec;
import io.vst.scenario.schema.WorkloadSpec;
import io.vst.scenario.schema.WorkloadTraits;
import java.util.List;

/**
 * The service interface of plugin workloads, found with {@link java.util.ServiceLoader} in jars of a
 * plugins directory ({@code ~/.config/vst/plugins} or {@code --plugins DIR}). A provider names its
 * workload, declares its parameters (so scenarios are validated against them, and {@code vst workload
 * list} and the editor can show them) and creates a fresh {@link Workload} for each step.
 *
 * <p>A jar lists its providers in {@code META-INF/services/io.vst.workload.WorkloadProvider}, one class
 * name per line. A complete example project is in {@code examples/ping-workload}:
 *
 * <pre>{@code
 * public final class PingProvider implements WorkloadProvider {
 *     public String name() { return "ping"; }
 *     public String description() { return "PING the server for the step's duration"; }
 *     public List<ParamSpec> parameters() {
 *         return List.of(ParamSpec.integer("pause_ms", 0, 0.0, 10_000.0, "Pause between pings"));
 *     }
 *     public Workload create() { return new PingWorkload(); }
 * }
 * }</pre>
 */
public interface WorkloadProvider {

    /** The name scenarios use in {@code workload:}; must not clash with a built-in. */
    String name();

    /** One sentence for {@code vst workload list} and the editor. */
    String description();

    /** The parameters the workload accepts, with types, defaults and ranges. */
    List<ParamSpec> parameters();

    /** A new workload instance for one step. */
    Workload create();

    /**
     * What the workload needs from a run and does to its live vectors (see {@link WorkloadTraits}): by
     * default nothing — no dataset, index or search module, an unknown effect on the live set, no estimate.
     * A workload that sends FT.* queries says so here, so a server without the module is refused before
     * the run starts.
     */
    default WorkloadTraits traits() {
        return WorkloadTraits.UNDECLARED;
    }

    /** The schema entry of this workload. */
    default WorkloadSpec spec() {
        return new WorkloadSpec(name(), description(), parameters(), false, traits());
    }
}
