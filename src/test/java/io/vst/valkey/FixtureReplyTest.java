package io.vst.valkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.vst.valkey.resp.ErrorCategory;
import io.vst.valkey.resp.ErrorMapper;
import io.vst.valkey.resp.Resp;
import io.vst.valkey.resp.ValkeyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded valkey-search reply goes through the parser vst uses for its command, and the parsed
 * values must equal the readable decoding recorded next to the wire bytes.
 */
class FixtureReplyTest {

    /** The recordings of both module versions (1.2.1 and 1.0.3): vst must read either. */
    static List<Fixture> fixtures() throws IOException {
        List<Fixture> all = new ArrayList<>(Fixture.all());
        assertThat(all).hasSizeGreaterThanOrEqualTo(41);
        List<Fixture> old = Fixture.all(Fixture.DIR_1_0_3);
        assertThat(old).hasSize(41);
        all.addAll(old);
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parserReadsRecordedReply(Fixture f) {
        if (f.isError()) {
            assertThat(f.error()).as("Jedis raises the error reply").isNotNull();
            ValkeyException mapped = ErrorMapper.map(f.error(), f.commandName(), "127.0.0.1:6379");
            assertThat(mapped.serverMessage()).isEqualTo(f.errorText());
            assertThat(mapped.getMessage()).contains(f.errorText()).startsWith(f.commandName());
            assertThat(mapped.category()).isEqualTo(ErrorCategory.SERVER_ERROR);
            assertThat(mapped.isTransient()).isFalse();
            return;
        }
        assertThat(f.error()).isNull();
        switch (f.commandName()) {
            case "FT.INFO" -> checkFtInfo(f);
            case "FT.SEARCH" -> checkSearch(f);
            case "FT._LIST" -> assertThat(Resp.asTextList(f.decoded())).containsExactlyElementsOf(strings(f.readable()));
            case "MODULE LIST" -> checkModules(f);
            case "INFO SEARCH", "INFO MEMORY" -> checkInfo(f);
            case "MEMORY STATS" -> checkMemoryStats(f);
            case "FT.CREATE", "FT.DROPINDEX", "FLUSHALL" -> assertThat(Resp.text(f.decoded())).isEqualTo("OK");
            case "HSET", "DEL" -> assertThat(Resp.asLong(f.decoded())).isEqualTo(f.readable().getAsLong());
            default -> throw new AssertionError("fixture without a parser check: " + f + " " + f.commandName());
        }
    }

    private static void checkFtInfo(Fixture f) {
        FtInfo info = FtInfo.parse(f.decoded());
        Map<String, JsonElement> r = pairs(f.readable());
        assertThat(info.indexName()).isEqualTo(r.get("index_name").getAsString());
        assertThat(info.numDocs()).isEqualTo(r.get("num_docs").getAsLong());
        assertThat(info.numRecords()).isEqualTo(r.get("num_records").getAsLong());
        assertThat(info.hashIndexingFailures()).isEqualTo(Long.parseLong(r.get("hash_indexing_failures").getAsString()));
        assertThat(info.backfillInProgress()).isEqualTo(r.get("backfill_in_progress").getAsString().equals("1"));
        assertThat(info.backfillCompletePercent())
                .isEqualTo(Double.parseDouble(r.get("backfill_complete_percent").getAsString()));
        assertThat(info.mutationQueueSize()).isEqualTo(Long.parseLong(r.get("mutation_queue_size").getAsString()));
        assertThat(info.recentMutationsQueueDelay()).isEqualTo(r.get("recent_mutations_queue_delay").getAsString());
        assertThat(info.state()).isEqualTo(r.get("state").getAsString());
        assertThat(info.isReady()).isEqualTo(info.state().equals("ready"));
        assertThat(info.prefixes()).containsExactlyElementsOf(strings(pairs(r.get("index_definition")).get("prefixes")));
        JsonArray attrs = r.get("attributes").getAsJsonArray();
        assertThat(info.attributes()).hasSize(attrs.size());
        for (int i = 0; i < attrs.size(); i++) {
            Map<String, JsonElement> a = pairs(attrs.get(i));
            FtInfo.Attribute parsed = info.attributes().get(i);
            assertThat(parsed.identifier()).isEqualTo(a.get("identifier").getAsString());
            assertThat(parsed.type()).isEqualTo(a.get("type").getAsString());
            // 1.0.3 has no user_indexed_memory: 0 then.
            assertThat(parsed.userIndexedMemory()).isEqualTo(
                    a.containsKey("user_indexed_memory") ? a.get("user_indexed_memory").getAsLong() : 0);
            if (a.containsKey("index")) {
                Map<String, JsonElement> idx = pairs(a.get("index"));
                Map<String, JsonElement> alg = pairs(idx.get("algorithm"));
                FtInfo.VectorIndex v = parsed.vectorIndex();
                assertThat(v.capacity()).isEqualTo(idx.get("capacity").getAsLong());
                assertThat(v.dimensions()).isEqualTo(idx.get("dimensions").getAsInt());
                assertThat(v.metric()).isEqualTo(idx.get("distance_metric").getAsString());
                assertThat(v.size()).isEqualTo(Long.parseLong(idx.get("size").getAsString()));
                assertThat(v.dataType()).isEqualTo(idx.get("data_type").getAsString());
                assertThat(v.algorithm()).isEqualTo(alg.get("name").getAsString());
                assertThat(v.m()).isEqualTo(alg.containsKey("m") ? alg.get("m").getAsInt() : 0);
                assertThat(v.efConstruction())
                        .isEqualTo(alg.containsKey("ef_construction") ? alg.get("ef_construction").getAsInt() : 0);
                assertThat(v.efRuntime()).isEqualTo(alg.containsKey("ef_runtime") ? alg.get("ef_runtime").getAsInt() : 0);
                assertThat(v.blockSize()).isEqualTo(alg.containsKey("block_size") ? alg.get("block_size").getAsInt() : 0);
                assertThat(info.vector()).isSameAs(v);
            } else {
                assertThat(parsed.vectorIndex()).isNull();
            }
        }
    }

    private static void checkSearch(Fixture f) {
        String alias = aliasOf(f.command().get(2));
        SearchResult result = SearchResult.parse(f.decoded(), alias);
        JsonArray r = f.readable().getAsJsonArray();
        assertThat(result.total()).isEqualTo(r.get(0).getAsLong());
        List<String> keys = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        int i = 1;
        while (i < r.size()) {
            keys.add(r.get(i).getAsString());
            i++;
            if (i < r.size() && r.get(i).isJsonArray()) {
                Map<String, JsonElement> fields = pairs(r.get(i));
                scores.add(Double.parseDouble(fields.get(alias).getAsString()));
                SearchResult.Hit hit = result.hits().get(keys.size() - 1);
                assertThat(hit.fields().keySet()).containsExactlyInAnyOrderElementsOf(
                        fields.keySet().stream().filter(k -> !k.equals(alias)).toList());
                for (Map.Entry<String, JsonElement> e : fields.entrySet()) {
                    if (!e.getKey().equals(alias)) {
                        assertThat(hit.fields().get(e.getKey())).isEqualTo(bytesOf(e.getValue()));
                    }
                }
                i++;
            } else {
                scores.add(Double.NaN);
            }
        }
        assertThat(result.keys()).containsExactlyElementsOf(keys);
        assertThat(result.hits().stream().map(SearchResult.Hit::score).toList()).containsExactlyElementsOf(scores);
    }

    private static void checkModules(Fixture f) {
        Map<String, Long> modules = InfoReplies.parseModuleList(f.decoded());
        List<String> names = new ArrayList<>();
        for (JsonElement m : f.readable().getAsJsonArray()) {
            Map<String, JsonElement> p = pairs(m);
            names.add(p.get("name").getAsString());
            assertThat(modules.get(p.get("name").getAsString())).isEqualTo(p.get("ver").getAsLong());
        }
        assertThat(modules.keySet()).containsExactlyElementsOf(names);
    }

    private static void checkInfo(Fixture f) {
        String text = f.readable().getAsString();
        Map<String, String> info = InfoReplies.parseInfo(Resp.text(f.decoded()));
        long fieldLines = text.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
        assertThat(info).hasSize((int) fieldLines);
        for (String line : text.split("\r\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                int c = line.indexOf(':');
                assertThat(info.get(line.substring(0, c))).isEqualTo(line.substring(c + 1));
            }
        }
    }

    private static void checkMemoryStats(Fixture f) {
        Map<String, String> stats = InfoReplies.parseMemoryStats(f.decoded());
        List<String> expectedKeys = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : pairs(f.readable()).entrySet()) {
            if (e.getValue().isJsonArray()) {
                for (Map.Entry<String, JsonElement> n : pairs(e.getValue()).entrySet()) {
                    expectedKeys.add(e.getKey() + "." + n.getKey());
                    assertThat(stats.get(e.getKey() + "." + n.getKey())).isEqualTo(n.getValue().getAsString());
                }
            } else {
                expectedKeys.add(e.getKey());
                assertThat(stats.get(e.getKey())).isEqualTo(e.getValue().getAsString());
            }
        }
        assertThat(stats.keySet()).containsExactlyElementsOf(expectedKeys);
    }

