package io.vst.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root {@code vst} command; each capability is a subcommand. */
@Command(name = "vst",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Memory and performance stress testing of Valkey with the valkey-search vector module.",
            "",
            "Write a scenario (YAML), check it, then run it against a server: vst measures what "
                + "vectors cost in memory, whether memory comes back after deletes, and how latency and "
                + "recall behave while data grows and shrinks.",
        },
        footer = {
            "",
            "Examples:",
            "  vst scenario list                          built-in scenarios",
            "  vst scenario validate --scenario my.yaml   check a scenario file",
            "  vst run --scenario quickstart --dry-run    show the execution plan",
            "",
            "Exit codes: 0 ok, 1 runtime failure, 2 invalid input, 3 regression found.",
        })
public final class VstCommand implements Runnable {

    /**
     * The subcommands, in the order help lists them. {@link Main} adds them, not the annotation: building
     * picocli's model of all of them took about 170 ms of a 0.3 s {@code vst --version}, so a command line
     * that names one gets that one only (see {@code Main.newCommandLine}).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, ScenarioCommand.class, WorkloadCommand.class,
            DatasetCommand.class, ReportCommand.class, CompareCommand.class, MergeCommand.class, CapacityCommand.class,
            InfoCommand.class, WatchCommand.class, GuiCommand.class);

    @Option(names = "--log-level", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "Log verbosity: ERROR, WARN (default), INFO, DEBUG, TRACE.")
    void setLogLevel(String level) {
        LogLevels.apply(level);
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
