package io.vst.rundir;

import java.util.Locale;
import java.util.function.Function;

/** Reads back the words the run-directory files spell enums with ({@link StepStatus}, {@link RunOutcome}, ...). */
final class Spellings {

    private Spellings() {
    }

    /**
     * The constant of {@code values} spelled {@code text}.
     *
     * @param what what the word names, for the message ("step status")
     * @throws IllegalArgumentException when no constant is spelled so
     */
    static <E extends Enum<E>> E parse(E[] values, Function<E, String> spelling, String text, String what) {
        for (E e : values) {
            if (spelling.apply(e).equals(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "not a %s: '%s'", what, text));
    }
}