    @Test
    void ftCreateArgumentsMatchRecordedCommands() throws IOException {
        IndexDefinition hnsw = IndexDefinition.hnsw("idx", "vec:", 4, IndexDefinition.Metric.L2)
                .withHnsw(16, 200, null).withInitialCap(1000)
                .withField("category", IndexDefinition.FieldType.TAG)
                .withField("price", IndexDefinition.FieldType.NUMERIC);
        assertThat(hnsw.toArguments()).isEqualTo(Fixture.named("04-").command());
        IndexDefinition flat = IndexDefinition.flat("idx_flat", "flat:", 4, IndexDefinition.Metric.COSINE)
                .withBlockSize(64);
        assertThat(flat.toArguments()).isEqualTo(Fixture.named("26-").command());
        IndexDefinition ip = IndexDefinition.hnsw("idx_ip", "ip:", 4, IndexDefinition.Metric.IP);
        assertThat(ip.toArguments()).isEqualTo(Fixture.named("29-").command());
        assertThat(IndexDefinition.hnsw("idx_bf", "bf:", 4, IndexDefinition.Metric.L2).toArguments())
                .isEqualTo(Fixture.named("37-").command());
    }

    @Test
    void attributeCountIsTheNumberOfFollowingTokens() throws IOException {
        List<String> args = IndexDefinition.hnsw("i", "p:", 8, IndexDefinition.Metric.L2)
                .withHnsw(32, 400, 64).withInitialCap(5).toArguments();
        int countAt = args.indexOf("HNSW") + 1;
        assertThat(Integer.parseInt(args.get(countAt))).isEqualTo(args.size() - countAt - 1).isEqualTo(14);
        // The recorded server rejects a count that disagrees with the tokens sent.
        assertThat(Fixture.named("07-").errorText()).contains("Expected 10 parameters for HNSW but got 6");
    }

