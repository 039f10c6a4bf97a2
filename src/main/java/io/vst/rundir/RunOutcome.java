package io.vst.rundir;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a run ended, as {@code run.json}'s {@code outcome} spells it.
 *
 * <pre>{@code
 * RunOutcome o = RunOutcome.parse("interrupted");   // INTERRUPTED
 * o.spelling();                                     // "interrupted", the text written to run.json
 * }</pre>
 */
public enum RunOutcome {
    /** Still being written (or its writer died before it could say how it ended). */
    RUNNING("running"),
    /** Every step ran and the run was not stopped. */
    COMPLETED("completed"),
    /** A step's failure stopped it, or it could not start, or its files could not be written. */
    FAILED("failed"),
    /** The user or vst stopped it. */
    INTERRUPTED("interrupted"),
    /** A reader's view of a {@code running} run whose writing process is gone; never written by a run. */
    ABORTED("aborted");

    private final String spelling;

    RunOutcome(String spelling) {
        this.spelling = spelling;
    }

    /** The text in run.json and shown to the user. */
    @JsonValue
    public String spelling() {
        return spelling;
    }

    /**
     * The outcome spelled {@code text}.
     *
     * @throws IllegalArgumentException for a text no vst version wrote
     */
    @JsonCreator
    public static RunOutcome parse(String text) {
        return Spellings.parse(values(), RunOutcome::spelling, text, "run outcome");
    }

    @Override
    public String toString() {
        return spelling;
    }
}
