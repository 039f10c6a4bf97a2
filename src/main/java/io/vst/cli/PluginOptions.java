package io.vst.cli;

import io.vst.engine.RunEnvironment;
import io.vst.workload.WorkloadRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --plugins DIR}: where plugin workload jars are found, besides {@code ~/.config/vst/plugins}. */
public final class PluginOptions {

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Folder of plugin workload jars (repeatable); ~/.config/vst/plugins is always searched.")
    List<Path> dirs = new ArrayList<>();

    private WorkloadRegistry registry;

    /** The built-in workloads plus every plugin found; loaded once. */
    public WorkloadRegistry registry() {
        if (registry == null) {
            registry = RunEnvironment.plugins(dirs);
        }
        return registry;
    }

    /** The folders given with {@code --plugins}. */
    public List<Path> dirs() {
        return List.copyOf(dirs);
    }
}
