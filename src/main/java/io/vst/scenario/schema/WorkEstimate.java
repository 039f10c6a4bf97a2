package io.vst.scenario.schema;

/**
 * How much work a workload step is, for the rough duration of a dry run: a number of operations of one
 * kind, done at a rate the step sets or, when it sets none, at the rate the planner assumes for that kind.
 *
 * <pre>
 * new WorkEstimate(WorkEstimate.Kind.QUERY, 10_000, 500);         // 10,000 queries at 500/s: 20 s
 * new WorkEstimate(WorkEstimate.Kind.WRITE, 1_000_000, Double.NaN); // a million writes at the assumed rate
 * </pre>
 *
 * @param kind the kind of operation, which decides the assumed rate
 * @param operations how many operations ({@code 0} when nothing can be said)
 * @param opsPerSecond the step's own target rate, or {@code NaN} to use the assumed rate
 */
public record WorkEstimate(Kind kind, double operations, double opsPerSecond) {

    /** Kinds of operation, each with its own assumed throughput. */
    public enum Kind {
        /** Vectors written (ingest, update). */
        WRITE,
        /** Vectors deleted. */
        DELETE,
        /** KNN queries (and the operations of a mixed step). */
        QUERY
    }

    /** No estimate: the step is planned to take no time. */
    public static final WorkEstimate NONE = new WorkEstimate(Kind.QUERY, 0, Double.NaN);

    /** {@code operations} of {@code kind} at the assumed rate. */
    public static WorkEstimate of(Kind kind, double operations) {
        return new WorkEstimate(kind, operations, Double.NaN);
    }

    /** {@code operations} of {@code kind} at {@code rate} per second, or at the assumed rate when it is null. */
    public static WorkEstimate of(Kind kind, double operations, Double rate) {
        return new WorkEstimate(kind, operations, rate == null ? Double.NaN : rate);
    }

    /** Whether the step sets its own rate. */
    public boolean hasRate() {
        return opsPerSecond > 0;
    }
}
