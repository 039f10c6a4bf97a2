package io.vst.workload;

import io.vst.scenario.GlobalConfig;
import java.util.Collection;

/**
 * How many worker threads a batch step runs and how many connections they hold, from
 * {@code n_threads}, {@code n_clients}, {@code n_clients_per_thread} and {@code redis_pool_size}.
 *
 * <ul>
 *   <li>connections = {@code n_threads × n_clients_per_thread} when that is set, else {@code n_clients};
 *       never more than {@code redis_pool_size} when that is set;</li>
 *   <li>threads = {@code n_threads}, but never more than the connections (a thread without a
 *       connection of its own would only wait for one);</li>
 *   <li>the connections are spread over the threads as evenly as possible.</li>
 * </ul>
 *
 * <pre>
 * Connections c = Connections.of(GlobalConfig.defaults().withOverrides(Map.of("n_threads", 4, "n_clients", 10)));
 * c.total();        // 10
 * c.forWorker(0);   // 3 (workers 0 and 1 hold 3, workers 2 and 3 hold 2)
 * </pre>
 *
 * @param threads worker threads
 * @param total connections held by all workers together
 */
public record Connections(int threads, int total) {

    /** Connections vst keeps beside the workers' own: the metrics sampler and control commands. */
    public static final int CONTROL_CONNECTIONS = 2;

    public Connections {
        threads = Math.max(1, threads);
        total = Math.max(threads, total);
    }

    /** The connections of a step with effective configuration {@code c}. */
    public static Connections of(GlobalConfig c) {
        int threads = Math.max(1, c.nThreads());
        long clients = c.nClientsPerThread() != null ? (long) threads * c.nClientsPerThread() : c.nClients();
        if (c.redisPoolSize() != null) {
            clients = Math.min(clients, c.redisPoolSize());
        }
        int total = (int) Math.max(1, Math.min(Integer.MAX_VALUE, clients));
        return new Connections(Math.min(threads, total), total);
    }

    /** Connections of worker {@code i} (0-based): the remainder goes to the first workers. */
    public int forWorker(int i) {
        return total / threads + (i < total % threads ? 1 : 0);
    }

    /**
     * The size of the client's connection pool for a run whose steps have these configurations: the most
     * connections one step's workers hold (a mixed step's workers borrow a second one for queries), plus
     * {@link #CONTROL_CONNECTIONS}; with {@code redis_pool_size}, that size plus the control connections.
     */
    public static int poolSize(Collection<GlobalConfig> configs) {
        int pool = 1;
        for (GlobalConfig c : configs) {
            Connections k = of(c);
            int need = c.redisPoolSize() != null ? c.redisPoolSize() : Math.max(k.total(), 2 * k.threads());
            pool = Math.max(pool, need + CONTROL_CONNECTIONS);
        }
        return pool;
    }

    @Override
    public String toString() {
        return threads + (threads == 1 ? " thread" : " threads") + " holding " + total
                + (total == 1 ? " connection" : " connections");
    }
}
