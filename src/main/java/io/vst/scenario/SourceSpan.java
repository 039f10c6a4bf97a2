package io.vst.scenario;

/**
 * Where something sits in a source file: 1-based line and column of its start and end.
 *
 * <p>Diagnostics, the editor's squiggles and the step tree all point into the text through spans,
 * for example {@code new SourceSpan("my.yaml", 12, 7, 12, 21)} covers columns 7 to 21 of line 12.
 */
public record SourceSpan(String file, int line, int column, int endLine, int endColumn) {

    /** A span for things that have no known position (built in code, not read from a file). */
    public static final SourceSpan UNKNOWN = new SourceSpan("<unknown>", 0, 0, 0, 0);

    /** A single-point span at {@code line:column}. */
    public static SourceSpan at(String file, int line, int column) {
        return new SourceSpan(file, line, column, line, column);
    }

    /** Whether this span points at a real position. */
    public boolean known() {
        return line > 0;
    }

    /** {@code file:line:col}, or just the file name when the position is unknown. */
    public String location() {
        return known() ? file + ":" + line + ":" + column : file;
    }
}
