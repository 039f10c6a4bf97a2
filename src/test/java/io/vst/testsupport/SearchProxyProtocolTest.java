package io.vst.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.testsupport.proxy.BackendServer;
import io.vst.testsupport.proxy.RespConnection;
import io.vst.testsupport.proxy.RespValue;
import io.vst.testsupport.proxy.RespWriter;
import io.vst.testsupport.proxy.SearchProxy;
import io.vst.testsupport.proxy.SearchProxyExtension;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.commands.ProtocolCommand;

/** The proxy as a RESP relay: pipelining, concurrency, protocol tracking, robustness, fault hooks. */
class SearchProxyProtocolTest {

    @RegisterExtension
    static final SearchProxyExtension SEARCH = new SearchProxyExtension();

    @BeforeEach
    void emptyServer() throws IOException {
        try (RespConnection client = RespConnection.connect(SEARCH.proxy().port())) {
            assertThat(client.call("FLUSHALL")).isEqualTo(new RespValue.Simple("OK"));
        }
    }

    @Test
    void pipelinesAThousandCommandsSentInOneWrite() throws IOException {
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) {
            if (i % 10 == 0) {
                pipeline.writeBytes(RespValue.bytes("PING\r\n"));
            } else {
                pipeline.writeBytes(RespWriter.command(List.of(RespValue.bytes("SET"), RespValue.bytes("k:" + i),
                        RespValue.bytes(Integer.toString(i)))));
            }
        }
        try (RespConnection client = RespConnection.connect(SEARCH.proxy().port())) {
            client.write(pipeline.toByteArray());
            for (int i = 0; i < 1000; i++) {
                assertThat(client.read().value()).as("reply %d", i)
                        .isEqualTo(new RespValue.Simple(i % 10 == 0 ? "PONG" : "OK"));
            }
            assertThat(client.call("DBSIZE")).isEqualTo(new RespValue.Int(900));
            assertThat(client.call("GET", "k:999")).isInstanceOf(RespValue.Bulk.class)
                    .extracting(RespValue::textOf).isEqualTo("999");
        }
    }

    @Test
    void servesManyClientsAtOnceEachOnItsOwnBackendConnection() throws Exception {
        int clients = 8;
        int rounds = 150;
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
            Thread thread = new Thread(r, "proxy-test-client-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(pool.submit(() -> exercise(client, rounds)));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(rounds);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(SEARCH.proxy().sessionErrors()).isEmpty();
    }

    private static int exercise(int client, int rounds) throws IOException {
        int matched = 0;
        try (RespConnection connection = RespConnection.connect(SEARCH.proxy().port())) {
            connection.call("CLIENT", "SETNAME", "c" + client);
            for (int i = 0; i < rounds; i++) {
                String value = client + ":" + i;
                connection.call("SET", "key:" + client, value);
                if (value.equals(RespValue.textOf(connection.call("GET", "key:" + client)))) {
                    matched++;
                }
            }
            assertThat(connection.call("CLIENT", "GETNAME")).extracting(RespValue::textOf).isEqualTo("c" + client);
        }
        return matched;
    }

    @Test
    void tracksTheProtocolChosenByHelloAndAnswersSearchCommandsInIt() throws IOException {
        try (RespConnection client = RespConnection.connect(SEARCH.proxy().port())) {
            RespValue hello = client.call("HELLO", "3", "AUTH", "default", "any", "SETNAME", "resp3-client");
            assertThat(hello).isInstanceOf(RespValue.Array.class);
            assertThat(((RespValue.Array) hello).kind()).isEqualTo(RespValue.Kind.MAP);
            assertThat(RespValue.latin1(RespWriter.encode(hello, 3))).contains("$7\r\nmodules\r\n*1\r\n%4\r\n"
                    + "$4\r\nname\r\n$6\r\nsearch\r\n");
            assertThat(client.call("CLIENT", "GETNAME")).extracting(RespValue::textOf).isEqualTo("resp3-client");
            client.call("HSET", "doc:1", "v", "0123456789abcdef");
            assertThat(client.call("FT.CREATE", "i3", "ON", "HASH", "PREFIX", "1", "doc:", "SCHEMA", "v", "VECTOR",
                    "FLAT", "6", "TYPE", "FLOAT32", "DIM", "4", "DISTANCE_METRIC", "L2"))
                    .isEqualTo(new RespValue.Simple("OK"));
            assertThat(RespValue.latin1(client.send("FT.INFO", "i3").raw())).contains("+default_score\r\n,1\r\n");
            assertThat(RespValue.latin1(client.send("MODULE", "LIST").raw()))
                    .endsWith("%4\r\n$4\r\nname\r\n$6\r\nsearch\r\n$3\r\nver\r\n:66049\r\n$4\r\npath\r\n"
                            + "$28\r\n/usr/lib/valkey/libsearch.so\r\n$4\r\nargs\r\n*0\r\n");
            String everything = RespValue.latin1(client.send("INFO", "everything").raw());
            assertThat(everything).startsWith("=").contains("txt:# Server").contains("# Keyspace")
                    .contains("# search_index_stats\r\nsearch_number_of_attributes:1\r\nsearch_number_of_indexes:1");
            assertThat(client.call("HELLO", "2")).isInstanceOf(RespValue.Array.class);
            assertThat(RespValue.latin1(client.send("FT.INFO", "i3").raw())).contains("+default_score\r\n$1\r\n1\r\n");
            assertThat(RespValue.latin1(client.send("INFO", "search").raw())).startsWith("$")
                    .contains("\r\n# search_compatibility\r\n").doesNotContain("# Server");
            assertThat(RespValue.latin1(client.send("INFO").raw())).contains("# Server")
                    .contains("# Modules\r\nmodule:name=search,ver=66049,").doesNotContain("search_");
            assertThat(RespValue.latin1(client.send("INFO", "modules").raw()))
                    .matches("(?s)\\$\\d+\r\n# Modules\r\nmodule:name=search,ver=66049,[^\r]*\r\n\r\n");
            String memoryAndSearch = RespValue.textOf(client.call("INFO", "memory", "search"));
            assertThat(memoryAndSearch).startsWith("# Memory\r\n").contains("\r\n\r\n# search_compatibility\r\n")
                    .doesNotContain("\r\n\r\n\r\n");
        }
    }

    @Test
    void answersAMalformedCommandWithAnErrorAndKeepsServingOthers() throws IOException {
        try (RespConnection client = RespConnection.connect(SEARCH.proxy().port())) {
            client.write(RespValue.bytes("*2\r\n$3\r\nGET\r\n:5\r\n"));
            assertThat(client.read().value()).isInstanceOf(RespValue.Error.class)
                    .extracting(RespValue::textOf).asString().startsWith("ERR Protocol error");
            assertThatThrownBy(client::read).isInstanceOfAny(EOFException.class, SocketException.class);
        }
        try (RespConnection client = RespConnection.connect(SEARCH.proxy().port())) {
            client.write(RespValue.bytes("*x\r\n"));
            assertThat(client.read().value()).isInstanceOf(RespValue.Error.class);
        }
        try (RespConnection client = RespConnection.connect(SEARCH.proxy().port())) {
            assertThat(client.call("FT.SEARCH", "idx")).isEqualTo(
                    new RespValue.Error("ERR wrong number of arguments for 'FT.SEARCH' command"));
            assertThat(client.call("FT.CREATE", "x", "SCHEMA", "v", "VECTOR")).isInstanceOf(RespValue.Error.class);
            assertThat(client.call("FT.CREATE", "x", "ON", "HASH", "SCHEMA", "n", "NUMERIC"))
                    .isEqualTo(new RespValue.Simple("OK"));
            assertThat(client.call("FT.SEARCH", "x", "@n:[1 oops]")).isInstanceOf(RespValue.Error.class);
            assertThat(client.call("PING")).isEqualTo(new RespValue.Simple("PONG"));
        }
    }

    @Test
    void queuesSearchCommandsInsideMultiAndAnswersThemInPlaceAtExec() throws IOException {
        try (RespConnection client = RespConnection.connect(SEARCH.proxy().port())) {
            assertThat(client.call("MULTI")).isEqualTo(new RespValue.Simple("OK"));
            assertThat(client.call("SET", "t", "1")).isEqualTo(new RespValue.Simple("QUEUED"));
            assertThat(client.call("FT._LIST")).isEqualTo(new RespValue.Simple("QUEUED"));
            assertThat(client.call("GET", "t")).isEqualTo(new RespValue.Simple("QUEUED"));
            assertThat(client.call("FT.INFO", "missing")).isEqualTo(new RespValue.Simple("QUEUED"));
            assertThat(RespValue.latin1(client.send("EXEC").raw())).isEqualTo("*4\r\n+OK\r\n*0\r\n$1\r\n1\r\n"
                    + "-Index with name 'missing' not found in database 0\r\n");
            assertThat(client.call("MULTI")).isEqualTo(new RespValue.Simple("OK"));
            assertThat(client.call("FT._LIST")).isEqualTo(new RespValue.Simple("QUEUED"));
            assertThat(client.call("DISCARD")).isEqualTo(new RespValue.Simple("OK"));
            assertThat(client.call("FT._LIST")).isEqualTo(new RespValue.Array(List.of()));
        }
    }

    @Test
    void closeStopsItsThreadsAndOnlyTheBackendItStarted() throws IOException {
        try (BackendServer external = BackendServer.start()) {
            SearchProxy front = new SearchProxy(external.port());
            int port = front.port();
            try (RespConnection client = RespConnection.connect(port)) {
                assertThat(client.call("PING")).isEqualTo(new RespValue.Simple("PONG"));
                assertThat(front.backendPort()).isEqualTo(external.port());
                front.close();
                assertThatThrownBy(client::read).isInstanceOfAny(EOFException.class, SocketException.class);
            }
            assertThat(proxyThreads(port)).isEmpty();
            assertThatThrownBy(() -> RespConnection.connect(port)).isInstanceOf(IOException.class);
            try (RespConnection direct = RespConnection.connect(external.port())) {
                assertThat(direct.call("PING")).isEqualTo(new RespValue.Simple("PONG"));
            }
        }
        SearchProxy owning = SearchProxy.start();
        int backendPort = owning.backendPort();
        owning.close();
        assertThatThrownBy(() -> RespConnection.connect(backendPort)).isInstanceOf(IOException.class);
    }

    private static List<String> proxyThreads(int port) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("search-proxy-"))
                .filter(n -> n.endsWith("-" + port) || n.contains("-" + port + "-")).toList();
    }

    @Test
    void pauseForStallsEveryReplyDuringTheWindow() throws IOException {
        try (RespConnection client = RespConnection.connect(SEARCH.proxy().port())) {
            client.call("PING");
            SEARCH.proxy().pauseFor(Duration.ofMillis(600));
            long started = System.nanoTime();
            assertThat(client.call("PING")).isEqualTo(new RespValue.Simple("PONG"));
            long stalledMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(stalledMillis).isBetween(550L, 3_000L);
            // Once the window has passed replies flow again (the bound leaves room for a busy machine).
            started = System.nanoTime();
            client.call("PING");
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(300L);
        }
    }

    @Test
    void jedisConnectsWithResp3AndReadsSearchRepliesThroughSendCommand() {
        ProtocolCommand ftCreate = () -> RespValue.bytes("FT.CREATE");
        ProtocolCommand ftSearch = () -> RespValue.bytes("FT.SEARCH");
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3)
                .clientName("vst-proxy-test").timeoutMillis(10_000).build();
        try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", SEARCH.proxy().port()), config)) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            jedis.hset(RespValue.bytes("j:1"), RespValue.bytes("v"), SearchProxyFixtureTest.vector(1, 0));
            jedis.hset(RespValue.bytes("j:2"), RespValue.bytes("v"), SearchProxyFixtureTest.vector(0, 3));
            jedis.sendCommand(ftCreate, "jidx", "ON", "HASH", "PREFIX", "1", "j:", "SCHEMA", "v", "VECTOR", "HNSW", "6",
                    "TYPE", "FLOAT32", "DIM", "2", "DISTANCE_METRIC", "L2");
            Object reply = jedis.sendCommand(ftSearch, RespValue.bytes("jidx"),
                    RespValue.bytes("*=>[KNN 2 @v $B AS d]"), RespValue.bytes("PARAMS"), RespValue.bytes("2"),
                    RespValue.bytes("B"), SearchProxyFixtureTest.vector(0, 0), RespValue.bytes("RETURN"),
                    RespValue.bytes("1"), RespValue.bytes("d"), RespValue.bytes("DIALECT"), RespValue.bytes("2"));
            assertThat(reply).isInstanceOf(List.class);
            List<?> items = (List<?>) reply;
            assertThat(items).hasSize(5);
            assertThat(items.get(0)).isEqualTo(2L);
            assertThat(new String((byte[]) items.get(1), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("j:1");
            assertThat(new String((byte[]) items.get(3), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("j:2");
        }
    }
}
