package io.vst.valkey;

import io.vst.valkey.resp.ErrorCategory;
import io.vst.valkey.resp.PipelineResponses;
import io.vst.valkey.resp.RawCommand;
import io.vst.valkey.resp.Resp;
import io.vst.valkey.resp.ValkeyException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.Pool;

/**
 * The primaries of a deployment, each with its connection pool, for commands that are per node
 * (INFO, MEMORY, SCAN, DBSIZE, FT.*).
 */
final class ServerNodes {

    /** One primary: its {@code host:port} and the pool to borrow connections from. */
    record Node(String address, Pool<Connection> pool) {
    }

    private final UnifiedJedis jedis;
    private volatile SlotTable slots;
    private final java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();
    private volatile List<Node> primaries;

    ServerNodes(UnifiedJedis jedis, String standaloneAddress) {
        this.jedis = jedis;
        if (jedis instanceof RedisClient standalone) {
            primaries = List.of(new Node(standaloneAddress, standalone.getPool()));
        }
    }

    /** The primaries; for a cluster read from the client's topology, replicas left out. */
    List<Node> primaries() {
        List<Node> known = primaries;
        if (known == null) {
            known = discover();
            primaries = known;
        }
        return known;
    }

    /** Forgets the cluster topology so that the next call reads it again. */
    void refresh() {
        if (jedis instanceof RedisClusterClient cluster) {
            cluster.refreshClusterTopology();
            primaries = null;
            slots = null;
        }
    }

    /**
     * The primary that serves {@code key}: the only node of a standalone server, else from the slot table.
     *
     * @return {@code null} when no known primary serves the key's slot
     */
    Node nodeFor(byte[] key) {
        List<Node> all = primaries();
        if (!(jedis instanceof RedisClusterClient)) {
            return all.get(0);
        }
        SlotTable table = slots;
        if (table == null) {
            table = SlotTable.parse(call(all.get(0), RawCommand.of("CLUSTER", "SLOTS")));
            slots = table;
        }
        String owner = table.ownerOf(key);
        for (Node n : all) {
            if (n.address().equals(owner)) {
                return n;
            }
        }
        return null;
    }

    private List<Node> discover() {
        RedisClusterClient cluster = (RedisClusterClient) jedis;
        List<Node> out = new ArrayList<>();
        for (Map.Entry<String, ConnectionPool> e : cluster.getClusterNodes().entrySet()) {
            Node node = new Node(e.getKey(), e.getValue());
            Map<String, String> replication = InfoReplies.parseInfo(Resp.text(call(node, RawCommand.of("INFO",
                    "replication"))));
            if ("master".equals(replication.get("role")) || "primary".equals(replication.get("role"))) {
                out.add(node);
            }
        }
        out.sort((a, b) -> a.address().compareTo(b.address()));
        return List.copyOf(out);
    }

    /** Runs one command on one node and returns the raw reply (server errors are thrown by Jedis). */
    static Object call(Node node, CommandArguments args) {
        return with(node, c -> c.executeCommand(args));
    }

    /** Runs {@code work} with a connection borrowed from the node's pool. */
    static <T> T with(Node node, Function<Connection, T> work) {
        // Connection.close() returns a pooled connection to its pool (or destroys it when broken).
        try (Connection c = node.pool().getResource()) {
            return work.apply(c);
        }
    }

    /**
     * Pipelines one command per item, grouped by the primary that serves each item's key; each group runs
     * on one borrowed connection, so a worker holds at most one connection at a time (a Jedis cluster
     * pipeline holds one per node at once, and workers that outnumber connections then deadlock).
     */
    <T> PipelineResponses pipeline(String op, String where, List<T> items, Function<T, byte[]> keyOf,
            java.util.function.BiFunction<Pipeline, T, Response<?>> command) {
        Map<Node, List<Integer>> groups = new LinkedHashMap<>();
        Map<Integer, ValkeyException> unrouted = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Node node = nodeFor(keyOf.apply(items.get(i)));
            if (node == null) {
                unrouted.put(i, new ValkeyException(ErrorCategory.CLUSTER, op + " on " + where
                        + ": no primary serves the key's slot", null, "the cluster is reconfiguring", null));
            } else {
                groups.computeIfAbsent(node, n -> new ArrayList<>()).add(i);
            }
        }
        List<Response<?>> responses = new ArrayList<>(java.util.Collections.nCopies(items.size(), null));
        for (Map.Entry<Node, List<Integer>> group : groups.entrySet()) {
            with(group.getKey(), connection -> {
                try (Pipeline p = new Pipeline(connection, false)) {
                    for (int i : group.getValue()) {
                        responses.set(i, command.apply(p, items.get(i)));
                    }
                    p.sync();
                }
                return null;
            });
        }
        return new PipelineResponses(op, where, responses, unrouted);
    }

    /** Runs one command on every primary; address → raw reply, in node order. */
    Map<String, Object> callAll(CommandArguments args) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Node n : primaries()) {
            out.put(n.address(), call(n, args));
        }
        return out;
    }

    /** The node keyless admin commands (FT.CREATE, FT.INFO, MODULE LIST) go to: always the first primary. */
    Node any() {
        return primaries().get(0);
    }

    /**
     * The next primary in turn, for queries: valkey-search fans a query out from whichever primary gets
     * it, so spreading queries spreads the coordinating work.
     */
    Node next() {
        List<Node> all = primaries();
        return all.get(Math.floorMod(turn.getAndIncrement(), all.size()));
    }
}
