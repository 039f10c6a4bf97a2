package io.vst.testsupport;

import static io.vst.testsupport.SearchProxyFixtureTest.vector;
import static org.assertj.core.api.Assertions.assertThat;

import io.vst.testsupport.proxy.BackendServer;
import io.vst.testsupport.proxy.RespConnection;
import io.vst.testsupport.proxy.RespValue;
import io.vst.testsupport.proxy.SearchProxyExtension;
import io.vst.testsupport.proxy.VectorDistance;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The emulated search commands: exact KNN, filters, paging, FT.INFO counts, backfill and the hooks. */
class SearchProxySearchTest {

    @RegisterExtension
    static final SearchProxyExtension SEARCH = new SearchProxyExtension();

    private RespConnection client;

    @BeforeEach
    void emptyServer() throws IOException {
        client = RespConnection.connect(SEARCH.proxy().port());
        assertThat(client.call("FLUSHALL")).isEqualTo(new RespValue.Simple("OK"));
        SEARCH.proxy().setBackfillDuration(Duration.ZERO);
        SEARCH.proxy().truncateResultsTo(Integer.MAX_VALUE);
    }

    @AfterEach
    void closeClient() throws IOException {
        client.close();
        assertThat(SEARCH.proxy().sessionErrors()).isEmpty();
    }

