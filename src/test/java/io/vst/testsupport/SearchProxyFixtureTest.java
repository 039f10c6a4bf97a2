package io.vst.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.testsupport.proxy.BackendServer;
import io.vst.testsupport.proxy.RespConnection;
import io.vst.testsupport.proxy.RecordedExchange;
import io.vst.testsupport.proxy.RespReader;
import io.vst.testsupport.proxy.RespValue;
import io.vst.testsupport.proxy.RespWriter;
import io.vst.testsupport.proxy.SearchProxy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays every recorded valkey-search exchange through the proxy, in file order, against a fresh
 * valkey-server, and compares the replies with the recorded bytes.
 *
 * <p>The recording ran against a server that already held data the fixtures do not show; the test
 * writes the same data first (reconstructed from the replies): {@code vec:1..5} before exchange 05, the
 * 3-byte vector {@code vec:7} before 24, {@code flat:1,2} before 26, {@code ip:1} before 29, 20000
 * {@code bf:} hashes before 37 (and then waits for {@code ready} before 39).
 *
 * <p>Byte-for-byte equal: every exchange except these, compared as stated and why:
 * <ul>
 * <li>01, 02 MODULE LIST: the recorded server (9.1.2) lists {@code lua} as a module, 8.0.1 lists none; the
 * reply must be the backend's own list followed by the recorded {@code search} entry, byte for byte.</li>
 * <li>11, 12 FT.SEARCH without RETURN: the module's field order inside a record is not stable (the two
 * recordings differ); keys, order, totals and every field/value pair are compared, the score first.</li>
 * <li>31 FT._LIST: the module lists names in hash order; the same names are compared as a set.</li>
 * <li>32 INFO SEARCH: same sections, keys and key order; equal values except {@link #VARYING_SEARCH_INFO},
 * which depend on the recording session's history, the machine, measured times or the memory model.</li>
 * <li>33 INFO MEMORY, 34 MEMORY STATS: relayed from the backend, whose version and allocator differ from
 * the recording; the reply must carry the backend's own field set, and MEMORY STATS {@code keys.count}
 * must equal the recorded 9.</li>
 * </ul>
 */
class SearchProxyFixtureTest {

    /** INFO SEARCH values that cannot match the recording, with the reason. */
    static final Map<String, String> VARYING_SEARCH_INFO = Map.ofEntries(
            Map.entry("search_compatibility-invalid_data_drops_key", "history of the recording server"),
            Map.entry("search_total_active_write_threads", "number of cores"),
            Map.entry("search_flat_vector_index_search_latency_usec", "measured"),
            Map.entry("search_hnsw_vector_index_search_latency_usec", "measured"),
            Map.entry("search_index_reclaimable_memory", "memory model"),
            Map.entry("search_used_memory_bytes", "memory model"),
            Map.entry("search_used_memory_human", "memory model"),
            Map.entry("search_failure_requests_count", "recording ran ~970 other queries"),
            Map.entry("search_hybrid_requests_count", "recording ran ~970 other queries"),
            Map.entry("search_inline_filtering_requests_count", "recording ran ~970 other queries"),
            Map.entry("search_nonvector_requests_count", "recording ran ~970 other queries"),
            Map.entry("search_successful_requests_count", "recording ran ~970 other queries"),
            Map.entry("search_vector_requests_count", "recording ran ~970 other queries"),
            Map.entry("search_string_interning_store_size", "not modelled"),
            Map.entry("search_used_read_cpu", "measured"),
            Map.entry("search_used_write_cpu", "measured"));

    private static Path fixtures;

    @BeforeAll
    static void requirements() {
        BackendServer.assumeAvailable();
        fixtures = RecordedExchange.directory().orElse(null);
        Assumptions.assumeTrue(fixtures != null, "recorded valkey-search fixtures not found");
    }

    @Test
    void everyRecordedReplyRoundTripsThroughTheCodec() throws IOException {
        for (RecordedExchange exchange : RecordedExchange.loadAll(fixtures)) {
            RespValue parsed = parse(exchange.reply());
            assertThat(RespWriter.encode(parsed, exchange.protocol()))
                    .as(exchange.file()).isEqualTo(exchange.reply());
        }
    }

    @Test
    void replaysEveryRecordedExchangeInOrder() throws IOException {
        List<RecordedExchange> exchanges = RecordedExchange.loadAll(fixtures);
        assertThat(exchanges).extracting(RecordedExchange::number)
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, exchanges.size()).boxed().toList());
        SoftAssertions soft = new SoftAssertions();
        try (SearchProxy proxy = SearchProxy.start();
                RespConnection resp2 = RespConnection.connect(proxy.port());
                RespConnection resp3 = RespConnection.connect(proxy.port());
                RespConnection seeder = RespConnection.connect(proxy.port())) {
            proxy.setBackfillDuration(Duration.ZERO);
            assertThat(resp3.send("HELLO", "3").value()).isInstanceOf(RespValue.Array.class);
            for (RecordedExchange exchange : exchanges) {
                seedBefore(exchange.number(), seeder, proxy);
                RespConnection client = exchange.protocol() == 3 ? resp3 : resp2;
                byte[] actual = client.send(exchange.command()).raw();
                compare(exchange, actual, proxy, soft);
            }
            soft.assertThat(proxy.sessionErrors()).as("proxy session errors").isEmpty();
        }
        soft.assertAll();
    }

    private static void seedBefore(int number, RespConnection seeder, SearchProxy proxy) throws IOException {
        switch (number) {
            case 5 -> {
                hset(seeder, "vec:1", vector(0, 0, 0, 0), "a", "10");
                hset(seeder, "vec:2", vector(1, 0, 0, 0), "b", "20");
                hset(seeder, "vec:3", vector(0.1f, 0.1f, 0, 0), "a", "30");
                hset(seeder, "vec:4", vector(3, 3, 3, 3), "b", "40");
                hset(seeder, "vec:5", vector(2, 0, 0, 0), "c", "50");
            }
            case 24 -> assertThat(seeder.send(List.of(bytes("HSET"), bytes("vec:7"), bytes("vector"), new byte[3],
                    bytes("category"), bytes("c"))).value()).isEqualTo(new RespValue.Int(2));
            case 26 -> {
                seeder.send(List.of(bytes("HSET"), bytes("flat:1"), bytes("vector"), vector(1, 1, 0, 0)));
                seeder.send(List.of(bytes("HSET"), bytes("flat:2"), bytes("vector"), vector(0, 1, 0, 0)));
            }
            case 29 -> seeder.send(List.of(bytes("HSET"), bytes("ip:1"), bytes("vector"), vector(0.5f, 0, 0, 0)));
            case 37 -> {
                seedBackfillKeys(seeder);
                proxy.setBackfillDuration(Duration.ofMillis(1500));
            }
            case 39 -> awaitReady(seeder, "idx_bf");
            default -> {
                // Nothing to prepare for this exchange.
            }
        }
    }

    private static void seedBackfillKeys(RespConnection seeder) throws IOException {
        int keys = 20_000;
        java.io.ByteArrayOutputStream pipeline = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < keys; i++) {
            pipeline.writeBytes(RespWriter.command(List.of(bytes("HSET"), bytes("bf:" + i), bytes("vector"),
                    vector(i, 0, 0, 0))));
        }
        seeder.write(pipeline.toByteArray());
        for (int i = 0; i < keys; i++) {
            assertThat(seeder.read().value()).isEqualTo(new RespValue.Int(1));
        }
    }

    private static void awaitReady(RespConnection client, String index) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (RespValue.latin1(client.send("FT.INFO", index).raw()).contains("+state\r\n+ready\r\n")) {
                return;
            }
            BackendServer.sleep(Duration.ofMillis(50));
        }
        throw new AssertionError(index + " did not become ready within 20 s");
    }

    private static void compare(RecordedExchange exchange, byte[] actual, SearchProxy proxy, SoftAssertions soft)
            throws IOException {
        String label = exchange.file();
        switch (exchange.number()) {
            case 1, 2 -> soft.assertThat(text(actual)).as(label).isEqualTo(text(expectedModuleList(exchange, proxy)));
            case 11, 12 -> soft.assertThat(searchRecords(parse(actual))).as(label)
                    .isEqualTo(searchRecords(parse(exchange.reply())));
            case 31 -> soft.assertThat(names(parse(actual))).as(label).isEqualTo(names(parse(exchange.reply())));
            case 32 -> compareSearchInfo(label, parse(exchange.reply()), parse(actual), soft);
            case 33 -> soft.assertThat(infoFields(parse(actual)).keySet()).as(label)
                    .isEqualTo(infoFields(direct(proxy, 2, "INFO", "MEMORY")).keySet())
                    .contains("used_memory", "used_memory_peak", "used_memory_dataset", "maxmemory_policy")
                    .containsAnyElementsOf(infoFields(parse(exchange.reply())).keySet());
            case 34 -> {
                Map<String, RespValue> recorded = pairs(parse(exchange.reply()));
                Map<String, RespValue> replayed = pairs(parse(actual));
                soft.assertThat(replayed.keySet()).as(label)
                        .isEqualTo(pairs(direct(proxy, 2, "MEMORY", "STATS")).keySet());
                soft.assertThat(replayed.get("keys.count")).as(label + " keys.count")
                        .isEqualTo(recorded.get("keys.count"));
            }
            default -> soft.assertThat(text(actual)).as(label).isEqualTo(text(exchange.reply()));
        }
    }

    /** The backend's own MODULE LIST entries, then the recorded search entry. */
    private static byte[] expectedModuleList(RecordedExchange exchange, SearchProxy proxy) throws IOException {
        RespValue.Array recorded = (RespValue.Array) parse(exchange.reply());
        RespValue.Array backend = (RespValue.Array) direct(proxy, exchange.protocol(), "MODULE", "LIST");
        List<RespValue> items = new ArrayList<>(backend.items());
        items.add(recorded.items().get(recorded.items().size() - 1));
        return RespWriter.encode(new RespValue.Array(items), exchange.protocol());
    }

    private static void compareSearchInfo(String label, RespValue recorded, RespValue replayed, SoftAssertions soft) {
        Map<String, String> expected = infoFields(recorded);
        Map<String, String> actual = infoFields(replayed);
        soft.assertThat(new ArrayList<>(actual.keySet())).as(label + " keys in order")
                .isEqualTo(new ArrayList<>(expected.keySet()));
        soft.assertThat(sections(replayed)).as(label + " sections").isEqualTo(sections(recorded));
        expected.forEach((key, value) -> {
            if (VARYING_SEARCH_INFO.containsKey(key)) {
                soft.assertThat(actual.get(key)).as(label + " " + key).matches("[0-9.]+|p50=[0-9.]+,p99=[0-9.]+,"
                        + "p99\\.9=[0-9.]+|[0-9.]+[KMG]?i?B");
            } else {
                soft.assertThat(actual.get(key)).as(label + " " + key).isEqualTo(value);
            }
        });
        // The replay's own query history: 10 searches succeeded (2 hybrid), 4 failed (19-22).
        soft.assertThat(actual).as(label + " replay counters").containsEntry("search_successful_requests_count", "10")
                .containsEntry("search_failure_requests_count", "4").containsEntry("search_vector_requests_count", "10")
                .containsEntry("search_hybrid_requests_count", "2");
    }

    private static RespValue direct(SearchProxy proxy, int protocol, String... command) throws IOException {
        try (RespConnection backend = RespConnection.connect(proxy.backendPort())) {
            if (protocol == 3) {
                backend.send("HELLO", "3");
            }
            return backend.send(command).value();
        }
    }

    /** FT.SEARCH reply with each record's fields as a name → hex map (order-free), the first field kept apart. */
    private static List<Object> searchRecords(RespValue reply) {
        List<Object> out = new ArrayList<>();
        for (RespValue item : ((RespValue.Array) reply).items()) {
            if (item instanceof RespValue.Array record) {
                Map<String, String> fields = new java.util.TreeMap<>();
                for (int i = 0; i + 1 < record.items().size(); i += 2) {
                    fields.put(RespValue.textOf(record.items().get(i)),
                            HexFormat.of().formatHex(((RespValue.Bulk) record.items().get(i + 1)).bytes()));
                }
                out.add(List.of("first field " + RespValue.textOf(record.items().get(0)), fields));
            } else {
                out.add(RespValue.textOf(item));
            }
        }
        return out;
    }

    private static Set<String> names(RespValue reply) {
        Set<String> names = new TreeSet<>();
        ((RespValue.Array) reply).items().forEach(i -> names.add(((RespValue.Simple) i).text()));
        return names;
    }

    private static Map<String, String> infoFields(RespValue reply) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : ((RespValue.Bulk) reply).text().split("\r\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }

    private static List<String> sections(RespValue reply) {
        return List.of(((RespValue.Bulk) reply).text().split("\r\n", -1)).stream()
                .filter(l -> l.startsWith("#") || l.isEmpty()).toList();
    }

    private static Map<String, RespValue> pairs(RespValue reply) {
        Map<String, RespValue> pairs = new LinkedHashMap<>();
        List<RespValue> items = ((RespValue.Array) reply).items();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            pairs.put(RespValue.textOf(items.get(i)), items.get(i + 1));
        }
        return pairs;
    }

    private static void hset(RespConnection client, String key, byte[] vector, String category, String price)
            throws IOException {
        RespValue reply = client.send(List.of(bytes("HSET"), bytes(key), bytes("vector"), vector, bytes("category"),
                bytes(category), bytes("price"), bytes(price))).value();
        assertThat(reply).as("HSET " + key).isEqualTo(new RespValue.Int(3));
    }

    static byte[] vector(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }

    private static byte[] bytes(String text) {
        return RespValue.bytes(text);
    }

    /** Bytes as text for readable diffs (one char per byte, so equality is byte equality). */
    private static String text(byte[] bytes) {
        return RespValue.latin1(bytes);
    }

    static RespValue parse(byte[] reply) throws IOException {
        return new RespReader(new ByteArrayInputStream(reply)).read();
    }

}
