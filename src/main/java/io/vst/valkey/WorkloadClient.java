package io.vst.valkey;

import io.vst.valkey.resp.ValkeyException;
import io.vst.valkey.resp.CommandPipeline;
import java.util.List;

/**
 * The part of a client that workloads send their load through: pipelines of keyed commands with one
 * result per command (vector writes, deletes, EXISTS, HGET), KNN searches, and FT.INFO. Only this, so a
 * workload's logic (batching, retries, mix, pacing, recall) can be tested against an in-memory server;
 * {@link ValkeyClient} implements it for real servers. Thread-safe.
 *
 * <pre>{@code
 * WorkloadClient server = ctx.commands();
 * try (CommandPipeline p = server.pipeline()) {
 *     p.del(key);
 *     List<Object> replies = p.sync();
 * }
 * SearchResult hits = server.search(KnnQuery.of("idx", "vector", 10, blob));
 * }</pre>
 */
public interface WorkloadClient {

    /** A pipeline on a dedicated connection for one worker thread; close it when done. */
    CommandPipeline pipeline();

    /** One KNN {@code FT.SEARCH}; a failure is thrown as a {@link ValkeyException}. */
    SearchResult search(KnnQuery query);

    /** The queries pipelined on one connection; one result or error per query, in order. */
    List<SearchOutcome> searchBatch(List<KnnQuery> queries);

    /**
     * {@code connections} connections of one worker thread for KNN queries with many in flight
     * ({@link SearchChannels}); close them when the step ends. By default a thread per connection over
     * {@link #search}; {@link ValkeyClient} uses non-blocking sockets where it can.
     *
     * @param name names the threads or connections (e.g. the step and worker)
     */
    default SearchChannels searchChannels(int connections, String name) {
        return new ThreadedSearchChannels(this, connections, name);
    }

    /** {@code FT.INFO} of the index (in a cluster, every primary's combined). */
    FtInfo ftInfo(String index);

    /** Closes every idle pooled connection, so the server frees their buffers; returns how many. */
    int closeIdleConnections();
}
