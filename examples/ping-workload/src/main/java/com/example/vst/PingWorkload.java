package com.example.vst;

import io.vst.metrics.LatencyRecorder;
import io.vst.workload.Workload;
import io.vst.workload.WorkloadContext;
import io.vst.workload.WorkloadResult;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends PING to the server, one at a time, for the step's duration (or max_operations), pausing
 * {@code pause_ms} between pings; records each round trip under the operation name "ping".
 */
public final class PingWorkload implements Workload {

    @Override
    public WorkloadResult run(WorkloadContext ctx) {
        LatencyRecorder rec = ctx.recorders().get("ping");
        long pauseNanos = ctx.parameters().getLong("pause_ms", 0) * 1_000_000L;
        long limit = ctx.maxOperations() > 0 ? ctx.maxOperations() : Long.MAX_VALUE;
        long done = 0;
        while (done < limit && !ctx.stop().isStopped() && !ctx.timeIsUp()) {
            long t0 = System.nanoTime();
            ctx.client().ping();
            rec.recordNanos(System.nanoTime() - t0);
            done++;
            ctx.progress(done, limit == Long.MAX_VALUE ? -1 : limit);
            if (pauseNanos > 0) {
                LockSupport.parkNanos(pauseNanos);
            }
        }
        return WorkloadResult.of(done, 0).withDetail(done + " pings");
    }
}
