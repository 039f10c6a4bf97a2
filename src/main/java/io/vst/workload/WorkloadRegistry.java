package io.vst.workload;

import io.vst.VstException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The workloads vst knows by name; a fresh instance per step. */
public final class WorkloadRegistry {

    private static final WorkloadRegistry BUILTIN = new WorkloadRegistry(Map.of(
            "ingest", IngestWorkload::new,
            "shrink", ShrinkWorkload::new,
            "update", UpdateWorkload::new,
            "query", QueryWorkload::new,
            "mixed", MixedWorkload::new));

    private final Map<String, Supplier<Workload>> factories;

    private WorkloadRegistry(Map<String, Supplier<Workload>> factories) {
        this.factories = new LinkedHashMap<>(factories);
    }

    public static WorkloadRegistry builtin() {
        return BUILTIN;
    }

    public boolean knows(String name) {
        return factories.containsKey(name);
    }

    public Set<String> names() {
        return factories.keySet();
    }

    /** A new instance of workload {@code name}. */
    public Workload create(String name) {
        Supplier<Workload> f = factories.get(name);
        if (f == null) {
            throw VstException.invalidInput("Unknown workload '" + name + "'",
                    "see 'vst workload list' for the workloads available");
        }
        return f.get();
    }
}
