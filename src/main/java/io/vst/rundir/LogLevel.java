package io.vst.rundir;

/**
 * The level of a line in {@code vst.log} and the live log views, spelled as the log writes it.
 *
 * <pre>{@code
 * LogLevel.parse("WARN").spelling();   // "WARN"
 * }</pre>
 */
public enum LogLevel {
    /** Detail shown only when asked for ({@code enable_detailed_logging}, {@code --log-level DEBUG}). */
    DEBUG("DEBUG"),
    INFO("INFO"),
    WARN("WARN"),
    ERROR("ERROR");

    private final String spelling;

    LogLevel(String spelling) {
        this.spelling = spelling;
    }

    /** The text in vst.log. */
    public String spelling() {
        return spelling;
    }

    /**
     * The level spelled {@code text}.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static LogLevel parse(String text) {
        return Spellings.parse(values(), LogLevel::spelling, text, "log level");
    }

    @Override
    public String toString() {
        return spelling;
    }
}
