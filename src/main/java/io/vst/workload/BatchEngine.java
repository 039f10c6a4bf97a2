package io.vst.workload;

import io.vst.Failures;
import io.vst.VstException;
import io.vst.metrics.LatencyRecorder;
import io.vst.valkey.resp.CommandPipeline;
import io.vst.valkey.resp.ValkeyException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one kind of keyed command over many ids with {@code n_threads} workers sharing
 * {@code n_clients} connections, each connection pipelining {@code batch_size} commands.
 *
 * <p>Each worker owns {@code k = n_clients / n_threads} connections (bounded by an in-flight memory
 * budget): it sends one batch on each, then reads the replies of each, so up to {@code k} batches per
 * worker are in flight at once. A batch that fails with a transient error (connection lost, timeout,
 * server loading) is sent again on a fresh connection after {@code retry_delay}, up to
 * {@code max_retries} times; commands are idempotent (HSET / DEL), so a retry cannot double-count.
 * Error replies for single commands count as errors; unless {@code continue_on_error}, the first one
 * ends the step with the server's message. Whatever ends a worker, the replies of its other batches in
 * flight are read first, so every id the server wrote is counted.
 */
final class BatchEngine {

    /** Bytes of command payload one worker may have in flight. */
    static final long IN_FLIGHT_BUDGET_BYTES = 16L * 1024 * 1024;

    /** Hands out ids to workers; thread-safe. */
    interface IdFeed {
        /** Fills {@code into} with up to {@code max} ids; returns how many (0: nothing left). */
        int next(long[] into, int max);
    }

    /** The command applied to each id. */
    interface Command {
        /** Queues the command for {@code id} on {@code pipe}. */
        void enqueue(CommandPipeline pipe, long id, float[] scratch);

        /** Called once per id whose reply was not an error, with that reply. */
        void succeeded(long id, Object reply);

        /** The successes of one batch, {@code ids[0..n)} with their replies: {@link #succeeded} for each. */
        default void succeeded(long[] ids, Object[] replies, int n) {
            for (int i = 0; i < n; i++) {
                succeeded(ids[i], replies[i]);
            }
        }

        /** Called once per id whose command failed and was given up on. */
        default void failed(long id) {
        }
    }

    /**
     * What the workers did.
     *
     * @param errorReport every distinct error with its count and first occurrence (empty unless
     *     {@code detailed_error_reporting})
     */
    record Outcome(long succeeded, long errors, String firstError, String errorReport) {

        /** The step detail's error part: the distinct errors, or the first one. */
        String errorDetail() {
            if (!errorReport.isEmpty()) {
                return "; errors: " + errorReport;
            }
            return firstError == null ? "" : "; first error: " + firstError;
        }
    }

    private BatchEngine() {
    }

