package io.vst.workload;

/**
 * The reasons for a stop that the engine tells apart, as a {@link StopSignal#reason()} spells them. Other
 * reasons are free text (e.g. "Step timeout after 5 seconds", a memory limit's message).
 *
 * <pre>{@code
 * StopReason.parse(signal.reason()) == StopReason.DEADLINE   // the signal's own deadline passed
 * }</pre>
 */
public enum StopReason {
    /** The signal's deadline passed (a scenario's timeout_seconds); nobody called stop. */
    DEADLINE("deadline"),
    /** The user stopped the run, or a thread was interrupted; reasons that start with this word. */
    INTERRUPTED("interrupted"),
    /** Any other reason. */
    OTHER("");

    private final String spelling;

    StopReason(String spelling) {
        this.spelling = spelling;
    }

    /** The reason text; empty for {@link #OTHER}. */
    public String spelling() {
        return spelling;
    }

    /**
     * What kind of reason {@code reason} is: {@code "deadline"}, one that starts with {@code "interrupted"}
     * (e.g. "interrupted by Ctrl-C"), or any other text, null included.
     */
    public static StopReason parse(String reason) {
        if (reason == null) {
            return OTHER;
        }
        if (reason.equals(DEADLINE.spelling)) {
            return DEADLINE;
        }
        return reason.startsWith(INTERRUPTED.spelling) ? INTERRUPTED : OTHER;
    }
}
