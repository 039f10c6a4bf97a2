package io.vst.valkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.testsupport.RealSearchExtension;
import io.vst.valkey.resp.ErrorCategory;
import io.vst.valkey.resp.ValkeyException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client's FT.* path on the real valkey-search 1.0.3 module, the same flow as
 * {@link SearchThroughClientTest} runs against the 1.2.1 recordings, under RESP2 and RESP3.
 */
class SearchOnModuleTest {

    @RegisterExtension
    static final RealSearchExtension SEARCH = new RealSearchExtension();

    private static byte[] vector(float... xs) {
        ByteBuffer b = ByteBuffer.allocate(xs.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : xs) {
            b.putFloat(x);
        }
        return b.array();
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {false, true})
    void createSearchInfoAndDropOnTheModule(boolean resp3) {
        String idx = "mod_idx_" + resp3;
        String prefix = "mod" + resp3 + ":";
        try (ValkeyClient client = ValkeyClient.connect(SEARCH.endpoint(), ClientSettings.of(2).withResp3(resp3))) {
            IndexDefinition def = IndexDefinition.hnsw(idx, prefix, 4, IndexDefinition.Metric.L2)
                    .withHnsw(16, 200, null).withInitialCap(1000)
                    .withField("category", IndexDefinition.FieldType.TAG)
                    .withField("price", IndexDefinition.FieldType.NUMERIC);
            client.ftCreate(def);
            assertThat(client.ftList()).contains(idx);
            assertThatThrownBy(() -> client.ftCreate(def)).isInstanceOfSatisfying(ValkeyException.class, e -> {
                assertThat(e.category()).isEqualTo(ErrorCategory.SERVER_ERROR);
                assertThat(e.serverMessage()).isEqualTo("Index " + idx + " already exists.");
            });
            float[][] rows = {{0, 0, 0, 0}, {1, 0, 0, 0}, {0.1f, 0.1f, 0, 0}, {3, 3, 3, 3}, {0, 2, 0, 0}, {0, 0, 1, 0}};
            List<VectorWrite> writes = new ArrayList<>();
            for (int i = 0; i < rows.length; i++) {
                writes.add(VectorWrite.of(prefix + (i + 1), vector(rows[i]), "category", i % 2 == 0 ? "a" : "b",
                        "price", Integer.toString(10 * (i + 1))));
            }
            assertThat(client.writeVectors(writes).failed()).isZero();

            FtInfo info = client.awaitIndexReady(idx, Duration.ofSeconds(10));
            assertThat(info.numDocs()).isEqualTo(6);
            assertThat(info.vector().size()).isEqualTo(6);
            assertThat(info.vector().m()).isEqualTo(16);
            assertThat(info.vector().capacity()).isEqualTo(1000);
            assertThat(info.prefixes()).containsExactly(prefix);
            // 1.0.3 has no per-attribute memory figure.
            assertThat(info.attributes()).allSatisfy(a -> assertThat(a.userIndexedMemory()).isZero());

            SearchResult r = client.search(KnnQuery.of(idx, "vector", 3, new byte[16]).withEfRuntime(50));
            assertThat(r.keys()).containsExactly(prefix + "1", prefix + "3", prefix + "2");
            // Squared L2 distance of (0.1, 0.1, 0, 0) from 0, as the server prints it.
            assertThat(r.hits().get(1).score()).isEqualTo(0.0200000014156);
            SearchResult filtered = client.search(KnnQuery.of(idx, "vector", 5, new byte[16])
                    .withFilter("@price:[20 40]"));
            assertThat(filtered.keys()).containsExactly(prefix + "3", prefix + "2", prefix + "4");

            List<SearchOutcome> batch = client.searchBatch(List.of(
                    KnnQuery.of(idx, "vector", 3, new byte[16]).withEfRuntime(50),
                    KnnQuery.of(idx, "vector", 2, new byte[8])));
            assertThat(batch.get(0).isOk()).isTrue();
            assertThat(batch.get(0).result().total()).isEqualTo(3);
            assertThat(batch.get(1).isOk()).isFalse();
            assertThat(batch.get(1).error().serverMessage()).contains("query vector blob size (8)");

            assertThatThrownBy(() -> client.ftInfo("nosuchidx")).isInstanceOfSatisfying(ValkeyException.class,
                    e -> assertThat(e.serverMessage()).isEqualTo("Index with name 'nosuchidx' not found"));

            ServerCapabilities caps = CapabilityProbe.probe(client);
            assertThat(caps.hasSearch()).isTrue();
            assertThat(caps.searchVersion()).isEqualTo("1.0.3");
            assertThat(caps.version()).isEqualTo("8.1.1");
            assertThat(client.info("SEARCH").aggregateLong("search_used_memory_bytes", -1)).isPositive();

            client.ftDropIndex(idx);
            assertThat(client.ftList()).doesNotContain(idx);
            assertThat(client.deleteKeys(writes.stream().map(w -> new String(w.key(), StandardCharsets.UTF_8)).toList())).isEqualTo(6);
        }
    }
}
