package io.vst;

/**
 * A failure vst reports to its user in words, without a stack trace.
 *
 * <p>{@link Kind#INVALID_INPUT} means the user gave something vst cannot use (a scenario, a file, a
 * flag): the CLI exits 2. {@link Kind#RUNTIME} means the work itself failed (a server went away, a
 * step failed): the CLI exits 1. The message names what went wrong; {@link #hint()} says how to fix it.
 */
public class VstException extends RuntimeException {

    /** Which kind of failure this is; decides the CLI exit code. */
    public enum Kind { INVALID_INPUT, RUNTIME }

    private final Kind kind;
    private final String hint;

    public VstException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public VstException(Kind kind, String message, String hint) {
        this(kind, message, hint, null);
    }

    public VstException(Kind kind, String message, String hint, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.hint = hint;
    }

    public static VstException invalidInput(String message, String hint) {
        return new VstException(Kind.INVALID_INPUT, message, hint);
    }

    public static VstException runtime(String message, Throwable cause) {
        return new VstException(Kind.RUNTIME, message, null, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** How to fix it, or {@code null}. */
    public String hint() {
        return hint;
    }
}
