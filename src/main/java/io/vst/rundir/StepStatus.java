package io.vst.rundir;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a step ended, as {@code steps.csv}'s {@code status} column spells it.
 *
 * <pre>{@code
 * StepStatus s = StepStatus.parse("timeout");   // TIMEOUT
 * s.spelling();                                 // "timeout", the text written to steps.csv
 * s.isFailure();                                // true: a following on_previous_error step runs
 * }</pre>
 */
public enum StepStatus {
    /** The step did what it was asked. */
    OK("ok"),
    /** An error ended it, or the server restarted under it. */
    FAILED("failed"),
    /** Its step timeout ({@code timeout_seconds}, else {@code step_timeout}) ended it. */
    TIMEOUT("timeout"),
    /** The user stopped the run (Ctrl-C, the Stop button). */
    INTERRUPTED("interrupted"),
    /** vst stopped the run (a memory limit, the scenario timeout). */
    STOPPED("stopped"),
    /** It did not run (its trigger said so). */
    SKIPPED("skipped");

    private final String spelling;

    StepStatus(String spelling) {
        this.spelling = spelling;
    }

    /** The text in steps.csv and the logs. */
    @JsonValue
    public String spelling() {
        return spelling;
    }

    /** Whether the step counts as failed: it neither succeeded nor was skipped. */
    public boolean isFailure() {
        return this != OK && this != SKIPPED;
    }

    /**
     * The status spelled {@code text}.
     *
     * @throws IllegalArgumentException for a text no vst version wrote
     */
    @JsonCreator
    public static StepStatus parse(String text) {
        return Spellings.parse(values(), StepStatus::spelling, text, "step status");
    }

    @Override
    public String toString() {
        return spelling;
    }
}
