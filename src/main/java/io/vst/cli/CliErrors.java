package io.vst.cli;

import io.vst.VstException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Turns what went wrong under a command into the lines a user reads: a message, what to do, and the exit
 * code. No stack trace and no Java class name reaches the user; details go to the debug log.
 */
final class CliErrors {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CliErrors.class);
    /** Picocli quotes the cause of a conversion or setter failure as "(java.lang.Foo: text)". */
    private static final Pattern JAVA_DETAIL = Pattern.compile("\\s*\\((?:java|javax|io\\.vst|picocli)\\.[^)]*\\)");

    private CliErrors() {
    }

    /** Reports a bad command line (unknown option, bad value); always {@link Main#EXIT_INVALID}. */
    static int badCommandLine(CommandLine.ParameterException ex) {
        CommandLine c = ex.getCommandLine();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            return unknownWord(c, u.getUnmatched().get(0));
        }
        PrintWriter err = c.getErr();
        VstException vst = find(ex, VstException.class);
        if (vst != null) {
            err.println("error: " + vst.getMessage());
            if (vst.hint() != null) {
                err.println("  hint: " + vst.hint());
            }
        } else {
            err.println("error: " + JAVA_DETAIL.matcher(String.valueOf(ex.getMessage())).replaceAll(""));
        }
        err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
        return Main.EXIT_INVALID;
    }

    /** Reports a word on the command line that names no command, option or argument of {@code c}. */
    static int unknownWord(CommandLine c, String word) {
        boolean command = !c.getSubcommands().isEmpty() && !word.startsWith("-");
        String name = c.getCommandSpec().qualifiedName();
        PrintWriter err = c.getErr();
        err.println("error: " + (command ? "Unknown command '" + word + "' for '" + name + "'"
                : "Unknown option or argument '" + word + "'"));
        if (command) {
            err.println("  hint: commands: " + String.join(", ", c.getSubcommands().keySet()));
        }
        err.println("Try '" + name + " --help' for usage.");
        return Main.EXIT_INVALID;
    }

    /** Reports a failure while a command ran; returns the exit code it deserves. */
    static int failed(Exception ex, CommandLine commandLine) {
        PrintWriter err = commandLine.getErr();
        VstException vst = ex instanceof VstException v ? v : null;
        if (vst != null) {
            err.println("error: " + vst.getMessage());
            if (vst.hint() != null) {
                err.println("  hint: " + vst.hint());
            }
            if (vst.getCause() != null) {
                LOG.debug("cause of the error above", vst.getCause());
            }
            return vst.kind() == VstException.Kind.INVALID_INPUT ? Main.EXIT_INVALID : Main.EXIT_RUNTIME;
        }
        LOG.debug("failure", ex);
        FileSystemException fs = find(ex, FileSystemException.class);
        if (fs != null) {
            return fileProblem(fs, err);
        }
        InvalidPathException path = find(ex, InvalidPathException.class);
        if (path != null) {
            err.println("error: '" + path.getInput() + "' is not a valid path: " + path.getReason());
            err.println("  hint: check the path you gave");
            return Main.EXIT_INVALID;
        }
        IOException io = find(ex, IOException.class);
        if (io != null) {
            err.println("error: input/output failed: " + plain(io.getMessage()));
            err.println("  hint: check the disk and the paths given; --log-level DEBUG shows where it happened");
            return Main.EXIT_RUNTIME;
        }
        err.println("error: vst failed unexpectedly" + (ex.getMessage() == null ? "" : ": " + plain(ex.getMessage())));
        err.println("  hint: this is a fault in vst; run again with --log-level DEBUG for details and report it");
        return Main.EXIT_RUNTIME;
    }

    /** A path the user named that is missing, a file where a folder is needed, or not permitted. */
    private static int fileProblem(FileSystemException fs, PrintWriter err) {
        String file = fs.getFile() == null ? "a file" : "'" + fs.getFile() + "'";
        String what;
        String hint;
        if (fs instanceof NoSuchFileException) {
            what = file + " does not exist";
            hint = "check the path; create the folder first when vst should write there";
        } else if (fs instanceof AccessDeniedException) {
            what = "permission denied on " + file;
            hint = "choose a path you may read and write, or fix its permissions";
        } else if (fs instanceof NotDirectoryException || fs instanceof FileAlreadyExistsException
                || String.valueOf(fs.getReason()).contains("Not a directory")) {
            what = file + " is in the way: a file where a folder is needed";
            hint = "give a folder (or a path that does not exist yet)";
        } else {
            err.println("error: cannot use " + file + ": " + plain(fs.getReason()));
            err.println("  hint: check the path, the disk and the permissions");
            return Main.EXIT_RUNTIME;
        }
        err.println("error: " + what);
        err.println("  hint: " + hint);
        return Main.EXIT_INVALID;
    }

    private static String plain(String message) {
        return message == null ? "no detail" : JAVA_DETAIL.matcher(message).replaceAll("")
                .replaceAll("(?:java|javax)\\.[\\w.]*(?:Exception|Error):\\s*", "");
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
