package io.vst.testsupport;

import io.vst.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** {@code vst ARGS} run in this JVM as {@code Main} runs it, with what it printed and its exit code. */
public final class VstCli {

    private VstCli() {
    }

    /** The exit code and everything written to standard output and standard error. */
    public record Result(int code, String out, String err) {
    }

    public static Result vst(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
