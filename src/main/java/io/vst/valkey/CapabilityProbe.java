package io.vst.valkey;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds out what a server offers (version, modules, cluster, memory limit, allocator) so that a run can
 * fail before it starts when a step needs something the server lacks.
 *
 * <pre>{@code
 * ServerCapabilities caps = CapabilityProbe.probe(client);
 * if (!caps.hasSearch()) { ... name the steps that need FT.* ... }
 * }</pre>
 */
public final class CapabilityProbe {

    /** The module name valkey-search (and RediSearch) registers. */
    public static final String SEARCH_MODULE = "search";

    private CapabilityProbe() {
    }

    public static ServerCapabilities probe(ValkeyClient client) {
        InfoSnapshot server = client.info("server");
        Map<String, String> first = server.perNode().values().iterator().next();
        String name = first.getOrDefault("server_name", first.containsKey("valkey_version") ? "valkey" : "redis");
        String version = first.getOrDefault("valkey_version", first.getOrDefault("redis_version", "unknown"));
        Map<String, String> modules = new LinkedHashMap<>();
        client.moduleList().forEach((module, ver) -> modules.put(module, InfoReplies.moduleVersionText(ver)));
        InfoSnapshot memory = client.info("memory");
        Map<String, String> mem = memory.perNode().values().iterator().next();
        long maxmemory = memory.aggregateLong("maxmemory", parseLong(mem.get("maxmemory")));
        long pid = parseLong(first.get("process_id"));
        return new ServerCapabilities(name, version, modules, modules.get(SEARCH_MODULE), client.isCluster(),
                server.perNode().size(), maxmemory, mem.getOrDefault("mem_allocator", "unknown"),
                first.getOrDefault("os", "unknown"), pid, client.endpoint().isLoopback());
    }

    private static long parseLong(String v) {
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
