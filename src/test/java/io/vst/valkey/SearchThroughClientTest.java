package io.vst.valkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.valkey.resp.ErrorCategory;
import io.vst.valkey.resp.ValkeyException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client's FT.* path end to end against recorded valkey-search replies: the commands it sends must
 * be exactly the recorded ones (anything else gets an error), and the replies go through Jedis' decoding
 * at runtime, under RESP2 and RESP3.
 */
class SearchThroughClientTest {

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {false, true})
    void createSearchInfoAndDropThroughTheClient(boolean resp3) throws Exception {
        try (FixtureReplayServer stub = new FixtureReplayServer(Fixture.all());
                ValkeyClient client = ValkeyClient.connect(ValkeyEndpoint.loopback(stub.port()),
                        ClientSettings.of(2).withResp3(resp3))) {
            assertThat(client.ftList()).isEmpty();

            IndexDefinition def = IndexDefinition.hnsw("idx", "vec:", 4, IndexDefinition.Metric.L2)
                    .withHnsw(16, 200, null).withInitialCap(1000)
                    .withField("category", IndexDefinition.FieldType.TAG)
                    .withField("price", IndexDefinition.FieldType.NUMERIC);
            client.ftCreate(def);
            assertThatThrownBy(() -> client.ftCreate(def)).isInstanceOfSatisfying(ValkeyException.class, e -> {
                assertThat(e.category()).isEqualTo(ErrorCategory.SERVER_ERROR);
                assertThat(e.serverMessage()).isEqualTo("Index idx in database 0 already exists.");
            });

            FtInfo info = client.ftInfo("idx");
            assertThat(info.numDocs()).isEqualTo(6);
            assertThat(info.vector().m()).isEqualTo(16);
            assertThat(info.vector().capacity()).isEqualTo(1000);

            SearchResult r = client.search(KnnQuery.of("idx", "vector", 3, new byte[16]).withEfRuntime(50));
            assertThat(r.keys()).containsExactly("vec:1", "vec:3", "vec:2");
            assertThat(r.hits().get(1).score()).isEqualTo(0.0200000014156);

            List<SearchOutcome> batch = client.searchBatch(List.of(
                    KnnQuery.of("idx", "vector", 3, new byte[16]).withEfRuntime(50),
                    KnnQuery.of("idx", "vector", 2, new byte[8])));
            assertThat(batch.get(0).isOk()).isTrue();
            assertThat(batch.get(0).result().total()).isEqualTo(3);
            // The recordings hold no query of this shape, so the stub answers an error: it must stay with
            // its own query and not disturb the other results of the pipeline.
            assertThat(batch.get(1).isOk()).isFalse();
            assertThat(batch.get(1).error().category()).isEqualTo(ErrorCategory.SERVER_ERROR);
            assertThat(batch.get(1).error().serverMessage()).contains("no recording for: FT.SEARCH idx");

            assertThatThrownBy(() -> client.ftInfo("nosuchidx")).isInstanceOfSatisfying(ValkeyException.class,
                    e -> assertThat(e.serverMessage()).isEqualTo("Index with name 'nosuchidx' not found in database 0"));

            FtInfo ready = client.awaitIndexReady("idx_bf", Duration.ofSeconds(10));
            assertThat(ready.isReady()).isTrue();
            assertThat(ready.numDocs()).isEqualTo(20000);

            client.ftDropIndex("idx");
            ServerCapabilities caps = CapabilityProbe.probe(client);
            assertThat(caps.hasSearch()).isTrue();
            assertThat(caps.searchVersion()).isEqualTo("1.2.1");
            assertThat(caps.modules()).containsEntry("lua", "0.0.1");
            assertThat(client.info("SEARCH").aggregateLong("search_used_memory_bytes", -1)).isEqualTo(9423704);

            assertThat(stub.received()).contains(String.join(" ", Fixture.named("04-").command()),
                    String.join(" ", Fixture.named("13-").command()));
        }
    }
}