    @Test
    void flatRejectsHnswParameters() {
        assertThatThrownBy(() -> IndexDefinition.flat("i", "p:", 4, IndexDefinition.Metric.L2).withHnsw(16, null, null))
                .hasMessageContaining("HNSW only");
    }

    @Test
    void knnQueryMatchesRecordedCommandWithLimit() throws IOException {
        Fixture f = Fixture.named("13-");
        KnnQuery q = KnnQuery.of("idx", "vector", 3, f.binaryArgument(6)).withEfRuntime(50);
        List<String> sent = q.toArguments().stream()
                .map(b -> b.length == 16 && b[0] == 0 ? "hex:" + HexFormat.of().formatHex(b)
                        : new String(b, StandardCharsets.UTF_8))
                .toList();
        assertThat(sent).isEqualTo(f.command());
        assertThat(KnnQuery.of("idx", "vector", 20, new byte[16]).withFilter("@price:[20 40]").expression())
                .isEqualTo("@price:[20 40]=>[KNN 20 @vector $BLOB AS score]");
    }

    @Test
    void squaredL2ScoresAndDefaultLimitAreVisible() throws IOException {
        SearchResult r = SearchResult.parse(Fixture.named("16-").decoded(), "score");
        // (3,3,3,3) against the zero vector: squared distance 36, not 6.
        assertThat(r.hits().get(r.hits().size() - 1).score()).isEqualTo(36.0);
        assertThat(r.total()).isEqualTo(6);
        SearchResult unaliased = SearchResult.parse(Fixture.named("12-").decoded(), "__vector_score");
        assertThat(unaliased.hits().get(1).score()).isEqualTo(0.0200000014156);
        assertThat(unaliased.hits().get(1).fieldText("category")).isEqualTo("a");
        assertThat(unaliased.hits().get(1).fields().get("vector")).hasSize(16);
    }

