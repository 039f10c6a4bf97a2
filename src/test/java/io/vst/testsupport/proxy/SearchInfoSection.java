package io.vst.testsupport.proxy;

import io.vst.testsupport.proxy.IndexDefinition.VectorAttribute;
import java.util.List;
import java.util.Locale;

/**
 * The text valkey-search adds to {@code INFO} as its {@code search_*} sections, with the field set and
 * order of the recorded {@code INFO SEARCH} (fixture 32). Index counts are exact; memory is a simple,
 * documented model (see {@link #usedMemoryBytes}); counters and latencies come from this proxy's own
 * FT.SEARCH calls; the rest are the zeros an idle module shows.
 */
final class SearchInfoSection {

    /** Fixed module overhead in the memory model. */
    static final long BASE_MEMORY = 1L << 20;
    /** Fixed per-index overhead in the memory model. */
    static final long INDEX_MEMORY = 64L * 1024;
    /** Per-vector overhead in the memory model (graph links and bookkeeping). */
    static final long VECTOR_OVERHEAD = 64;

    /**
     * One index's share of the report.
     *
     * @param definition the index
     * @param stats what it holds now
     * @param backfilling whether its backfill still runs
     */
    record IndexReport(IndexDefinition definition, IndexStats stats, boolean backfilling) { }

    private SearchInfoSection() {
    }

    /**
     * {@code BASE_MEMORY + Σ indexes (INDEX_MEMORY + Σ vector attributes size × (dim × 4 + VECTOR_OVERHEAD))}:
     * deterministic, grows linearly with indexed vectors × dimensions.
     */
    static long usedMemoryBytes(List<IndexReport> reports) {
        long total = BASE_MEMORY;
        for (IndexReport report : reports) {
            total += INDEX_MEMORY;
            for (IndexDefinition.Attribute attribute : report.definition().attributes()) {
                if (attribute instanceof VectorAttribute vector) {
                    long size = report.stats().attributes().get(vector.alias()).size();
                    total += size * ((long) vector.byteLength() + VECTOR_OVERHEAD);
                }
            }
        }
        return total;
    }

    static String render(List<IndexReport> reports, SearchCounters counters) {
        long attributes = reports.stream().mapToLong(r -> r.definition().attributes().size()).sum();
        long documents = reports.stream().mapToLong(r -> r.stats().numDocs()).sum();
        boolean backfilling = reports.stream().anyMatch(IndexReport::backfilling);
        long memory = usedMemoryBytes(reports);
        double cpuSeconds = counters.busyNanos.get() / 1e9;
        StringBuilder text = new StringBuilder();
        section(text, "search_compatibility", "search_compatibility-invalid_data_drops_key:0");
        section(text, "search_hnswlib", "search_hnsw_add_exceptions_count:0", "search_hnsw_create_exceptions_count:0",
                "search_hnsw_duplicate_label_on_load_count:0", "search_hnsw_modify_exceptions_count:0",
                "search_hnsw_remove_exceptions_count:0", "search_hnsw_search_exceptions_count:0");
        section(text, "search_index_stats", "search_number_of_attributes:" + attributes,
                "search_number_of_indexes:" + reports.size(),
                "search_total_active_write_threads:" + Runtime.getRuntime().availableProcessors(),
                "search_total_indexed_documents:" + documents);
        section(text, "search_indexing",
                "search_background_indexing_status:" + (backfilling ? "IN_PROGRESS" : "NO_ACTIVITY"));
        section(text, "search_latency",
                "search_flat_vector_index_search_latency_usec:" + counters.latencyLine(false),
                "search_hnsw_vector_index_search_latency_usec:" + counters.latencyLine(true));
        section(text, "search_memory", "search_index_reclaimable_memory:0", "search_used_memory_bytes:" + memory,
                "search_used_memory_human:" + human(memory));
        long hybrid = counters.hybrid.get();
        section(text, "search_query", "search_failure_requests_count:" + counters.failures.get(),
                "search_hybrid_requests_count:" + hybrid, "search_inline_filtering_requests_count:" + hybrid,
                "search_nonvector_requests_count:" + counters.nonVector.get(),
                "search_prefiltering_requests_count:0", "search_result_record_dropped_count:0",
                "search_successful_requests_count:" + counters.successful.get(),
                "search_vector_requests_count:" + counters.vector.get());
        section(text, "search_rdb", "search_rdb_load_failure_cnt:0", "search_rdb_load_success_cnt:0",
                "search_rdb_save_failure_cnt:0", "search_rdb_save_success_cnt:0");
        section(text, "search_string_interning", "search_string_interning_store_size:0");
        section(text, "search_thread-pool", "search_query_queue_size:0", "search_reader_resumed_cnt:0",
                "search_used_read_cpu:" + String.format(Locale.ROOT, "%.6f", cpuSeconds),
                "search_used_write_cpu:0.000000", "search_worker_pool_suspend_cnt:0", "search_writer_queue_size:0",
                "search_writer_resumed_cnt:0", "search_writer_suspension_expired_cnt:0");
        section(text, "search_vector_externing", "search_vector_externing_deferred_entry_cnt:0",
                "search_vector_externing_entry_count:0", "search_vector_externing_generated_value_cnt:0",
                "search_vector_externing_hash_extern_errors:0", "search_vector_externing_lru_promote_cnt:0",
                "search_vector_externing_num_lru_entries:0");
        return text.toString();
    }

    private static void section(StringBuilder text, String name, String... lines) {
        // Sections are separated by one blank line, as in the server's own INFO text.
        if (text.length() > 0) {
            text.append("\r\n");
        }
        text.append("# ").append(name).append("\r\n");
        for (String line : lines) {
            text.append(line).append("\r\n");
        }
    }

    /** Like the module: {@code 8.99MiB}. */
    static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f%s", value, units[unit]);
    }
}
