package io.vst.cli;

import io.vst.scenario.schema.ScenarioDocs;
import io.vst.scenario.schema.SchemaRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vst workload ...}: what workloads exist and what they take. */
@Command(name = "workload", mixinStandardHelpOptions = true, description = "Workloads a workload step can run.",
        subcommands = {WorkloadCommand.ListWorkloads.class})
public final class WorkloadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Main.EXIT_OK;
    }

    /** {@code vst workload list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the workloads (built-in and from plugins) with their parameters, types and defaults.")
    static final class ListWorkloads implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        PluginOptions plugins;

        @Override
        public Integer call() {
            return ScenarioCommand.printText(spec, ScenarioDocs.workloads(plugins.registry()
                    .schema(SchemaRegistry.builtin())));
        }
    }
}
