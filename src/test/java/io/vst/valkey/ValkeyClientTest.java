package io.vst.valkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.resp.BatchResult;
import io.vst.valkey.resp.ErrorCategory;
import io.vst.valkey.resp.ValkeyException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client adapter against a real valkey-server child, under RESP2 and RESP3. */
class ValkeyClientTest {

    private static ValkeyTestServer server;

    @BeforeAll
    static void startServer() {
        server = ValkeyTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static byte[] vector(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {false, true})
    void pipelinedWritesScanAndDeletes(boolean resp3) {
        String prefix = "p" + resp3 + ":";
        try (ValkeyClient client = ValkeyClient.connect(server.endpoint(), ClientSettings.of(2).withResp3(resp3))) {
            List<VectorWrite> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(VectorWrite.of(prefix + i, vector(i, i + 0.5f, -i, 1), "category", "c" + (i % 3),
                        "price", Integer.toString(i)));
            }
            BatchResult written = client.writeVectors(batch);
            assertThat(written.size()).isEqualTo(500);
            assertThat(written.failed()).isZero();
            client.command("SET", "other:" + prefix, "x");
            assertThat(client.readVector(prefix + "7")).isEqualTo(vector(7, 7.5f, -7, 1));
            assertThat(client.command("HGET", prefix + "7", "price")).isEqualTo("7");
            assertThat(client.readVector(prefix + "missing")).isNull();
            List<byte[]> read = client.readVectors(List.of(prefix + "3", prefix + "missing", prefix + "499"));
            assertThat(read.get(0)).isEqualTo(vector(3, 3.5f, -3, 1));
            assertThat(read.get(1)).isNull();
            assertThat(read.get(2)).isEqualTo(vector(499, 499.5f, -499, 1));

            List<String> keys = client.scanKeys(prefix);
            assertThat(keys).hasSize(500).allMatch(k -> k.startsWith(prefix)).doesNotHaveDuplicates();
            assertThat(client.countExisting(List.of(prefix + "1", prefix + "2", prefix + "nope"))).isEqualTo(2);
            assertThat(client.dbSize()).isGreaterThanOrEqualTo(501);

            List<String> toDelete = new ArrayList<>(keys.subList(0, 100));
            toDelete.add(prefix + "never-written");
            assertThat(client.deleteKeys(toDelete)).isEqualTo(100);
            assertThat(client.scanKeys(prefix)).hasSize(400);
            assertThat(client.deleteKeys(client.scanKeys(prefix))).isEqualTo(400);
            assertThat(client.scanKeys(prefix)).isEmpty();
            assertThat(client.scanKeys("other:" + prefix)).containsExactly("other:" + prefix);
        }
    }

    @Test
    void failedItemsDoNotFailTheBatch() {
        try (ValkeyClient client = ValkeyClient.connect(server.endpoint(), 1)) {
            client.command("SET", "wt:2", "a string, not a hash");
            BatchResult r = client.writeVectors(List.of(VectorWrite.of("wt:1", vector(1)),
                    VectorWrite.of("wt:2", vector(2)), VectorWrite.of("wt:3", vector(3))));
            assertThat(r.succeeded()).isEqualTo(2);
            assertThat(r.isOk(0)).isTrue();
            assertThat(r.isOk(1)).isFalse();
            assertThat(r.firstFailure().serverMessage()).startsWith("WRONGTYPE");
            assertThat(r.firstFailure().category()).isEqualTo(ErrorCategory.SERVER_ERROR);
            assertThat(client.countExisting(List.of("wt:1", "wt:3"))).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {false, true})
    void infoMemoryStatsAndModules(boolean resp3) {
        try (ValkeyClient client = ValkeyClient.connect(server.endpoint(), ClientSettings.of(1).withResp3(resp3))) {
            client.writeVectors(List.of(VectorWrite.of("mem:1", vector(1, 2, 3, 4))));
            InfoSnapshot memory = client.info("memory");
            assertThat(memory.perNode()).containsOnlyKeys("127.0.0.1:" + server.port());
            assertThat(memory.aggregateLong("used_memory", -1)).isPositive();
            assertThat(memory.aggregate().get("mem_allocator")).startsWith("jemalloc");
            assertThat(client.info("keyspace").aggregate().get("db0")).startsWith("keys=");
            Map<String, String> stats = client.memoryStats().get("127.0.0.1:" + server.port());
            assertThat(Long.parseLong(stats.get("keys.count"))).isPositive();
            assertThat(stats).containsKey("db.0.overhead.hashtable.main").containsKey("allocator.resident");
            assertThat(client.mallocStats().values().iterator().next()).contains("jemalloc");
            client.memoryPurge();
            assertThat(client.moduleList()).doesNotContainKey("search");
            assertThat(client.clientList()).contains("name=vst");
            assertThat(client.command("CONFIG", "GET", "maxmemory-policy")).isEqualTo("maxmemory-policy\nnoeviction");
        }
    }

    @Test
    void searchCommandsOnAServerWithoutTheModuleAreUnknownCommands() {
        try (ValkeyClient client = ValkeyClient.connect(server.endpoint(), 1)) {
            assertThatThrownBy(client::ftList).isInstanceOfSatisfying(ValkeyException.class, e -> {
                assertThat(e.category()).isEqualTo(ErrorCategory.UNKNOWN_COMMAND);
                assertThat(e.serverMessage()).contains("unknown command");
                assertThat(e.hint()).contains("module");
            });
        }
    }

    @Test
    void manyThreadsShareFewConnections() throws Exception {
        int threads = 8;
        try (ValkeyClient client = ValkeyClient.connect(server.endpoint(), 2)) {
            assertThat(WriterThreads.run(client, "mt:", threads, 20, 50)).isEqualTo(threads * 20 * 50);
            assertThat(client.scanKeys("mt:")).hasSize(threads * 20 * 50);
            long vstConnections = client.clientList().lines().filter(l -> l.contains("name=vst")).count();
            assertThat(vstConnections).isBetween(1L, 2L);
        }
    }

    @Test
    void scanTakesThePrefixLiterallyAndConfigAndInfoReadWhatTheServerWasStartedWith() {
        try (ValkeyClient client = ValkeyClient.connect(server.endpoint(), 1)) {
            client.command("SET", "g*[x]:1", "a");
            client.command("SET", "gab]:1", "b");
            client.command("SET", "g?x:1", "c");
            assertThat(client.scanKeys("g*[x]:")).containsExactly("g*[x]:1");
            assertThat(client.scanKeys("g?")).containsExactly("g?x:1");
            // The port the test started the server on, and valkey's documented default policy.
            assertThat(client.configGet("port")).containsExactly(Map.entry("port", Integer.toString(server.port())));
            assertThat(client.configGet("maxmemory*")).containsEntry("maxmemory-policy", "noeviction");
            InfoSnapshot both = client.info("server", "keyspace");
            assertThat(both.aggregate().get("tcp_port")).isEqualTo(Integer.toString(server.port()));
            assertThat(both.aggregate().get("db0")).startsWith("keys=");
            assertThat(client.ping()).isEqualTo("PONG");
            client.command("DEL", "g*[x]:1", "gab]:1", "g?x:1");
        }
    }
}
