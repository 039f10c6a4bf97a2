package io.vst.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The columns of {@code timeline.csv}, in order; names carry their unit.
 *
 * <p>Memory figures come from INFO memory (bytes); {@code process_rss_bytes} from /proc for a local
 * server; search figures from INFO SEARCH and FT.INFO when the module is loaded; per-operation figures
 * from the client's latency recorders over the sampling interval.
 */
public final class TimelineColumns {

    public static final String USED_MEMORY = "used_memory_bytes";
    public static final String USED_MEMORY_RSS = "used_memory_rss_bytes";
    public static final String USED_MEMORY_DATASET = "used_memory_dataset_bytes";
    public static final String USED_MEMORY_OVERHEAD = "used_memory_overhead_bytes";
    public static final String USED_MEMORY_PEAK = "used_memory_peak_bytes";
    public static final String ALLOCATOR_ALLOCATED = "allocator_allocated_bytes";
    public static final String ALLOCATOR_ACTIVE = "allocator_active_bytes";
    public static final String ALLOCATOR_RESIDENT = "allocator_resident_bytes";
    public static final String ALLOCATOR_FRAG_RATIO = "allocator_frag_ratio";
    public static final String ALLOCATOR_FRAG_BYTES = "allocator_frag_bytes";
    public static final String MEM_FRAG_RATIO = "mem_fragmentation_ratio";
    public static final String MEM_FRAG_BYTES = "mem_fragmentation_bytes";
    /** Client query and output buffers (INFO memory mem_clients_normal): kept out of memory per vector. */
    public static final String MEM_CLIENTS_NORMAL = "mem_clients_normal_bytes";
    /**
     * The key table's old bucket array while the server rehashes it into a larger one (INFO memory
     * mem_overhead_db_hashtable_rehashing, Valkey 8 and later): part of used_memory_overhead, freed when
     * the rehash ends, even with no write. Absent on servers that do not report it.
     */
    public static final String HASHTABLE_REHASHING = "hashtable_rehashing_bytes";
    public static final String PROCESS_RSS = "process_rss_bytes";
    /** CPU time the server used since it started (INFO cpu used_cpu_sys + used_cpu_user), all threads. */
    public static final String SERVER_CPU = "server_cpu_seconds";
    /** CPU time of the server's main thread (used_cpu_sys_main_thread + used_cpu_user_main_thread). */
    public static final String SERVER_MAIN_CPU = "server_main_thread_cpu_seconds";
    public static final String MAXMEMORY = "maxmemory_bytes";
    /** Client connections (INFO clients connected_clients), summed over a cluster's primaries. */
    public static final String CONNECTED_CLIENTS = "connected_clients";
    /**
     * Commands the server processed per second over the sampling interval: the difference of INFO stats
     * total_commands_processed between two samples over the time between them, less the sampler's own
     * commands. Recorded by {@code vst watch}.
     */
    public static final String SERVER_OPS = "server_ops_per_s";
    public static final String DBSIZE = "dbsize_keys";
    public static final String LIVE_VECTORS = "live_vectors";
    /**
     * How far the live count moved while the server was read: the count after the server's replies less
     * {@link #LIVE_VECTORS}, the count just before. The server's figures are of an instant in between, so
     * they hold the live count within this and the writes in flight (n_clients × batch_size).
     */
    public static final String LIVE_VECTORS_MOVED = "live_vectors_moved";
    public static final String SEARCH_MEMORY = "search_used_memory_bytes";
    public static final String SEARCH_RECLAIMABLE = "search_reclaimable_memory_bytes";
    public static final String SEARCH_NUM_DOCS = "search_num_docs";
    public static final String SEARCH_BACKFILL_PERCENT = "search_backfill_complete_percent";
    public static final String SEARCH_MUTATION_QUEUE = "search_mutation_queue_size";
    public static final String SEARCH_INDEXING_FAILURES = "search_hash_indexing_failures";
    public static final String SEARCH_INDEXING_ACTIVE = "search_background_indexing";
    public static final String SEARCH_WRITER_QUEUE = "search_writer_queue_size";
    public static final String SEARCH_QUERY_QUEUE = "search_query_queue_size";
    public static final String SEARCH_SUCCESSFUL_REQUESTS = "search_successful_requests_total";
    public static final String SEARCH_FAILED_REQUESTS = "search_failure_requests_total";
    public static final String SEARCH_HNSW_P50 = "search_hnsw_latency_p50_us";
    public static final String SEARCH_HNSW_P99 = "search_hnsw_latency_p99_us";
    public static final String SEARCH_HNSW_P999 = "search_hnsw_latency_p999_us";
    public static final String SEARCH_FLAT_P99 = "search_flat_latency_p99_us";
    public static final String RECALL = "recall";

    private static final List<String> SERVER = List.of(USED_MEMORY, USED_MEMORY_RSS, USED_MEMORY_DATASET,
            USED_MEMORY_OVERHEAD, USED_MEMORY_PEAK, ALLOCATOR_ALLOCATED, ALLOCATOR_ACTIVE, ALLOCATOR_RESIDENT,
            ALLOCATOR_FRAG_RATIO, ALLOCATOR_FRAG_BYTES, MEM_FRAG_RATIO, MEM_FRAG_BYTES, MEM_CLIENTS_NORMAL, HASHTABLE_REHASHING, PROCESS_RSS, SERVER_CPU, SERVER_MAIN_CPU, MAXMEMORY,
            CONNECTED_CLIENTS, SERVER_OPS,
            DBSIZE, LIVE_VECTORS, LIVE_VECTORS_MOVED, SEARCH_MEMORY, SEARCH_RECLAIMABLE, SEARCH_NUM_DOCS, SEARCH_BACKFILL_PERCENT,
            SEARCH_MUTATION_QUEUE, SEARCH_INDEXING_FAILURES, SEARCH_INDEXING_ACTIVE, SEARCH_WRITER_QUEUE,
            SEARCH_QUERY_QUEUE, SEARCH_SUCCESSFUL_REQUESTS, SEARCH_FAILED_REQUESTS, SEARCH_HNSW_P50, SEARCH_HNSW_P99,
            SEARCH_HNSW_P999, SEARCH_FLAT_P99);

    /** Per-operation column suffixes, each prefixed by the operation name ({@code query_p99_ms}). */
    public static final List<String> OPERATION_SUFFIXES =
            List.of("ops_per_s", "count", "errors", "p50_ms", "p99_ms", "p999_ms", "max_ms");

    private static final List<String> ALL;

    static {
        List<String> all = new ArrayList<>(SERVER);
        for (String op : Recorders.STANDARD) {
            for (String suffix : OPERATION_SUFFIXES) {
                all.add(op + "_" + suffix);
            }
        }
        all.add(RECALL);
        ALL = Collections.unmodifiableList(all);
    }

    private TimelineColumns() {
    }

    /** Every value column of the timeline, in file order (after timestamp, elapsed and step). */
    public static List<String> all() {
        return ALL;
    }

    /** The column for {@code suffix} of operation {@code op}, e.g. {@code ("query", "p99_ms")}. */
    public static String operation(String op, String suffix) {
        return op + "_" + suffix;
    }
}
