package io.vst.valkey;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One INFO section read from every primary: per node, and aggregated over the cluster.
 *
 * <p>The aggregate sums fields whose value is an integer on every node (memory bytes, key and command
 * counts), except fields that identify a node rather than measure it (ports, process id, uptime...).
 * Values made of {@code name=value} pairs (keyspace, commandstats) are summed pair by pair, leaving out
 * averages and per-call figures. Any other field is kept only when all nodes report the same text;
 * ratios, which cannot be summed, are left out when nodes differ. A standalone server has one node and its aggregate equals that node.
 *
 * @param perNode {@code host:port} → field → value, in node order
 */
public record InfoSnapshot(Map<String, Map<String, String>> perNode, Map<String, String> aggregate) {

    private static final Set<String> NOT_ADDITIVE = Set.of("process_id", "tcp_port", "uptime_in_seconds",
            "uptime_in_days", "hz", "configured_hz", "lru_clock", "arch_bits", "server_time_usec", "run_id",
            "io_threads_active", "cluster_enabled", "redis_git_dirty", "atomicvar_api", "monotonic_clock",
            "listener0", "executable", "config_file", "maxmemory_policy", "mem_allocator", "role",
            "aof_enabled", "rdb_bgsave_in_progress", "loading", "async_loading", "connected_slaves",
            "master_repl_offset", "second_repl_offset", "repl_backlog_active", "repl_backlog_first_byte_offset",
            "pubsub_clients", "rdb_last_save_time", "rdb_changes_since_last_save");

    public InfoSnapshot {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        perNode.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        perNode = Collections.unmodifiableMap(copy);
        aggregate = Collections.unmodifiableMap(new LinkedHashMap<>(aggregate));
    }

    /** Builds the snapshot, computing the aggregate from the per-node maps. */
    public static InfoSnapshot of(Map<String, Map<String, String>> perNode) {
        Map<String, String> agg = new LinkedHashMap<>();
        if (perNode.size() == 1) {
            agg.putAll(perNode.values().iterator().next());
            return new InfoSnapshot(perNode, agg);
        }
        Map<String, String> first = perNode.isEmpty() ? Map.of() : perNode.values().iterator().next();
        for (String field : first.keySet()) {
            Long sum = NOT_ADDITIVE.contains(field) ? null : 0L;
            boolean same = true;
            for (Map<String, String> node : perNode.values()) {
                String v = node.get(field);
                if (v == null) {
                    sum = null;
                    same = false;
                    break;
                }
                same &= v.equals(first.get(field));
                if (sum != null) {
                    sum = addOrNull(sum, v);
                }
            }
            String summed = sum == null ? sumSubfields(field, perNode) : null;
            if (sum != null) {
                agg.put(field, Long.toString(sum));
            } else if (summed != null) {
                agg.put(field, summed);
            } else if (same) {
                agg.put(field, first.get(field));
            }
        }
        return new InfoSnapshot(perNode, agg);
    }

    /**
     * Splits a value made of {@code name=value} pairs, as in INFO keyspace ({@code keys=3,expires=0})
     * and commandstats ({@code calls=5,usec=20,...}).
     */
    public static Map<String, String> subfields(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }

    // Sums per-node "name=value,..." fields sub-field by sub-field (keyspace, commandstats); averages and
    // per-call figures cannot be summed and are left out.
    private static String sumSubfields(String field, Map<String, Map<String, String>> perNode) {
        Map<String, Long> sums = null;
        for (Map<String, String> node : perNode.values()) {
            String v = node.get(field);
            if (v == null || !v.contains("=")) {
                return null;
            }
            Map<String, String> parts = subfields(v);
            if (sums == null) {
                sums = new LinkedHashMap<>();
                for (String k : parts.keySet()) {
                    if (!k.startsWith("avg_") && !k.contains("_per_")) {
                        sums.put(k, 0L);
                    }
                }
            }
            for (Map.Entry<String, Long> e : sums.entrySet()) {
                Long added = e.getValue() == null ? null : addOrNull(e.getValue(), parts.getOrDefault(e.getKey(), "x"));
                e.setValue(added);
            }
        }
        if (sums == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        sums.forEach((k, v) -> {
            if (v != null) {
                sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v);
            }
        });
        return sb.length() == 0 ? null : sb.toString();
    }

    /** An aggregated field as a number, or {@code fallback} when absent or not numeric. */
    public long aggregateLong(String field, long fallback) {
        String v = aggregate.get(field);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Long addOrNull(long sum, String v) {
        try {
            return Math.addExact(sum, Long.parseLong(v));
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
