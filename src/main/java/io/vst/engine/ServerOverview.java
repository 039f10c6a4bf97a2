package io.vst.engine;

import io.vst.units.Units;
import io.vst.valkey.CapabilityProbe;
import io.vst.valkey.ClientSettings;
import io.vst.valkey.InfoSnapshot;
import io.vst.valkey.ServerCapabilities;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.ValkeyEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a server says about itself, read in one go: the PING answer, what {@link CapabilityProbe} finds
 * (version, modules, cluster, memory limit, allocator), the primaries, the memory in use and the connected
 * clients, summed over the primaries of a cluster. {@code vst info server} prints its {@link #rows()}; the
 * workbench's connection manager shows them, and its Test connection the {@link #summary()}.
 *
 * <pre>{@code
 * try (ServerTarget target = ServerOpener.start(ConnectionSpec.server("valkey://127.0.0.1:6379"))) {
 *     ServerOverview.read(target).rows().forEach(r -> System.out.println(r.name() + " " + r.value()));
 * }
 * }</pre>
 *
 * @param endpoint the server connected to
 * @param startedByVst whether vst started that server for this command
 * @param ping the server's answer to PING ({@code PONG})
 * @param caps what {@link CapabilityProbe} found
 * @param primaries {@code host:port} of every primary (one for a standalone server)
 * @param usedMemory {@code used_memory} in bytes
 * @param usedMemoryRss {@code used_memory_rss} in bytes
 * @param clientMemory {@code mem_clients_normal}: the buffers of client connections (this one included),
 *     part of {@code usedMemory}
 * @param connectedClients {@code connected_clients}, this connection included
 */
public record ServerOverview(ValkeyEndpoint endpoint, boolean startedByVst, String ping, ServerCapabilities caps, List<String> primaries,
        long usedMemory, long usedMemoryRss, long clientMemory, long connectedClients) {

    private static final ClientSettings ONE_CONNECTION = ClientSettings.of(1, 5, 10);

    /** One line of the overview. */
    public record Row(String name, String value) {
    }

    public ServerOverview {
        primaries = List.copyOf(primaries);
    }

    /**
     * Opens {@code spec} the way a run does ({@link ServerOpener}), reads and disconnects (stopping a server
     * it started); a failure is a {@link io.vst.VstException} in words. Waits for the network: never the EDT.
     */
    public static ServerOverview read(ConnectionSpec spec) {
        try (ServerTarget target = ServerOpener.start(spec)) {
            return read(target);
        }
    }

    /** Connects to {@code target} over one connection, reads and disconnects. Waits for the network. */
    public static ServerOverview read(ServerTarget target) {
        try (ValkeyClient client = ValkeyClient.connect(target.endpoint(), ONE_CONNECTION)) {
            String pong = client.ping();
            ServerCapabilities caps = CapabilityProbe.probe(client);
            InfoSnapshot memory = client.info("memory");
            InfoSnapshot clients = client.info("clients");
            return new ServerOverview(target.endpoint(), target.startedByVst(), pong, caps, client.primaryAddresses(),
                    memory.aggregateLong("used_memory", -1), memory.aggregateLong("used_memory_rss", -1),
                    memory.aggregateLong("mem_clients_normal", -1),
                    clients.aggregateLong("connected_clients", -1));
        }
    }

    /** The answer to Test connection, e.g. {@code PONG from valkey 8.0.1 at 127.0.0.1:6379; modules: none}. */
    public String summary() {
        return ping + " from " + caps.serverName() + " " + caps.version() + " at " + endpoint.address() + "; modules: "
                + modules(caps.modules());
    }

    /** The overview, one row per figure, in the order {@code vst info server} prints them. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("server", caps.serverName() + " " + caps.version() + " (" + endpoint.toUri()
                + (startedByVst ? ", started by vst" : "") + ")"));
        rows.add(new Row("mode", caps.cluster() ? "cluster (" + caps.nodeCount() + " primaries)" : "standalone"));
        rows.add(new Row("nodes", String.join(", ", primaries)));
        rows.add(new Row("modules", modules(caps.modules())));
        rows.add(new Row("search", caps.hasSearch() ? "valkey-search " + caps.searchVersion()
                : "not loaded (steps with vector indexes need the valkey-search module)"));
        rows.add(new Row("used memory", bytes(usedMemory)));
        rows.add(new Row("client mem", bytes(clientMemory) + ", the client buffers within used memory"));
        rows.add(new Row("RSS", bytes(usedMemoryRss)));
        rows.add(new Row("maxmemory", caps.maxmemory() == 0 ? "no limit" : bytes(caps.maxmemory())));
        rows.add(new Row("clients", connectedClients + " connected (this one included)"));
        rows.add(new Row("allocator", caps.allocator()));
        rows.add(new Row("os", caps.os()));
        rows.add(new Row("process id", caps.processId() + (caps.local() ? " (local: RSS read from /proc)"
                : " (remote)")));
        return rows;
    }

    private static String modules(Map<String, String> modules) {
        if (modules.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        modules.forEach((name, ver) -> sb.append(sb.length() == 0 ? "" : ", ").append(name).append(' ').append(ver));
        return sb.toString();
    }

    private static String bytes(long n) {
        if (n < 0) {
            return "not reported";
        }
        return Units.bytes(n) + " (" + Units.count(n) + " bytes)";
    }
}
