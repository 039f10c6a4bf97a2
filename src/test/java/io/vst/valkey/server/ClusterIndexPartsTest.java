package io.vst.valkey.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.valkey.FtInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of a cluster with valkey-search that need no server: FT.INFO combined, module loading. */
class ClusterIndexPartsTest {

    @TempDir
    Path dir;

    private static FtInfo node(long docs, long queue, String state, double backfill, long vectors) {
        FtInfo.VectorIndex v = new FtInfo.VectorIndex("FLAT", "L2", "FLOAT32", 64, 1000, vectors, 0, 0, 0, 1024);
        return new FtInfo("idx", List.of("vec:"), docs, docs, 1, backfill < 1, backfill, queue, "0 sec", state,
                List.of(new FtInfo.Attribute("category", "TAG", 0, null), new FtInfo.Attribute("v", "VECTOR", 0, v)));
    }

    @Test
    void combinedFtInfoSumsTheShardsAndIsReadyOnlyWhenEveryNodeIs() {
        FtInfo all = FtInfo.combine(List.of(node(1010, 0, "ready", 1, 1010), node(995, 3, "ready", 1, 995),
                node(995, 0, "backfill_in_progress", 0.4, 990)));
        assertThat(all.numDocs()).isEqualTo(3000);
        assertThat(all.numRecords()).isEqualTo(3000);
        assertThat(all.hashIndexingFailures()).isEqualTo(3);
        assertThat(all.mutationQueueSize()).isEqualTo(3);
        assertThat(all.isReady()).isFalse();
        assertThat(all.backfillInProgress()).isTrue();
        assertThat(all.backfillCompletePercent()).isEqualTo(0.4);
        assertThat(all.vector().size()).isEqualTo(2995);
        assertThat(all.attributes().get(0).vectorIndex()).isNull();
        FtInfo ready = FtInfo.combine(List.of(node(10, 0, "ready", 1, 10), node(20, 0, "ready", 1, 20)));
        assertThat(ready.isReady()).isTrue();
        assertThat(ready.numDocs()).isEqualTo(30);
        FtInfo one = node(7, 0, "ready", 1, 7);
        assertThat(FtInfo.combine(List.of(one))).isSameAs(one);
    }

    @Test
    void aModuleWithArgumentsIsLoadedFromAConfigFileGivenFirst() throws Exception {
        Path search = dir.resolve("libsearch.so");
        Path other = dir.resolve("other \"q\".so");
        ManagedServerOptions options = ManagedServerOptions.defaults().withModule(search).withModule(other)
                .withModuleArgs(ManagedCluster.SEARCH_MODULE_PREFIX, ModuleLoading.USE_COORDINATOR);
        List<String> args = ModuleLoading.arguments(options, dir);
        Path conf = dir.resolve("vst-modules.conf");
        assertThat(args).containsExactly(conf.toString(), "--loadmodule", other.toAbsolutePath().toString());
        assertThat(Files.readString(conf, StandardCharsets.UTF_8)).isEqualTo(
                "loadmodule \"" + search.toAbsolutePath() + "\" \"--use-coordinator\"\n");
        assertThat(ModuleLoading.needsCoordinatorPort(options)).isTrue();
        assertThat(ModuleLoading.quoted("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(ModuleLoading.arguments(ManagedServerOptions.defaults().withModule(other), dir))
                .containsExactly("--loadmodule", other.toAbsolutePath().toString());
        assertThat(ModuleLoading.needsCoordinatorPort(ManagedServerOptions.defaults().withModule(other))).isFalse();
    }

    @Test
    void theCoordinatorPortOfAChosenPortIsInRangeAndFree() throws Exception {
        for (int i = 0; i < 5; i++) {
            int port = ModuleLoading.coordinatedPort();
            int coordinator = port + ModuleLoading.COORDINATOR_PORT_OFFSET;
            assertThat(coordinator).isLessThanOrEqualTo(65535);
            try (java.net.ServerSocket a = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress());
                    java.net.ServerSocket b = new java.net.ServerSocket(coordinator, 1,
                            java.net.InetAddress.getLoopbackAddress())) {
                assertThat(a.getLocalPort()).isEqualTo(port);
                assertThat(b.getLocalPort()).isEqualTo(coordinator);
            }
        }
    }
}
