package io.vst.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** validate_ingestion and verify_removal against an in-memory server that loses or changes what it holds. */
class VerificationTest {

    private static FakeContext context(FakeServer server) {
        return new FakeContext(server, Map.of("n_threads", 1, "n_clients", 2, "batch_size", 10))
                .with("target_vectors", 100).with("validate_ingestion", true);
    }

    @Test
    void everyWrittenKeyFoundAndItsBytesEqualPassesTheCheck() {
        FakeServer server = new FakeServer();
        WorkloadResult r = new IngestWorkload().run(context(server));
        assertThat(r.detail()).isEqualTo("added 100 (live 0 → 100), all verified");
    }

    @Test
    void aKeyTheServerLostAfterAcknowledgingItFailsTheCheck() {
        FakeServer server = new FakeServer();
        server.afterSync = n -> {
            if (n == 10) {
                server.hashes.remove("vec:17");
                server.hashes.remove("vec:63");
            }
        };
        assertThatThrownBy(() -> new IngestWorkload().run(context(server))).isInstanceOf(VstException.class)
                .hasMessage("validate_ingestion: 2 of 100 written keys are missing on the server");
    }

    @Test
    void aVectorWhoseBytesChangedOnTheServerFailsTheCheck() {
        FakeServer server = new FakeServer();
        server.afterSync = n -> {
            if (n == 10) {
                server.hashes.get("vec:0").put("vector", new byte[FakeContext.DIMS * 4]);
            }
        };
        assertThatThrownBy(() -> new IngestWorkload().run(context(server))).isInstanceOf(VstException.class)
                .hasMessage("validate_ingestion: 1 of 100 written keys are missing on the server");
    }

    @Test
    void aRemovedKeyStillOnTheServerFailsVerifyRemoval() {
        FakeServer server = new FakeServer();
        FakeContext ctx = context(server).preload(100).with("target_vectors", 40).with("verify_removal", true);
        server.afterSync = n -> {
            if (n == 2) {
                // someone writes a removed key back
                server.hashes.put("vec:0", new java.util.concurrent.ConcurrentHashMap<>(Map.of("vector", new byte[0])));
            }
        };
        ctx.with("removal_strategy", "oldest");
        assertThatThrownBy(() -> new ShrinkWorkload().run(ctx)).isInstanceOf(VstException.class)
                .hasMessage("verify_removal: 1 of 60 removed keys still exist on the server");
    }
}
