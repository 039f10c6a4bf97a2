package io.vst.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** Entry point of the {@code vst} command line. */
public final class Main {

    public static final int EXIT_OK = 0;
    public static final int EXIT_RUNTIME = 1;
    public static final int EXIT_INVALID = 2;

    private Main() {
    }

    @SuppressForbidden // the one place vst reaches the process's standard streams
    public static void main(String[] args) {
        if (args.length == 0 || !"gui".equals(args[0])) {
            // Charts are rendered off screen: no display is needed (or wanted) outside the workbench.
            System.setProperty("java.awt.headless", "true");
        }
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the CLI with the given arguments, writing to the given streams; never throws.
     *
     * @return the process exit code: 0 ok, 1 runtime failure, 2 invalid input, 3 regression found
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cmd = newCommandLine(out, err, args);
        return cmd.execute(args);
    }

    /** The whole command line, every subcommand in it. */
    static CommandLine newCommandLine(PrintStream out, PrintStream err) {
        return newCommandLine(out, err, (String[]) null);
    }

    /**
     * The command line for {@code args}: when its first word (options before it aside) names a
     * subcommand, only that subcommand is in it, and {@code vst --version} alone has none; anything else
     * (help, a word that names no command) gets them all, so help and errors list every command.
     */
    static CommandLine newCommandLine(PrintStream out, PrintStream err, String... args) {
        CommandLine cmd = new CommandLine(new VstCommand());
        for (Class<?> sub : subcommandsFor(args)) {
            cmd.addSubcommand(sub);
        }
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setUsageHelpAutoWidth(true);
        addHelpEverywhere(cmd);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> CliErrors.failed(ex, commandLine));
        cmd.setParameterExceptionHandler((ex, words) -> CliErrors.badCommandLine(ex));
        cmd.setExecutionStrategy(Main::execute);
        return cmd;
    }

    private static List<Class<?>> subcommandsFor(String[] args) {
        if (args == null) {
            return VstCommand.SUBCOMMANDS;
        }
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            return List.of();
        }
        for (int i = 0; i < args.length; i++) {
            if ("--log-level".equals(args[i])) {
                i++;
            } else if (!args[i].startsWith("-")) {
                for (Class<?> sub : VstCommand.SUBCOMMANDS) {
                    Command c = sub.getAnnotation(Command.class);
                    if (c.name().equals(args[i]) || Arrays.asList(c.aliases()).contains(args[i])) {
                        return List.of(sub);
                    }
                }
                break;
            }
        }
        return VstCommand.SUBCOMMANDS;
    }

    /** Gives every command and subcommand {@code -h/--help}, so new commands cannot forget it. */
    private static void addHelpEverywhere(CommandLine cmd) {
        CommandSpec spec = cmd.getCommandSpec();
        boolean hasHelp = spec.options().stream().anyMatch(OptionSpec::usageHelp);
        if (!hasHelp && spec.findOption("--help") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
        }
        cmd.getSubcommands().values().forEach(Main::addHelpEverywhere);
    }

    /**
     * Runs the last command named, after refusing words that name no command: picocli would otherwise
     * answer {@code vst forecast --help} with the top-level help and exit 0.
     */
    private static int execute(ParseResult parsed) {
        ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        List<String> unmatched = last.unmatched();
        if (!unmatched.isEmpty()) {
            return CliErrors.unknownWord(last.commandSpec().commandLine(), unmatched.get(0));
        }
        return new CommandLine.RunLast().execute(parsed);
    }
}
