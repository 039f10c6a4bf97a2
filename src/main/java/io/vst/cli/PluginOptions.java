package io.vst.cli;

import io.vst.dataset.DatasetHome;
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
            List<Path> all = new ArrayList<>();
            all.add(DatasetHome.fromEnvironment().configDir().resolve("plugins"));
            all.addAll(dirs);
            for (Path d : dirs) {
                if (!d.toFile().isDirectory()) {
                    throw io.vst.VstException.invalidInput("Plugin folder " + d.toAbsolutePath() + " does not exist",
                            "give a folder that holds plugin .jar files");
                }
            }
            registry = WorkloadRegistry.withPlugins(all);
        }
        return registry;
    }
}
