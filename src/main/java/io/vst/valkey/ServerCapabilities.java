package io.vst.valkey;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a server can do, found by {@link CapabilityProbe} before a run starts.
 *
 * @param serverName {@code valkey} or {@code redis}
 * @param version the server version, e.g. {@code 8.0.1}
 * @param modules loaded module name → version as dotted text (valkey-search 66049 → {@code 1.2.1})
 * @param searchVersion version of the {@code search} module, or {@code null} when it is not loaded
 * @param nodeCount number of primaries (1 for a standalone server)
 * @param maxmemory bytes; 0 means no limit
 * @param allocator {@code mem_allocator}, e.g. {@code jemalloc-5.3.0}
 * @param processId the server's process id (first primary), for reading its RSS from /proc when local
 * @param local whether the server runs on this machine (loopback address)
 */
public record ServerCapabilities(String serverName, String version, Map<String, String> modules,
        String searchVersion, boolean cluster, int nodeCount, long maxmemory, String allocator, String os,
        long processId, boolean local) {

    public ServerCapabilities {
        modules = Collections.unmodifiableMap(new LinkedHashMap<>(modules));
    }

    /** Whether the valkey-search module is loaded. */
    public boolean hasSearch() {
        return searchVersion != null;
    }

    /** Whether the server version is at least {@code major.minor}. */
    public boolean versionAtLeast(int major, int minor) {
        String[] parts = version.split("\\.");
        try {
            int ma = Integer.parseInt(parts[0]);
            int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return ma > major || (ma == major && mi >= minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
