package io.vst.valkey.server;

import io.vst.VstException;
import io.vst.valkey.ClusterMode;
import io.vst.valkey.InfoReplies;
import io.vst.valkey.ValkeyEndpoint;
import io.vst.valkey.resp.Resp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local cluster of {@code valkey-server} children, one primary per node and no replicas, slots split
 * evenly with {@code CLUSTER ADDSLOTSRANGE} and joined with {@code CLUSTER MEET}.
 *
 * <pre>{@code
 * try (ManagedCluster cluster = ManagedCluster.start(ManagedServerOptions.defaults(), 3)) {
 *     ValkeyClient client = ValkeyClient.connect(cluster.endpoint(), 4);
 * }
 * }</pre>
 */
public final class ManagedCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedCluster.class);
    private static final int SLOTS = 16384;
    private static final long FORM_TIMEOUT_MILLIS = 30_000;
    /** File names of the valkey-search module ({@code libsearch.so}), loaded with its coordinator in a cluster. */
    static final String SEARCH_MODULE_PREFIX = "libsearch";

    private final List<ManagedServer> nodes;

    private ManagedCluster(List<ManagedServer> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Starts {@code size} primaries and waits (bounded) until every node reports {@code cluster_state:ok}.
     * A valkey-search module ({@code libsearch*.so}) among the options' modules is loaded with
     * {@code --use-coordinator}.
     */
    public static ManagedCluster start(ManagedServerOptions options, int size) {
        if (size < 1) {
            throw VstException.invalidInput("A cluster needs at least one node, got " + size, "use 3 primaries");
        }
        List<ManagedServer> started = new ArrayList<>();
        // valkey-search keeps one index per node unless its coordinator runs: with it, FT.CREATE on one
        // primary reaches all, and FT.SEARCH on any primary answers over every shard.
        options = options.withModuleArgs(SEARCH_MODULE_PREFIX, ModuleLoading.USE_COORDINATOR);
        try {
            for (int i = 0; i < size; i++) {
                // The cluster bus port is chosen explicitly: port+10000 may be above 65535 or taken.
                started.add(ManagedServer.start(options.withArgs("--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000",
                        "--cluster-port", Integer.toString(ManagedServer.freePort()))));
            }
            ManagedCluster cluster = new ManagedCluster(started);
            cluster.form();
            return cluster;
        } catch (RuntimeException e) {
            for (ManagedServer s : started) {
                s.stop();
            }
            throw e;
        }
    }

    private void form() {
        int n = nodes.size();
        for (int i = 0; i < n; i++) {
            int from = i * SLOTS / n;
            int to = (i + 1) * SLOTS / n - 1;
            ManagedServer.call(nodes.get(i).port(), "CLUSTER", "ADDSLOTSRANGE", Integer.toString(from),
                    Integer.toString(to));
        }
        for (int i = 1; i < n; i++) {
            ManagedServer.call(nodes.get(0).port(), "CLUSTER", "MEET", "127.0.0.1",
                    Integer.toString(nodes.get(i).port()), bus(nodes.get(i)));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FORM_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (allOk(n)) {
                LOG.info("local cluster of {} primaries is ok (first port {})", n, nodes.get(0).port());
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw VstException.runtime("Interrupted while forming the local cluster", e);
            }
        }
        throw VstException.runtime("Local cluster did not reach cluster_state:ok within " + FORM_TIMEOUT_MILLIS
                + " ms", null);
    }

    private static String bus(ManagedServer node) {
        Object reply = ManagedServer.call(node.port(), "CONFIG", "GET", "cluster-port");
        List<java.util.Map.Entry<String, Object>> pairs = Resp.asPairs(reply);
        return Resp.text(pairs.get(0).getValue());
    }

    private boolean allOk(int n) {
        for (ManagedServer node : nodes) {
            Map<String, String> info = InfoReplies.parseInfo(Resp.text(ManagedServer.call(node.port(), "INFO",
                    "cluster")));
            Map<String, String> state = InfoReplies.parseInfo(Resp.text(ManagedServer.call(node.port(), "CLUSTER",
                    "INFO")));
            if (!"1".equals(info.get("cluster_enabled")) || !"ok".equals(state.get("cluster_state"))
                    || !String.valueOf(n).equals(state.get("cluster_known_nodes"))
                    || !String.valueOf(SLOTS).equals(state.get("cluster_slots_ok"))) {
                return false;
            }
        }
        return true;
    }

    public List<ManagedServer> nodes() {
        return nodes;
    }

    /** An endpoint of the first node with the cluster flag on; the client discovers the others. */
    public ValkeyEndpoint endpoint() {
        return nodes.get(0).endpoint().withCluster(ClusterMode.CLUSTER);
    }

    @Override
    public void close() {
        for (ManagedServer s : nodes) {
            s.close();
        }
    }
}
