package io.vst.dataset;

import io.vst.VstException;
import java.util.Locale;

/** Which live ids a shrink removes first. */
public enum RemovalStrategy {
    /** Uniformly at random (seeded). */
    RANDOM,
    /** Earliest inserted first. */
    OLDEST,
    /** Latest inserted first. */
    NEWEST,
    /** Expanded ids first, highest expansion first; originals last. */
    EXPANSION_PRIORITY;

    public static RemovalStrategy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw VstException.invalidInput("Unknown removal_strategy '" + text + "'",
                    "use one of random, oldest, newest, expansion_priority");
        }
    }
}
