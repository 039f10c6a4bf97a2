package io.vst.valkey.resp;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * The raw pipelines of a standalone server, pooled like Jedis' connections: at most {@code size} open at
 * once, and a pipeline closed in good order (nothing queued, nothing unanswered) stays connected, idle,
 * for the next {@link #take}, so a step's connections outlive it unless idle ones are closed. Thread-safe.
 */
public final class PipelinePool {

    private final HostAndPort address;
    private final JedisClientConfig config;
    private final String where;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<RespPipeline> idle = new ConcurrentLinkedDeque<>();

    public PipelinePool(HostAndPort address, JedisClientConfig config, String where, int size) {
        this.address = address;
        this.config = config;
        this.where = where;
        this.permits = new Semaphore(size);
    }

    /** An idle pipeline, or a new connection; waits up to the socket timeout while all are taken. */
    public RespPipeline take() {
        acquire();
        RespPipeline reused = idle.pollFirst();
        if (reused != null) {
            return reused.reopen();
        }
        try {
            return RespPipeline.open(address, config, where, this);
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Called by a pipeline closed in good order: keeps its connection for the next {@link #take}. */
    void giveBack(RespPipeline p) {
        idle.addFirst(p);
        permits.release();
    }

    /** Called by a pipeline that closed its connection. */
    void closed() {
        permits.release();
    }

    /** Closes every idle pipeline's connection; returns how many. */
    public int closeIdle() {
        int n = 0;
        for (RespPipeline p = idle.pollFirst(); p != null; p = idle.pollFirst()) {
            p.disconnect();
            n++;
        }
        return n;
    }

    private void acquire() {
        int millis = Math.max(1, config.getSocketTimeoutMillis());
        try {
            if (!permits.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                throw new ValkeyException(ErrorCategory.CONNECTION, "Opening a pipeline on " + where
                        + " failed: all pooled connections stayed busy for " + millis + " ms", null,
                        "raise redis_pool_size or lower n_clients", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ValkeyException(ErrorCategory.CONNECTION, "Opening a pipeline on " + where + " was interrupted",
                    null, null, e);
        }
    }
}
