package io.vst.cli;

import io.vst.VstException;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code vst} command line. */
public final class Main {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Main.class);

    public static final int EXIT_OK = 0;
    public static final int EXIT_RUNTIME = 1;
    public static final int EXIT_INVALID = 2;

    private Main() {
    }

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
        CommandLine cmd = newCommandLine(out, err);
        return cmd.execute(args);
    }

    static CommandLine newCommandLine(PrintStream out, PrintStream err) {
        CommandLine cmd = new CommandLine(new VstCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setUsageHelpAutoWidth(true);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, commandLine));
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return EXIT_INVALID;
        });
        return cmd;
    }

    private static int report(Exception ex, CommandLine commandLine) {
        PrintWriter err = commandLine.getErr();
        if (ex instanceof VstException vst) {
            err.println("error: " + vst.getMessage());
            if (vst.hint() != null) {
                err.println("  hint: " + vst.hint());
            }
            if (vst.getCause() != null) {
                LOG.debug("cause of the error above", vst.getCause());
            }
            return vst.kind() == VstException.Kind.INVALID_INPUT ? EXIT_INVALID : EXIT_RUNTIME;
        }
        err.println("error: " + describe(ex));
        err.println("  This is a fault in vst; run again with --log-level DEBUG for details.");
        LOG.debug("unexpected failure", ex);
        return EXIT_RUNTIME;
    }

    static String describe(Throwable ex) {
        String msg = ex.getMessage();
        return ex.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }
}
