package io.vst.engine;

import io.vst.VstException;
import io.vst.dataset.DatasetHome;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.workload.WorkloadRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What both faces run with: the workloads (built-ins plus plugins), the schema that validates scenarios
 * against them, and the run options (output folder, tool version, the workloads). Built once when the CLI
 * command or the workbench starts. Immutable; any thread.
 *
 * <pre>{@code
 * RunEnvironment env = RunEnvironment.load(List.of(Path.of("plugins")), Path.of("runs"));
 * ParseResult parsed = Scenarios.load("my.yaml", ValidationOptions.defaults(), env.schema());
 * RunPlan plan = RunPlan.of(parsed.scenario(), env.schema(), PlanOptions.defaults());
 * new Runner(plan, session, env.options(), listeners).run();
 * }</pre>
 *
 * @param workloads the built-in workloads and every plugin found
 * @param schema the built-in schema extended by the plugins' workloads
 * @param options run options with the output folder, this build's version and the workloads
 */
public record RunEnvironment(WorkloadRegistry workloads, SchemaRegistry schema, RunOptions options) {

    /**
     * Loads the plugins of {@code pluginDirs} and of {@code ~/.config/vst/plugins}; runs go under
     * {@code outputRoot}.
     *
     * @throws VstException INVALID_INPUT when a given folder does not exist or a plugin cannot be loaded
     */
    public static RunEnvironment load(List<Path> pluginDirs, Path outputRoot) {
        return of(plugins(pluginDirs), outputRoot);
    }

    /** The environment of {@code workloads}, runs under {@code outputRoot}. */
    public static RunEnvironment of(WorkloadRegistry workloads, Path outputRoot) {
        String version = RunEnvironment.class.getPackage().getImplementationVersion();
        RunOptions options = RunOptions.defaults().withOutputRoot(outputRoot)
                .withToolVersion(version == null ? "dev" : version).withWorkloads(workloads);
        return new RunEnvironment(workloads, workloads.schema(SchemaRegistry.builtin()), options);
    }

    /**
     * The built-in workloads plus the plugins in {@code ~/.config/vst/plugins} (when it exists) and in
     * each of {@code pluginDirs} (which must exist).
     */
    public static WorkloadRegistry plugins(List<Path> pluginDirs) {
        for (Path d : pluginDirs) {
            if (!Files.isDirectory(d)) {
                throw VstException.invalidInput("Plugin folder " + d.toAbsolutePath() + " does not exist",
                        "give a folder that holds plugin .jar files");
            }
        }
        List<Path> all = new ArrayList<>();
        all.add(DatasetHome.fromEnvironment().configDir().resolve("plugins"));
        all.addAll(pluginDirs);
        return WorkloadRegistry.withPlugins(all);
    }
}
