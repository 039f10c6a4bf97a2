package io.vst.workload;

import io.vst.metrics.LatencyRecorder;
import io.vst.valkey.PreparedSearch;
import io.vst.valkey.SearchChannels;
import io.vst.valkey.SearchResult;
import io.vst.valkey.resp.ValkeyException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a query step's load: {@code n_threads} workers share the step's {@code n_clients} connections
 * ({@link Connections}), and each connection keeps {@code depth} queries in flight. A worker never waits on
 * one socket: it sends on every free connection, then waits for whichever answers first
 * ({@link SearchChannels#poll}).
 *
 * <ul>
 *   <li>Closed loop ({@code qps = 0}): a connection sends its next query as soon as a reply frees it; the
 *       latency of a query runs from its send.</li>
 *   <li>Open loop: query {@code i} is due at {@code start + i / qps} on one global schedule and goes out on
 *       the first free connection of any worker once due; its latency runs from when it was due, so a server
 *       that cannot keep up shows its backlog in the latency (coordinated omission corrected). Queries that
 *       fell due before the step stopped but found no free connection are counted as {@link Totals#unsent}.</li>
 * </ul>
 *
 * <p>The step stops sending when its time is up, it is stopped, or {@code total} queries went out, then waits
 * for the replies in flight (each bounded by {@code operation_timeout}): every query sent is answered or
 * failed, so {@code scheduled = answered + failed + unsent}.
 */
final class QueryDriver {

    /** How long a worker waits for replies at most before it looks at the stop signal again. */
    private static final long MAX_WAIT_NANOS = 50_000_000L;
    /** A pause point that held the worker longer than this was a real pause of the run. */
    private static final long PAUSE_NANOS = 1_000_000L;
    /** In place of an intended start: the query's reply waited out a pause unread, its latency is unknown. */
    private static final long UNMEASURED = Long.MIN_VALUE;

    /**
     * What the step did.
     *
     * @param scheduled queries due: all sent ones, plus the open-loop ones due before the stop but never sent
     * @param answered replies that were results
     * @param failed queries that got an error (from the server, a broken connection or a timeout)
     * @param unsent open-loop queries due before the step stopped that no connection was free to send
     */
    record Totals(long scheduled, long answered, long failed, long unsent) {
    }

    private final WorkloadContext ctx;
    private final PacingClock clock;
    private final QueryPool pool;
    private final PreparedSearch[] prepared;
    private final int k;
    private final double qps;
    private final long total;
    private final int depth;
    private final RecallVerifier verifier;
    private final double sampleRate;
    private final LatencyRecorder rec;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong highestSent = new AtomicLong(-1);
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** When the first worker saw the step stop or its time run out; {@link Long#MIN_VALUE} until then. */
    private final AtomicLong stoppedAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
    private long startNanos;

    QueryDriver(WorkloadContext ctx, PacingClock clock, QueryPool pool, PreparedSearch[] prepared, int k, double qps,
            long total, int depth, RecallVerifier verifier, double sampleRate, LatencyRecorder rec) {
        this.ctx = ctx;
        this.clock = clock;
        this.pool = pool;
        this.prepared = prepared;
        this.k = k;
        this.qps = qps;
        this.total = total;
        this.depth = Math.max(1, depth);
        this.verifier = verifier;
        this.sampleRate = sampleRate;
        this.rec = rec;
    }

    /** Opens every worker's connections, runs the load, closes them; a fatal query error is thrown. */
    Totals run(Connections connections) {
        List<SearchChannels> channels = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        try {
            // All connections are open before the schedule starts, so no query is charged a connect.
            for (int w = 0; w < connections.threads(); w++) {
                channels.add(ctx.commands().searchChannels(connections.forWorker(w),
                        "vst-query-" + ctx.stepName() + "-" + w));
            }
            startNanos = clock.nanoTime();
            for (int w = 0; w < connections.threads(); w++) {
                Worker worker = new Worker(channels.get(w), new SplittableRandom(ctx.seed() + w));
                Thread t = new Thread(worker::run, "vst-query-" + ctx.stepName() + "-" + w);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
            for (Thread t : workers) {
                join(t);
            }
        } finally {
            for (SearchChannels c : channels) {
                c.close();
            }
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        long unsent = qps > 0 ? Math.max(0, due() - sent.get()) : 0;
        return new Totals(sent.get() + unsent, answered.get(), failed.get(), unsent);
    }

    /** Open-loop queries due before the step stopped (every ticket sent was due, so never fewer). */
    private long due() {
        long stop = stoppedAt.get();
        if (stop == Long.MIN_VALUE) {
            return sent.get();
        }
        long n = (long) Math.max(0, Math.ceil((stop - startNanos) * qps / 1e9));
        while (n > 0 && intended(n - 1) >= stop) {
            n--;
        }
        while (intended(n) < stop) {
            n++;
        }
        return Math.min(total, Math.max(n, highestSent.get() + 1));
    }

    private long intended(long ticket) {
        return startNanos + (long) (ticket * 1e9 / qps);
    }

    private void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.stop().stop("interrupted");
        }
    }

    /** One worker thread: its connections, their free slots and what each slot has in flight. */
    private final class Worker implements SearchChannels.Replies {
        private final SearchChannels ch;
        private final SplittableRandom rnd;
        private final long[] ticket;
        private final long[] intendedAt;
        private final long[] view;
        private final int[] free;
        private int freeCount;

        Worker(SearchChannels ch, SplittableRandom rnd) {
            this.ch = ch;
            this.rnd = rnd;
            int slots = ch.connections() * depth;
            ticket = new long[slots];
            intendedAt = new long[slots];
            view = new long[slots];
            free = new int[slots];
            // Popped first: depth 0 of every connection, then depth 1, ... (spread before stacking up).
            for (int d = depth - 1; d >= 0; d--) {
                for (int c = ch.connections() - 1; c >= 0; c--) {
                    free[freeCount++] = c * depth + d;
                }
            }
        }

        void run() {
            try {
                loop();
            } catch (RuntimeException e) {
                fatal.compareAndSet(null, e);
                ctx.stop().stop("query failed: " + e.getMessage());
            }
        }

        private void loop() {
            long pending = -1;
            long pendingAt = 0;
            boolean exhausted = false;
            while (fatal.get() == null) {
                boolean stopping = ctx.stop().isStopped() || ctx.timeIsUp();
                if (stopping) {
                    stoppedAt.compareAndSet(Long.MIN_VALUE, clock.nanoTime());
                } else {
                    long before = System.nanoTime();
                    ctx.pausePoint();
                    if (System.nanoTime() - before > PAUSE_NANOS) {
                        unmeasureInFlight();
                    }
                }
                while (!stopping && !exhausted && freeCount > 0) {
                    if (pending < 0) {
                        long i = next.getAndIncrement();
                        if (i >= total) {
                            exhausted = true;
                            break;
                        }
                        pending = i;
                        pendingAt = qps > 0 ? intended(i) : 0;
                    }
                    long now = clock.nanoTime();
                    if (qps > 0 && pendingAt > now) {
                        break;
                    }
                    send(pending, qps > 0 ? pendingAt : now);
                    pending = -1;
                }
                int inFlight = ticket.length - freeCount;
                if (inFlight == 0) {
                    if (stopping || exhausted) {
                        return;
                    }
                    // Nothing to read: the next query is not due yet.
                    clock.waitUntil(pendingAt, ctx);
                    continue;
                }
                long wait = MAX_WAIT_NANOS;
                if (!stopping && pending >= 0 && freeCount > 0) {
                    wait = Math.max(0, Math.min(wait, pendingAt - clock.nanoTime()));
                }
                if (ch.poll(wait, this) > 0) {
                    ctx.progress(answered.get() + failed.get(), total == Long.MAX_VALUE ? -1 : total);
                }
            }
        }

        /**
         * The replies of the queries in flight waited unread while the run was paused: they are counted, but
         * their latency (some part of the pause) is not recorded.
         */
        private void unmeasureInFlight() {
            boolean[] isFree = new boolean[ticket.length];
            for (int j = 0; j < freeCount; j++) {
                isFree[free[j]] = true;
            }
            for (int slot = 0; slot < ticket.length; slot++) {
                if (!isFree[slot]) {
                    intendedAt[slot] = UNMEASURED;
                }
            }
        }

        private void send(long i, long intended) {
            int slot = free[--freeCount];
            ticket[slot] = i;
            intendedAt[slot] = intended;
            // The view is taken before the query is sent: see RecallVerifier.
            view[slot] = verifier != null && rnd.nextDouble() < sampleRate ? verifier.view() : -1;
            sent.incrementAndGet();
            highestSent.accumulateAndGet(i, Math::max);
            ch.send(slot / depth, prepared[(int) (i % prepared.length)], slot);
        }

        @Override
        public void reply(int connection, long tag, SearchResult result, ValkeyException error) {
            int slot = (int) tag;
            long end = clock.nanoTime();
            free[freeCount++] = slot;
            if (error != null) {
                failed.incrementAndGet();
                rec.recordError();
                if (!error.isTransient() && !ctx.config().continueOnError()) {
                    fatal.compareAndSet(null, error);
                    ctx.stop().stop("query failed: " + error.getMessage());
                }
                return;
            }
            if (intendedAt[slot] != UNMEASURED) {
                rec.recordFromIntendedStart(intendedAt[slot], end);
            }
            answered.incrementAndGet();
            if (view[slot] >= 0) {
                verifier.offer(pool.vector(ticket[slot]), result.keys(), k, view[slot]);
            }
        }
    }
}