    @Test
    void knnIsExactForEveryMetric() throws IOException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int dim = 8;
        List<float[]> stored = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            float[] v = randomVector(random, dim);
            stored.add(v);
            client.send(List.of(bytes("HSET"), bytes("r:" + i), bytes("v"), vector(v)));
        }
        for (String metric : List.of("L2", "IP", "COSINE")) {
            create("r_" + metric, "r:", "v VECTOR HNSW 6 TYPE FLOAT32 DIM 8 DISTANCE_METRIC " + metric);
            for (int q = 0; q < 5; q++) {
                float[] query = randomVector(random, dim);
                List<Integer> expected = new ArrayList<>(java.util.stream.IntStream.range(0, stored.size()).boxed()
                        .sorted(Comparator.comparingDouble(i -> distance(metric, query, stored.get(i)))).toList());
                RespValue.Array reply = search("r_" + metric, "*=>[KNN 10 @v $B AS s]", vector(query),
                        "RETURN", "1", "s");
                assertThat(reply.items().get(0)).isEqualTo(new RespValue.Int(10));
                for (int rank = 0; rank < 10; rank++) {
                    int id = expected.get(rank);
                    assertThat(RespValue.textOf(reply.items().get(1 + rank * 2)))
                            .as("seed %d %s rank %d", seed, metric, rank)
                            .isEqualTo("r:" + id);
                    String score = RespValue.textOf(((RespValue.Array) reply.items().get(2 + rank * 2)).items().get(1));
                    assertThat(Double.parseDouble(score)).as("seed %d score", seed)
                            .isCloseTo(distance(metric, query, stored.get(id)), Offset.offset(1e-4));
                }
            }
        }
    }

    @Test
    void hybridFiltersSelectTheCandidatesBeforeKnn() throws IOException {
        for (int i = 0; i < 10; i++) {
            client.send(List.of(bytes("HSET"), bytes("h:" + i), bytes("v"), vector(i, 0), bytes("tags"),
                    bytes(i % 2 == 0 ? "Even,All" : "odd,all"), bytes("n"), bytes(Integer.toString(i))));
        }
        create("h", "h:", "v VECTOR FLAT 6 TYPE FLOAT32 DIM 2 DISTANCE_METRIC L2 tags TAG n NUMERIC");
        assertThat(keys(search("h", "@tags:{even}=>[KNN 3 @v $B]", vector(0, 0), "NOCONTENT")))
                .containsExactly("h:0", "h:2", "h:4");
        assertThat(keys(search("h", "@tags:{ev*|odd}=>[KNN 3 @v $B]", vector(0, 0), "NOCONTENT")))
                .containsExactly("h:0", "h:1", "h:2");
        assertThat(keys(search("h", "@n:[(2 5]=>[KNN 10 @v $B]", vector(0, 0), "NOCONTENT")))
                .containsExactly("h:3", "h:4", "h:5");
        assertThat(keys(search("h", "@n:[$lo +inf] -@tags:{odd}=>[KNN 10 @v $B]", vector(0, 0), "NOCONTENT",
                "PARAMS-EXTRA", "lo", "6"))).containsExactly("h:6", "h:8");
        RespValue.Array filterOnly = search("h", "@n:[8 inf]", null, "RETURN", "1", "n");
        assertThat(filterOnly.items()).hasSize(5);
        assertThat(RespValue.textOf(((RespValue.Array) filterOnly.items().get(2)).items().get(0))).isEqualTo("n");
    }

    @Test
    void pagesLikeTheModuleAndTruncatesOnRequest() throws IOException {
        for (int i = 0; i < 30; i++) {
            client.send(List.of(bytes("HSET"), bytes(String.format(java.util.Locale.ROOT, "p:%02d", i)), bytes("v"),
                    vector(i, 0)));
        }
        create("p", "p:", "v VECTOR HNSW 6 TYPE FLOAT32 DIM 2 DISTANCE_METRIC L2");
        RespValue.Array defaultPage = search("p", "*=>[KNN 20 @v $B]", vector(0, 0), "NOCONTENT");
        assertThat(defaultPage.items().get(0)).isEqualTo(new RespValue.Int(20));
        assertThat(keys(defaultPage)).hasSize(10).startsWith("p:00").endsWith("p:09");
        assertThat(keys(search("p", "*=>[KNN 20 @v $B]", vector(0, 0), "NOCONTENT", "LIMIT", "15", "10")))
                .containsExactly("p:15", "p:16", "p:17", "p:18", "p:19");
        SEARCH.proxy().truncateResultsTo(3);
        RespValue.Array truncated = search("p", "*=>[KNN 10 @v $B]", vector(0, 0), "NOCONTENT");
        assertThat(truncated.items().get(0)).isEqualTo(new RespValue.Int(3));
        assertThat(keys(truncated)).containsExactly("p:00", "p:01", "p:02");
        SEARCH.proxy().truncateResultsTo(Integer.MAX_VALUE);
        assertThat(keys(search("p", "*=>[KNN 10 @v $B]", vector(0, 0), "NOCONTENT"))).hasSize(10);
    }

    @Test
    void reportsBackfillForTheConfiguredTimeThenReady() throws IOException {
        for (int i = 0; i < 50; i++) {
            client.send(List.of(bytes("HSET"), bytes("b:" + i), bytes("v"), vector(i, 1)));
        }
        SEARCH.proxy().setBackfillDuration(Duration.ofMillis(800));
        create("b", "b:", "v VECTOR HNSW 6 TYPE FLOAT32 DIM 2 DISTANCE_METRIC L2");
        create("b_skip", "b:", "SKIPINITIALSCAN", "v VECTOR HNSW 6 TYPE FLOAT32 DIM 2 DISTANCE_METRIC L2");
        create("b_empty", "none:", "v VECTOR HNSW 6 TYPE FLOAT32 DIM 2 DISTANCE_METRIC L2");
        assertThat(info("b")).contains("+backfill_in_progress\r\n$1\r\n1\r\n")
                .contains("+state\r\n+backfill_in_progress");
        assertThat(info("b_skip")).contains("+num_docs\r\n:50\r\n").contains("+state\r\n+ready");
        assertThat(info("b_empty")).contains("+state\r\n+ready");
        assertThat(RespValue.textOf(client.call("INFO", "SEARCH")))
                .contains("search_background_indexing_status:IN_PROGRESS");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (info("b").contains("backfill_in_progress\r\n$1\r\n1") && System.nanoTime() < deadline) {
            BackendServer.sleep(Duration.ofMillis(50));
        }
        assertThat(info("b")).contains("+num_docs\r\n:50\r\n").contains("+state\r\n+ready");
        assertThat(RespValue.textOf(client.call("INFO", "SEARCH")))
                .contains("search_background_indexing_status:NO_ACTIVITY")
                .contains("search_number_of_indexes:3").contains("search_total_indexed_documents:100");
    }

    @Test
    void ftInfoCountsTheRealKeysAndGrowsCapacityInBlocks() throws IOException {
        create("c", "c:", "v VECTOR FLAT 8 TYPE FLOAT32 DIM 2 DISTANCE_METRIC IP BLOCK_SIZE 4", "t TAG SEPARATOR |");
        create("c_hnsw", "c:", "v VECTOR HNSW 8 TYPE FLOAT32 DIM 2 DISTANCE_METRIC L2 INITIAL_CAP 4");
        for (int i = 0; i < 10; i++) {
            client.send(List.of(bytes("HSET"), bytes("c:" + i), bytes("v"), vector(i, i), bytes("t"), bytes("x|y")));
        }
        client.send(List.of(bytes("HSET"), bytes("c:bad"), bytes("v"), new byte[5]));
        String flat = info("c");
        assertThat(flat).contains("+num_docs\r\n:10\r\n+num_records\r\n:20\r\n")
                .contains("+hash_indexing_failures\r\n$1\r\n1\r\n").contains("+capacity\r\n:10240\r\n")
                .contains("+SEPARATOR\r\n+|\r\n").contains("+user_indexed_memory\r\n:85\r\n");
        assertThat(info("c_hnsw")).contains("+capacity\r\n:10244\r\n").contains("+ef_runtime\r\n:10\r\n");
        long memoryBefore = usedMemory();
        for (int i = 10; i < 20; i++) {
            client.send(List.of(bytes("HSET"), bytes("c:" + i), bytes("v"), vector(i, i)));
        }
        // Two indexes over 10 more 2-dimensional vectors: 2 × 10 × (2 × 4 + 64) bytes in the memory model.
        assertThat(usedMemory() - memoryBefore).isEqualTo(2 * 10 * (2 * 4 + 64));
        assertThat(client.call("FT.DROPINDEX", "c")).isEqualTo(new RespValue.Simple("OK"));
        assertThat(client.call("EXISTS", "c:1")).isEqualTo(new RespValue.Int(1));
        assertThat(RespValue.latin1(client.send("FT._LIST").raw())).isEqualTo("*1\r\n+c_hnsw\r\n");
        assertThat(client.call("FT.DROPINDEX", "c"))
                .isEqualTo(new RespValue.Error("Index with name 'c' not found in database 0"));
    }

    @Test
    void searchesTheDatabaseTheClientSelected() throws IOException {
        create("s", "s:", "v VECTOR FLAT 6 TYPE FLOAT32 DIM 2 DISTANCE_METRIC L2");
        try (RespConnection other = RespConnection.connect(SEARCH.proxy().port())) {
            assertThat(other.call("SELECT", "1")).isEqualTo(new RespValue.Simple("OK"));
            other.send(List.of(bytes("HSET"), bytes("s:1"), bytes("v"), vector(1, 1)));
            RespValue.Array inDb1 = (RespValue.Array) other.send(List.of(bytes("FT.SEARCH"), bytes("s"),
                    bytes("*=>[KNN 1 @v $B]"), bytes("PARAMS"), bytes("2"), bytes("B"), vector(0, 0))).value();
            assertThat(inDb1.items().get(0)).isEqualTo(new RespValue.Int(1));
        }
        assertThat(search("s", "*=>[KNN 1 @v $B]", vector(0, 0)).items()).containsExactly(new RespValue.Int(0));
    }

    @Test
    void answersGarbledSearchCommandsWithErrorsNeverWithAFailure() throws IOException {
        client.send(List.of(bytes("HSET"), bytes("g:1"), bytes("v"), vector(1, 2), bytes("t"), bytes("x")));
        create("g", "g:", "v VECTOR HNSW 6 TYPE FLOAT32 DIM 2 DISTANCE_METRIC L2 t TAG n NUMERIC");
        List<String> tokens = List.of("FT.SEARCH", "FT.CREATE", "FT.INFO", "g", "*", "-", "@", "@t:", "@t:{x",
                "@n:[1", "=>", "=>[KNN", "*=>[KNN 1 @v $B]", "*=>[KNN $K @v $B AS]", "-@t:{x}", "@n:[(1 +inf]", "[", "]",
                "PARAMS", "2", "3", "-1", "B", "K", "LIMIT", "RETURN", "NOCONTENT", "DIALECT", "TIMEOUT", "SCHEMA",
                "VECTOR", "HNSW", "FLAT", "TAG", "NUMERIC", "SEPARATOR", "PREFIX", "ON", "HASH", "AS", "TYPE", "DIM",
                "\u0000", "");
        for (String query : tokens) {
            assertThat(client.call("FT.SEARCH", "g", query)).as(query)
                    .isInstanceOfAny(RespValue.Error.class, RespValue.Array.class);
        }
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 400; i++) {
            List<String> command = new ArrayList<>(List.of(tokens.get(random.nextInt(3)), "g"));
            int length = random.nextInt(8);
            for (int t = 0; t < length; t++) {
                command.add(tokens.get(random.nextInt(tokens.size())));
            }
            RespValue reply = client.call(command.toArray(String[]::new));
            assertThat(reply).as("seed %d: %s", seed, command)
                    .isInstanceOfAny(RespValue.Error.class, RespValue.Array.class, RespValue.Simple.class);
            assertThat(SEARCH.proxy().sessionErrors()).as("seed %d: %s", seed, command).isEmpty();
            if (reply instanceof RespValue.Simple && command.get(0).equals("FT.CREATE")) {
                client.call("FT.DROPINDEX", "g");
                create("g", "g:", "v VECTOR HNSW 6 TYPE FLOAT32 DIM 2 DISTANCE_METRIC L2 t TAG n NUMERIC");
            }
        }
        assertThat(client.call("PING")).isEqualTo(new RespValue.Simple("PONG"));
    }

    @Test
    void formatsScoresLikeTheModule() {
        assertThat(VectorDistance.format(0f)).isEqualTo("0");
        assertThat(VectorDistance.format(36f)).isEqualTo("36");
        assertThat(VectorDistance.format(0.5f)).isEqualTo("0.5");
        assertThat(VectorDistance.format(0.1f * 0.1f + 0.1f * 0.1f)).isEqualTo("0.0200000014156");
        assertThat(VectorDistance.format(1e-5f)).isEqualTo("9.99999974738e-06");
        assertThat(VectorDistance.format(1e20f)).isEqualTo("1.00000002004e+20");
        assertThat(VectorDistance.format(123456.7890625f)).isEqualTo("123456.789062");
        assertThat(VectorDistance.format(-0.25f)).isEqualTo("-0.25");
    }

    private long usedMemory() throws IOException {
        String info = RespValue.textOf(client.call("INFO", "SEARCH"));
        String line = info.lines().filter(l -> l.startsWith("search_used_memory_bytes:")).findFirst().orElseThrow();
        return Long.parseLong(line.substring(line.indexOf(':') + 1));
    }

    private void create(String name, String prefix, String... schema) throws IOException {
        List<String> args = new ArrayList<>(List.of("FT.CREATE", name, "ON", "HASH", "PREFIX", "1", prefix));
        for (String part : schema) {
            if (part.equals("SKIPINITIALSCAN")) {
                args.add(part);
                continue;
            }
            if (!args.contains("SCHEMA")) {
                args.add("SCHEMA");
            }
            args.addAll(List.of(part.split(" ")));
        }
        assertThat(client.call(args.toArray(String[]::new))).as(String.join(" ", args))
                .isEqualTo(new RespValue.Simple("OK"));
    }

    private String info(String index) throws IOException {
        return RespValue.latin1(client.send("FT.INFO", index).raw());
    }

    /** FT.SEARCH with the blob as {@code $B}; {@code PARAMS-EXTRA name value} adds one more parameter. */
    private RespValue.Array search(String index, String query, byte[] blob, String... options) throws IOException {
        List<byte[]> args = new ArrayList<>(List.of(bytes("FT.SEARCH"), bytes(index), bytes(query)));
        List<byte[]> params = new ArrayList<>();
        if (blob != null) {
            params.addAll(List.of(bytes("B"), blob));
        }
        List<String> rest = new ArrayList<>(List.of(options));
        int extra = rest.indexOf("PARAMS-EXTRA");
        if (extra >= 0) {
            params.addAll(List.of(bytes(rest.get(extra + 1)), bytes(rest.get(extra + 2))));
            rest.subList(extra, extra + 3).clear();
        }
        if (!params.isEmpty()) {
            args.add(bytes("PARAMS"));
            args.add(bytes(Integer.toString(params.size())));
            args.addAll(params);
        }
        rest.forEach(o -> args.add(bytes(o)));
        args.addAll(List.of(bytes("DIALECT"), bytes("2")));
        RespValue reply = client.send(args).value();
        assertThat(reply).as(query).isInstanceOf(RespValue.Array.class);
        return (RespValue.Array) reply;
    }

    private static List<String> keys(RespValue.Array reply) {
        return reply.items().stream().skip(1).filter(i -> i instanceof RespValue.Bulk).map(RespValue::textOf).toList();
    }

    private static float[] randomVector(Random random, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static double distance(String metric, float[] a, float[] b) {
        double dot = 0;
        double l2 = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            l2 += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return switch (metric) {
            case "L2" -> l2;
            case "IP" -> 1 - dot;
            default -> 1 - dot / Math.sqrt(na * nb);
        };
    }

    private static byte[] bytes(String text) {
        return RespValue.bytes(text);
    }

}