    @Test
    void resp3DoubleAndMapShapesAreRead() throws IOException {
        Fixture info3 = Fixture.named("10-");
        assertThat(FtInfo.parse(info3.decoded())).isEqualTo(FtInfo.parse(Fixture.named("09-").decoded()));
        assertThat(InfoReplies.parseModuleList(Fixture.named("02-").decoded()))
                .isEqualTo(InfoReplies.parseModuleList(Fixture.named("01-").decoded()))
                .containsEntry("search", 66049L);
        assertThat(InfoReplies.moduleVersionText(66049)).isEqualTo("1.2.1");
    }

    @Test
    void bothModuleVersionEncodingsReadAsTheReleaseNumber() throws IOException {
        // valkey-search 1.0.x reports major*10000 + minor*100 + patch, 1.2.x major<<16 | minor<<8 | patch.
        Fixture old = Fixture.load(Fixture.DIR_1_0_3.resolve("01-module-list.resp2.json"));
        long ver = InfoReplies.parseModuleList(old.decoded()).get("search");
        assertThat(ver).isEqualTo(10003);
        assertThat(InfoReplies.moduleVersionText(ver)).isEqualTo("1.0.3");
        assertThat(InfoReplies.moduleVersionText(66049)).isEqualTo("1.2.1");
        assertThat(InfoReplies.moduleVersionText(20604)).isEqualTo("2.6.4");
        assertThat(InfoReplies.moduleVersionText(80000)).isEqualTo("8.0.0");
        assertThat(InfoReplies.moduleVersionText(0x010A00)).isEqualTo("1.10.0");
    }

    @Test
    void unknownCommandAndNoPermissionAreCategorised() {
        assertThat(ErrorMapper.fromServerText("ERR unknown command 'FT.INFO', with args beginning with: ", "FT.INFO", null)
                .category()).isEqualTo(ErrorCategory.UNKNOWN_COMMAND);
        assertThat(ErrorMapper.fromServerText("NOPERM No permissions to access a key", "GET", null).category())
                .isEqualTo(ErrorCategory.NO_PERMISSION);
        assertThat(ErrorMapper.fromServerText("OOM command not allowed when used memory > 'maxmemory'.", "HSET", null)
                .category()).isEqualTo(ErrorCategory.OOM);
        assertThat(ErrorMapper.fromServerText("LOADING Valkey is loading the dataset in memory", "GET", null)
                .isTransient()).isTrue();
        assertThat(ErrorMapper.fromServerText("WRONGPASS invalid username-password pair", "AUTH", null).kind())
                .isEqualTo(io.vst.VstException.Kind.INVALID_INPUT);
    }

    private static String aliasOf(String expression) {
        int as = expression.lastIndexOf(" AS ");
        if (as < 0) {
            return "__vector_score";
        }
        return expression.substring(as + 4, expression.indexOf(']', as));
    }

    private static Map<String, JsonElement> pairs(JsonElement e) {
        Map<String, JsonElement> out = new java.util.LinkedHashMap<>();
        if (e.isJsonObject() && e.getAsJsonObject().has("map")) {
            for (JsonElement kv : e.getAsJsonObject().getAsJsonArray("map")) {
                out.put(kv.getAsJsonArray().get(0).getAsString(), kv.getAsJsonArray().get(1));
            }
            return out;
        }
        JsonArray a = e.getAsJsonArray();
        for (int i = 0; i < a.size(); i += 2) {
            out.put(a.get(i).getAsString(), unwrapDouble(a.get(i + 1)));
        }
        return out;
    }

    private static JsonElement unwrapDouble(JsonElement e) {
        if (e.isJsonObject() && e.getAsJsonObject().has("double")) {
            return e.getAsJsonObject().get("double");
        }
        return e;
    }

    private static List<String> strings(JsonElement e) {
        List<String> out = new ArrayList<>();
        for (JsonElement s : e.getAsJsonArray()) {
            out.add(s.getAsString());
        }
        return out;
    }

    private static byte[] bytesOf(JsonElement e) {
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            return HexFormat.of().parseHex(o.get("hex").getAsString());
        }
        return e.getAsString().getBytes(StandardCharsets.UTF_8);
    }
}
