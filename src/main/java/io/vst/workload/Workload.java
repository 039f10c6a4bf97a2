package io.vst.workload;

/**
 * One kind of load a workload step puts on the server: ingest, query, shrink, update, mixed, or a
 * custom one from a plugin.
 *
 * <p>A workload runs until its target is met, its time is up ({@link WorkloadContext#durationSeconds()}),
 * it has done {@link WorkloadContext#maxOperations()} operations, or {@link WorkloadContext#stop()} is
 * signalled — whichever comes first — and then returns what it did. It records the latency of every
 * operation in {@link WorkloadContext#recorders()} and reports progress through
 * {@link WorkloadContext#progress(long, long)}.
 *
 * <p>A minimal custom workload that pings the server for the step's duration:
 *
 * <pre>{@code
 * public final class PingWorkload implements Workload {
 *     public WorkloadResult run(WorkloadContext ctx) {
 *         LatencyRecorder rec = ctx.recorders().get("ping");
 *         long done = 0;
 *         while (!ctx.stop().isStopped() && !ctx.timeIsUp()) {
 *             long t0 = System.nanoTime();
 *             ctx.client().ping();
 *             rec.recordNanos(System.nanoTime() - t0);
 *             ctx.progress(++done, -1);
 *         }
 *         return WorkloadResult.of(done, 0);
 *     }
 * }
 * }</pre>
 */
public interface Workload {

    /**
     * Runs the workload.
     *
     * @throws Exception when the workload cannot go on; the step then fails (or is retried) as its
     *     error handling says
     */
    WorkloadResult run(WorkloadContext ctx) throws Exception;
}
