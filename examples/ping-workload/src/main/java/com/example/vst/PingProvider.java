package com.example.vst;

import io.vst.scenario.schema.ParamSpec;
import io.vst.workload.Workload;
import io.vst.workload.WorkloadProvider;
import java.util.List;

/** Registers the "ping" workload with vst (listed in META-INF/services/io.vst.workload.WorkloadProvider). */
public final class PingProvider implements WorkloadProvider {

    @Override
    public String name() {
        return "ping";
    }

    @Override
    public String description() {
        return "PING the server one request at a time for the step's duration";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.integer("pause_ms", 0, 0.0, 60_000.0, "Milliseconds to pause between pings"));
    }

    @Override
    public Workload create() {
        return new PingWorkload();
    }
}
