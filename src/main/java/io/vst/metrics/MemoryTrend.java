package io.vst.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The verdict of the memory-trend analysis (a checkpoint's {@code detect_memory_leaks} /
 * {@code analyze_memory_trends}), as checkpoints.jsonl, the CSV exports and the report spell it.
 *
 * <pre>{@code
 * MemoryTrend.parse("LEAK_SUSPECTED").spelling();   // "LEAK_SUSPECTED"
 * }</pre>
 */
public enum MemoryTrend {
    /** Memory per live vector held within the leak threshold. */
    STABLE("STABLE"),
    /** Memory per live vector grew past the leak threshold. */
    LEAK_SUSPECTED("LEAK_SUSPECTED"),
    /** Too few checkpoints with live vectors to judge. */
    INSUFFICIENT_DATA("INSUFFICIENT_DATA");

    private final String spelling;

    MemoryTrend(String spelling) {
        this.spelling = spelling;
    }

    /** The text in the run directory's files. */
    @JsonValue
    public String spelling() {
        return spelling;
    }

    /**
     * The verdict spelled {@code text}.
     *
     * @throws IllegalArgumentException for any other text
     */
    @JsonCreator
    public static MemoryTrend parse(String text) {
        for (MemoryTrend t : values()) {
            if (t.spelling.equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "not a memory-trend verdict: '%s'", text));
    }

    @Override
    public String toString() {
        return spelling;
    }
}
