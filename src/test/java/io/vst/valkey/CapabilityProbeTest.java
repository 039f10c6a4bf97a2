package io.vst.valkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.testsupport.ValkeyTestServer;
import org.junit.jupiter.api.Test;

class CapabilityProbeTest {

    @Test
    void probesARealServer() {
        try (ValkeyTestServer server = ValkeyTestServer.start("--maxmemory", "100mb");
                ValkeyClient client = ValkeyClient.connect(server.endpoint(), 1)) {
            ServerCapabilities caps = CapabilityProbe.probe(client);
            assertThat(caps.serverName()).isEqualTo("valkey");
            assertThat(caps.version()).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(caps.versionAtLeast(7, 2)).isTrue();
            assertThat(caps.versionAtLeast(99, 0)).isFalse();
            assertThat(caps.hasSearch()).isFalse();
            assertThat(caps.modules()).doesNotContainKey("search");
            assertThat(caps.cluster()).isFalse();
            assertThat(caps.nodeCount()).isEqualTo(1);
            assertThat(caps.maxmemory()).isEqualTo(100L * 1024 * 1024);
            assertThat(caps.allocator()).startsWith("jemalloc");
            assertThat(caps.os()).startsWith("Linux");
            assertThat(caps.processId()).isEqualTo(server.pid());
            assertThat(caps.local()).isTrue();
        }
    }
}