    static Outcome run(WorkloadContext ctx, BatchSettings s, IdFeed feed, Command command, long target) {
        int threads = s.connections().threads();
        long batchBytes = Math.max(1L, (long) s.batchSize() * Math.max(64, s.bytesPerCommand()));
        long budget = Math.max(1, IN_FLIGHT_BUDGET_BYTES / batchBytes);
        if (DebugLog.enabled()) {
            ctx.log("DEBUG", String.format(java.util.Locale.ROOT, "%s %s: %s, batches of %d, %s connections",
                    ctx.stepName(), s.operation(), s.connections(), s.batchSize(), s.pooling() ? "pooled" : "unpooled"));
        }
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        ErrorTally tally = new ErrorTally(s.detailedErrors());
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        LatencyRecorder rec = ctx.recorders().get(s.operation());
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vst-" + s.operation() + "-" + ctx.stepName() + "-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int k = (int) Math.max(1, Math.min(s.connections().forWorker(i), budget));
                futures.add(pool.submit(() -> {
                    try {
                        new Worker(ctx, s, k, feed, command, rec, done, errors, firstError, tally, target).run();
                    } catch (RuntimeException e) {
                        fatal.compareAndSet(null, e);
                        ctx.stop().stop("worker failed: " + Failures.describe(e));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
            awaitTermination(pool);
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        String report = tally.report();
        if (!report.isEmpty()) {
            ctx.log("WARN", ctx.stepName() + ": " + errors.get() + " errors: " + report);
        }
        return new Outcome(done.get(), errors.get(), firstError.get(), report);
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VstException.runtime("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            // An Error of a worker (out of heap, say) in words, with what to do about it.
            throw VstException.runtime(Failures.describe(e.getCause()), e.getCause());
        }
    }

    private static void awaitTermination(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                throw VstException.runtime("workers did not stop within 5 s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One worker thread with its own {@code k} connections. */
    private static final class Worker {
        private final WorkloadContext ctx;
        private final BatchSettings s;
        private final IdFeed feed;
        private final Command command;
        private final LatencyRecorder rec;
        private final AtomicLong done;
        private final AtomicLong errors;
        private final AtomicReference<String> firstError;
        private final ErrorTally tally;
        private final long target;
        private final CommandPipeline[] pipes;
        private final long[][] ids;
        private final int[] counts;
        private final long[] sentAt;
        private final ValkeyException[] sendFailures;
        private final float[] scratch;
        private final long[] okIds;
        private final Object[] okReplies;
        /** Set once a failure ends the worker ({@link #drain}). */
        private boolean draining;

        Worker(WorkloadContext ctx, BatchSettings s, int k, IdFeed feed, Command command, LatencyRecorder rec,
               AtomicLong done, AtomicLong errors, AtomicReference<String> firstError, ErrorTally tally,
               long target) {
            this.ctx = ctx;
            this.s = s;
            this.feed = feed;
            this.command = command;
            this.rec = rec;
            this.done = done;
            this.errors = errors;
            this.firstError = firstError;
            this.tally = tally;
            this.target = target;
            this.pipes = new CommandPipeline[k];
            this.ids = new long[k][s.batchSize()];
            this.counts = new int[k];
            this.sentAt = new long[k];
            this.sendFailures = new ValkeyException[k];
            this.scratch = new float[ctx.vectors().dimensions()];
            this.okIds = new long[s.batchSize()];
            this.okReplies = new Object[s.batchSize()];
        }

        /**
         * Keeps up to {@code k} batches in flight: as soon as one batch's replies are read, the next batch
         * is generated and sent on that connection, so the server always has work queued while this
         * thread prepares vectors.
         */
        void run() {
            boolean[] inFlight = new boolean[pipes.length];
            try {
                connect();
                for (int i = 0; i < pipes.length && refill(i); i++) {
                    inFlight[i] = true;
                }
                boolean any = true;
                while (any) {
                    any = false;
                    for (int i = 0; i < pipes.length; i++) {
                        if (!inFlight[i]) {
                            continue;
                        }
                        inFlight[i] = false;
                        receive(i);
                        inFlight[i] = refill(i);
                        any |= inFlight[i];
                    }
                    ctx.progress(done.get(), target);
                }
            } catch (RuntimeException e) {
                drain(inFlight, e);
                throw e;
            } finally {
                for (CommandPipeline p : pipes) {
                    if (p != null) {
                        p.close();
                    }
                }
            }
        }

        /**
         * After {@code failure} ends this worker: reads the replies of its other batches in flight, without
         * retries, so what the server wrote of them is counted; further failures are suppressed in it.
         */
        private void drain(boolean[] inFlight, RuntimeException failure) {
            draining = true;
            for (int i = 0; i < pipes.length; i++) {
                if (inFlight[i]) {
                    inFlight[i] = false;
                    try {
                        receive(i);
                    } catch (RuntimeException e) {
                        failure.addSuppressed(e);
                    }
                }
            }
        }

        /**
         * Opens the pooled connections the step can use before its first batch, so its time of work (from the
         * first batch on, see {@code WorkloadContext.pausePoint}) does not hold their handshakes, as
         * valkey-benchmark's clock does not hold its connecting. A transient failure leaves the rest to
         * {@link #send}, which opens a missing connection under the retry rules.
         */
        private void connect() {
            if (!s.pooling()) {
                return;
            }
            // No more connections than batches to send: a target of 0 or less is not known ahead.
            long batches = target > 0 ? 1 + (target - 1) / s.batchSize() : pipes.length;
            for (int i = 0; i < pipes.length && i < batches; i++) {
                try {
                    pipes[i] = ctx.commands().pipeline();
                } catch (ValkeyException e) {
                    if (!e.isTransient()) {
                        throw e;
                    }
                    return;
                }
            }
        }

        /** Takes the next batch for connection {@code i} and sends it; false when there is nothing left to do. */
        private boolean refill(int i) {
            if (ctx.stop().isStopped() || ctx.timeIsUp()) {
                return false;
            }
            ctx.pausePoint();
            counts[i] = feed.next(ids[i], s.batchSize());
            if (counts[i] == 0) {
                return false;
            }
            trySend(i);
            return true;
        }

        private void send(int i) {
            if (pipes[i] == null) {
                pipes[i] = ctx.commands().pipeline();
            }
            sentAt[i] = System.nanoTime();
            for (int j = 0; j < counts[i]; j++) {
                command.enqueue(pipes[i], ids[i][j], scratch);
            }
            // The whole batch goes out now, so the server works on all of it while this thread serves others.
            pipes[i].flush();
        }

        /**
         * Sends batch {@code i}; when the connection breaks while writing, the batch stays queued here and
         * {@link #receive} sends it again under the retry rules.
         */
        private void trySend(int i) {
            try {
                send(i);
            } catch (ValkeyException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                sendFailures[i] = e;
                if (pipes[i] != null) {
                    pipes[i].close();
                    pipes[i] = null;
                }
            }
        }

        private void receive(int i) {
            long firstSent = sentAt[i];
            List<Object> replies;
            int attempt = 0;
            ValkeyException failure = sendFailures[i];
            sendFailures[i] = null;
            while (true) {
                if (failure == null) {
                    try {
                        if (pipes[i] == null) {
                            send(i);
                        }
                        replies = pipes[i].sync();
                        break;
                    } catch (ValkeyException e) {
                        failure = e;
                    }
                }
                if (!failure.isTransient() || attempt >= s.maxRetries() || draining || ctx.stop().isStopped()) {
                    throw failure;
                }
                attempt++;
                ctx.log("WARN", String.format(java.util.Locale.ROOT,
                        "%s: %s; retrying the batch of %d (attempt %d of %d) in %.1f s", s.operation(),
                        failure.getMessage(), counts[i], attempt, s.maxRetries(), s.retryDelaySeconds()));
                if (pipes[i] != null) {
                    pipes[i].close();
                    pipes[i] = null;
                }
                ctx.stop().sleep((long) (s.retryDelaySeconds() * 1000));
                failure = null;
            }
            long nanos = System.nanoTime() - firstSent;
            if (!s.pooling()) {
                // A connection per batch: this one is closed, and the next batch opens a new one.
                pipes[i].close();
                pipes[i] = null;
                ctx.commands().closeIdleConnections();
            }
            long ok = 0;
            ValkeyException stopWith = null;
            // Every reply is accounted for before an error ends the step: a command after the failed one may
            // have succeeded, and the server holds what it wrote.
            for (int j = 0; j < counts[i]; j++) {
                Object reply = replies.get(j);
                if (reply instanceof ValkeyException err) {
                    errors.incrementAndGet();
                    rec.recordError();
                    command.failed(ids[i][j]);
                    firstError.compareAndSet(null, err.getMessage());
                    tally.add(err.getMessage(), ctx.vectors().keys().keyString(ids[i][j]));
                    if (!s.continueOnError() && stopWith == null) {
                        stopWith = err;
                    }
                } else {
                    okIds[(int) ok] = ids[i][j];
                    okReplies[(int) ok] = reply;
                    ok++;
                }
            }
            command.succeeded(okIds, okReplies, (int) ok);
            rec.recordBatch(nanos, (int) ok);
            done.addAndGet(ok);
            if (s.detailedLogging()) {
                ctx.log("DEBUG", String.format(java.util.Locale.ROOT, "%s %s: batch of %d on %s: %d ok, %d errors, %.3f ms",
                        ctx.stepName(), s.operation(), counts[i], Thread.currentThread().getName(), ok, counts[i] - ok,
                        nanos / 1e6));
            }
            if (stopWith != null) {
                throw stopWith;
            }
        }
    }
}
