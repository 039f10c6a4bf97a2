package io.vst.scenario;

/**
 * One finding about a scenario: what is wrong, where, and how to fix it.
 *
 * <p>{@link #format()} gives the compiler-style line every tool understands:
 * <pre>
 * my.yaml:12:7: error: Missing required parameter 'target_vectors'
 *     hint: ingest needs the absolute number of live vectors after the step, e.g. target_vectors: 100000
 * </pre>
 *
 * @param hint how to fix it, or {@code null}
 */
public record Diagnostic(Severity severity, String message, SourceSpan span, String hint) {

    public Diagnostic {
        span = span == null ? SourceSpan.UNKNOWN : span;
    }

    public static Diagnostic error(SourceSpan span, String message, String hint) {
        return new Diagnostic(Severity.ERROR, message, span, hint);
    }

    public static Diagnostic warning(SourceSpan span, String message, String hint) {
        return new Diagnostic(Severity.WARNING, message, span, hint);
    }

    public static Diagnostic info(SourceSpan span, String message, String hint) {
        return new Diagnostic(Severity.INFO, message, span, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** A copy with the given severity (used to turn warnings into errors under {@code --strict}). */
    public Diagnostic withSeverity(Severity s) {
        return new Diagnostic(s, message, span, hint);
    }

    /** {@code file:line:col: error: message}, plus an indented hint line when there is a hint. */
    public String format() {
        String head = span.location() + ": " + severity.label() + ": " + message;
        return hint == null ? head : head + "\n    hint: " + hint;
    }
}
