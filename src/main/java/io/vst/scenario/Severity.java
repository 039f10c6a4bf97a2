package io.vst.scenario;

import java.util.Locale;

/** How bad a {@link Diagnostic} is: errors stop a run, warnings and infos do not. */
public enum Severity {
    ERROR, WARNING, INFO;

    /** The lower-case word used in printed diagnostics ({@code error}, {@code warning}, {@code info}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
