package io.vst.valkey;

import io.vst.valkey.resp.ValkeyException;

/**
 * A worker's own connections for KNN queries, each with queries in flight: {@link #send} puts a query on
 * one connection and returns at once; {@link #poll} waits for replies from all of them and hands each to a
 * {@link Replies} with the tag it was sent with. A connection answers in the order it was asked, so one
 * worker thread keeps thousands of clients busy without blocking on any one socket. Every query sent comes
 * back exactly once through {@link Replies}: answered, failed, or failed because its connection broke or
 * timed out ({@code operation_timeout}). Not thread-safe: one worker thread.
 *
 * <pre>{@code
 * try (SearchChannels ch = ctx.commands().searchChannels(64, "vst-query-step-0")) {
 *     PreparedSearch q = PreparedSearch.of(KnnQuery.of("idx", "vector", 10, blob));
 *     for (int c = 0; c < ch.connections(); c++) {
 *         ch.send(c, q, c);
 *     }
 *     while (answered < 64) {
 *         answered += ch.poll(50_000_000L, (connection, tag, result, error) -> { ... });
 *     }
 * }
 * }</pre>
 */
public interface SearchChannels extends AutoCloseable {

    /** What {@link #poll} hands back for each query: a result or an error, never both. */
    @FunctionalInterface
    interface Replies {
        void reply(int connection, long tag, SearchResult result, ValkeyException error);
    }

    /** How many connections this worker holds. */
    int connections();

    /** Queries sent on {@code connection} and not yet handed back. */
    int inFlight(int connection);

    /** Sends {@code query} on {@code connection} without waiting; its reply comes back with {@code tag}. */
    void send(int connection, PreparedSearch query, long tag);

    /**
     * Hands every reply that has arrived to {@code replies}, waiting up to {@code timeoutNanos} for the first
     * when none has; returns how many were handed back.
     */
    int poll(long timeoutNanos, Replies replies);

    /** Closes every connection; queries still in flight are not handed back. */
    @Override
    void close();
}
