package io.vst.valkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.resp.BatchResult;
import io.vst.valkey.resp.ErrorCategory;
import io.vst.valkey.resp.Resp;
import io.vst.valkey.server.ManagedCluster;
import io.vst.valkey.server.ManagedServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A local 3-primary cluster: writes spread over the nodes, per-node INFO summed. */
class ManagedClusterTest {

    @Test
    void workersOutnumberingConnectionsDoNotBlockEachOther() throws Exception {
        try (ManagedCluster cluster = ValkeyTestServer.startCluster(3);
                ValkeyClient client = ValkeyClient.connect(cluster.endpoint(),
                        ClientSettings.of(1).withSocketTimeoutMillis(10_000))) {
            int threads = 6;
            assertThat(WriterThreads.run(client, "w:", threads, 10, 200)).isEqualTo(threads * 10 * 200);
            assertThat(client.dbSize()).isEqualTo(threads * 10 * 200);
        }
    }

    @Test
    void movedSlotFailsTheItemAsTransientAndTheRetryFollowsTheNewOwner() {
        try (ManagedCluster cluster = ValkeyTestServer.startCluster(3);
                ValkeyClient client = ValkeyClient.connect(cluster.endpoint(), 1)) {
            assertThat(client.writeVectors(List.of(VectorWrite.of("warm:1", new byte[16]))).failed()).isZero();
            String key = "moving:1";
            String slot = Resp.text(ManagedServer.call(cluster.nodes().get(0).port(), "CLUSTER", "KEYSLOT", key));
            ManagedServer owner = null;
            ManagedServer target = null;
            for (ManagedServer n : cluster.nodes()) {
                long count = Resp.asLong(ManagedServer.call(n.port(), "CLUSTER", "COUNTKEYSINSLOT", slot));
                boolean serves = Resp.asList(ManagedServer.call(n.port(), "CLUSTER", "SLOTS")).stream()
                        .map(Resp::asList).anyMatch(r -> Resp.asLong(r.get(0)) <= Long.parseLong(slot)
                                && Long.parseLong(slot) <= Resp.asLong(r.get(1))
                                && Resp.asLong(Resp.asList(r.get(2)).get(1)) == n.port());
                assertThat(count).isZero();
                if (serves) {
                    owner = n;
                } else if (target == null) {
                    target = n;
                }
            }
            assertThat(owner).isNotNull();
            String targetId = Resp.text(ManagedServer.call(target.port(), "CLUSTER", "MYID"));
            for (ManagedServer n : cluster.nodes()) {
                ManagedServer.call(n.port(), "CLUSTER", "SETSLOT", slot, "NODE", targetId);
            }
            // The client still routes the slot to its old owner, which answers MOVED.
            BatchResult first = client.writeVectors(List.of(VectorWrite.of(key, new byte[16])));
            assertThat(first.failed()).isEqualTo(1);
            assertThat(first.firstFailure().category()).isEqualTo(ErrorCategory.CLUSTER);
            assertThat(first.firstFailure().isTransient()).isTrue();
            BatchResult retry = client.writeVectors(List.of(VectorWrite.of(key, new byte[16])));
            assertThat(retry.failed()).isZero();
            assertThat(Resp.asLong(ManagedServer.call(target.port(), "CLUSTER", "COUNTKEYSINSLOT", slot)))
                    .isEqualTo(1);
        }
    }

    @Test
    void writesSpreadAndInfoIsSummedPerNode() {
        List<ManagedServer> nodes;
        try (ManagedCluster cluster = ValkeyTestServer.startCluster(3)) {
            nodes = cluster.nodes();
            assertThat(nodes).hasSize(3);
            try (ValkeyClient client = ValkeyClient.connect(cluster.endpoint().withCluster(ClusterMode.AUTO), 2)) {
                assertThat(client.isCluster()).isTrue();
                assertThat(client.primaryAddresses()).hasSize(3);
                List<VectorWrite> batch = new ArrayList<>();
                for (int i = 0; i < 3000; i++) {
                    batch.add(VectorWrite.of("vec:" + i, ValkeyClientTest.vector(i, 1, 2, 3)));
                }
                assertThat(client.writeVectors(batch).failed()).isZero();
                assertThat(client.dbSize()).isEqualTo(3000);
                assertThat(client.scanKeys("vec:")).hasSize(3000).doesNotHaveDuplicates();
                assertThat(client.countExisting(List.of("vec:1", "vec:2999", "vec:x"))).isEqualTo(2);
                assertThat(client.readVector("vec:42")).isEqualTo(ValkeyClientTest.vector(42, 1, 2, 3));

                InfoSnapshot keyspace = client.info("keyspace");
                assertThat(keyspace.perNode()).hasSize(3);
                long perNodeKeys = 0;
                for (ManagedServer n : nodes) {
                    Map<String, String> node = keyspace.perNode().get("127.0.0.1:" + n.port());
                    long keys = Long.parseLong(node.get("db0").replaceAll("^keys=(\\d+),.*$", "$1"));
                    // CRC16 slots spread 3000 keys roughly evenly over three equal slot ranges.
                    assertThat(keys).isBetween(700L, 1300L);
                    perNodeKeys += keys;
                }
                assertThat(perNodeKeys).isEqualTo(3000);
                assertThat(InfoSnapshot.subfields(keyspace.aggregate().get("db0"))).containsEntry("keys", "3000");

                InfoSnapshot memory = client.info("memory");
                long sum = memory.perNode().values().stream()
                        .mapToLong(m -> Long.parseLong(m.get("used_memory"))).sum();
                assertThat(memory.aggregateLong("used_memory", -1)).isEqualTo(sum);
                assertThat(memory.aggregate()).containsEntry("mem_allocator",
                        memory.perNode().values().iterator().next().get("mem_allocator"));
                assertThat(client.info("server").aggregate()).doesNotContainKey("process_id");
                assertThat(client.memoryStats()).hasSize(3);

                assertThat(client.deleteKeys(client.scanKeys("vec:"))).isEqualTo(3000);
                assertThat(client.dbSize()).isZero();
            }
        }
        for (ManagedServer n : nodes) {
            assertThat(n.isAlive()).isFalse();
        }
    }
}
