package io.vst.metrics;

import io.vst.valkey.FtInfo;
import io.vst.valkey.InfoSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the server's INFO / INFO SEARCH / FT.INFO replies into timeline figures. Pure; any thread.
 * A field the server does not report is left out (it reads as NaN).
 */
public final class ServerFigures {

    private static final Map<String, String> INFO_FIELDS = Map.ofEntries(
            Map.entry("used_memory", TimelineColumns.USED_MEMORY),
            Map.entry("used_memory_rss", TimelineColumns.USED_MEMORY_RSS),
            Map.entry("used_memory_dataset", TimelineColumns.USED_MEMORY_DATASET),
            Map.entry("used_memory_overhead", TimelineColumns.USED_MEMORY_OVERHEAD),
            Map.entry("used_memory_peak", TimelineColumns.USED_MEMORY_PEAK),
            Map.entry("allocator_allocated", TimelineColumns.ALLOCATOR_ALLOCATED),
            Map.entry("allocator_active", TimelineColumns.ALLOCATOR_ACTIVE),
            Map.entry("allocator_resident", TimelineColumns.ALLOCATOR_RESIDENT),
            Map.entry("allocator_frag_ratio", TimelineColumns.ALLOCATOR_FRAG_RATIO),
            Map.entry("allocator_frag_bytes", TimelineColumns.ALLOCATOR_FRAG_BYTES),
            Map.entry("mem_fragmentation_ratio", TimelineColumns.MEM_FRAG_RATIO),
            Map.entry("mem_fragmentation_bytes", TimelineColumns.MEM_FRAG_BYTES),
            Map.entry("mem_clients_normal", TimelineColumns.MEM_CLIENTS_NORMAL),
            Map.entry("mem_overhead_db_hashtable_rehashing", TimelineColumns.HASHTABLE_REHASHING),
            Map.entry("maxmemory", TimelineColumns.MAXMEMORY));

    private static final Pattern DB = Pattern.compile("db\\d+");

    private ServerFigures() {
    }

    /**
     * Figures from one round of replies.
     *
     * @param memory INFO memory of every primary (the aggregate sums bytes over a cluster)
     * @param keyspace INFO keyspace of every primary
     * @param search INFO SEARCH fields, or null without the module
     * @param ft FT.INFO of the scenario's index, or null when absent
     * @param processRss resident set size of the local server process, or NaN
     */
    public static Map<String, Double> from(InfoSnapshot memory, InfoSnapshot keyspace, Map<String, String> search,
                                           FtInfo ft, double processRss) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (memory != null) {
            Map<String, String> info = memory.aggregate();
            INFO_FIELDS.forEach((field, column) -> put(out, column, number(info.get(field))));
            // Ratios cannot be summed over a cluster: derive them from the summed bytes instead.
            if (!out.containsKey(TimelineColumns.ALLOCATOR_FRAG_RATIO)) {
                put(out, TimelineColumns.ALLOCATOR_FRAG_RATIO, number(info.get("allocator_active"))
                        / number(info.get("allocator_allocated")));
            }
            if (!out.containsKey(TimelineColumns.MEM_FRAG_RATIO)) {
                put(out, TimelineColumns.MEM_FRAG_RATIO, number(info.get("used_memory_rss"))
                        / number(info.get("used_memory")));
            }
        }
        if (keyspace != null) {
            double keys = 0;
            for (Map<String, String> node : keyspace.perNode().values()) {
                keys += keys(node);
            }
            out.put(TimelineColumns.DBSIZE, keys);
        }
        put(out, TimelineColumns.PROCESS_RSS, processRss);
        if (search != null) {
            put(out, TimelineColumns.SEARCH_MEMORY, number(search.get("search_used_memory_bytes")));
            put(out, TimelineColumns.SEARCH_RECLAIMABLE, number(search.get("search_index_reclaimable_memory")));
            String status = search.get("search_background_indexing_status");
            if (status != null) {
                out.put(TimelineColumns.SEARCH_INDEXING_ACTIVE, "NO_ACTIVITY".equals(status.trim()) ? 0.0 : 1.0);
            }
            put(out, TimelineColumns.SEARCH_WRITER_QUEUE, number(search.get("search_writer_queue_size")));
            put(out, TimelineColumns.SEARCH_QUERY_QUEUE, number(search.get("search_query_queue_size")));
            put(out, TimelineColumns.SEARCH_SUCCESSFUL_REQUESTS, number(search.get("search_successful_requests_count")));
            put(out, TimelineColumns.SEARCH_FAILED_REQUESTS, number(search.get("search_failure_requests_count")));
            Map<String, Double> hnsw = percentiles(search.get("search_hnsw_vector_index_search_latency_usec"));
            put(out, TimelineColumns.SEARCH_HNSW_P50, hnsw.getOrDefault("p50", Double.NaN));
            put(out, TimelineColumns.SEARCH_HNSW_P99, hnsw.getOrDefault("p99", Double.NaN));
            put(out, TimelineColumns.SEARCH_HNSW_P999, hnsw.getOrDefault("p99.9", Double.NaN));
            put(out, TimelineColumns.SEARCH_FLAT_P99, percentiles(search.get("search_flat_vector_index_search_latency_usec"))
                    .getOrDefault("p99", Double.NaN));
        }
        if (ft != null) {
            out.put(TimelineColumns.SEARCH_NUM_DOCS, (double) ft.numDocs());
            out.put(TimelineColumns.SEARCH_BACKFILL_PERCENT, ft.backfillCompletePercent());
            out.put(TimelineColumns.SEARCH_MUTATION_QUEUE, (double) ft.mutationQueueSize());
            out.put(TimelineColumns.SEARCH_INDEXING_FAILURES, (double) ft.hashIndexingFailures());
        }
        return out;
    }

    /**
     * The server's CPU time so far from INFO cpu (summed over the primaries of a cluster): all threads and
     * the main thread, in seconds. A field the server does not report is left out.
     */
    public static Map<String, Double> cpu(InfoSnapshot cpu) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (cpu != null) {
            Map<String, String> info = cpu.aggregate();
            put(out, TimelineColumns.SERVER_CPU, number(info.get("used_cpu_sys")) + number(info.get("used_cpu_user")));
            put(out, TimelineColumns.SERVER_MAIN_CPU, number(info.get("used_cpu_sys_main_thread"))
                    + number(info.get("used_cpu_user_main_thread")));
        }
        return out;
    }

    /** Sum of {@code keys=} over every {@code dbN} line of INFO keyspace. */
    static double keys(Map<String, String> info) {
        double total = 0;
        boolean any = false;
        for (Map.Entry<String, String> e : info.entrySet()) {
            if (e.getKey().startsWith("db") && DB.matcher(e.getKey()).matches()) {
                for (String part : e.getValue().split(",")) {
                    if (part.startsWith("keys=")) {
                        total += number(part.substring(5));
                        any = true;
                    }
                }
            }
        }
        return any ? total : 0;
    }

    /** Parses {@code p50=219.135,p99=630.783,p99.9=630.783} (the module's latency fields). */
    static Map<String, Double> percentiles(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq).trim(), number(part.substring(eq + 1)));
            }
        }
        return out;
    }

    /** Parses a number; blank or malformed (a server that reports "n/a") reads as NaN. */
    public static double number(String s) {
        if (s == null || s.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException notANumber) {
            return Double.NaN;
        }
    }

    private static void put(Map<String, Double> out, String column, double value) {
        if (!Double.isNaN(value) && !Double.isInfinite(value)) {
            out.put(column, value);
        }
    }
}
