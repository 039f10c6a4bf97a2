package io.vst.valkey.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping a real valkey-server child by PID. */
class ManagedServerTest {

    @Test
    void startsOnLoopbackAndStopsByPid() {
        ManagedServer server;
        try (ValkeyTestServer t = ValkeyTestServer.start("--maxmemory", "64mb")) {
            server = t.server();
            assertThat(server.isAlive()).isTrue();
            assertThat(ProcessHandle.of(server.pid())).isPresent();
            assertThat(server.logFile()).exists();
            assertThat(ManagedServer.answersPing(server.port())).isTrue();
            try (ValkeyClient client = ValkeyClient.connect(server.endpoint(), 1)) {
                assertThat(client.ping()).isEqualTo("PONG");
                Map<String, String> config = client.configGet("save");
                assertThat(config).containsEntry("save", "");
                assertThat(client.configGet("appendonly")).containsEntry("appendonly", "no");
                assertThat(client.configGet("maxmemory")).containsEntry("maxmemory", "67108864");
                assertThat(client.configGet("bind").get("bind")).isEqualTo("127.0.0.1");
                assertThat(client.info("server").aggregate().get("process_id"))
                        .isEqualTo(Long.toString(server.pid()));
            }
        }
        assertThat(server.isAlive()).isFalse();
        assertThat(ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(server.directory()).doesNotExist();
        assertThat(ManagedServer.answersPing(server.port())).isFalse();
        server.stop(); // a second stop is harmless
    }

    @Test
    void keepLeavesTheServerRunningUntilStopped() {
        ValkeyTestServer.requireBinary();
        ManagedServer server = ManagedServer.start(ManagedServerOptions.defaults().withKeep(true));
        try {
            server.close();
            assertThat(server.isAlive()).isTrue();
        } finally {
            server.stop();
        }
        assertThat(server.isAlive()).isFalse();
    }

    @Test
    void missingBinaryExplainsHowToInstall(@TempDir Path dir) {
        assertThatThrownBy(() -> ManagedServer.resolveBinary(dir.resolve("valkey-server")))
                .isInstanceOf(VstException.class)
                .hasMessageContaining("not an executable")
                .satisfies(e -> assertThat(((VstException) e).hint()).contains("--valkey-server PATH"));
    }

    @Test
    void serverThatCannotStartReportsItsLog(@TempDir Path dir) throws Exception {
        ValkeyTestServer.requireBinary();
        Path badModule = Files.writeString(dir.resolve("not-a-module.so"), "nothing");
        assertThatThrownBy(() -> ManagedServer.start(ManagedServerOptions.defaults().withModule(badModule)))
                .isInstanceOfSatisfying(VstException.class,
                        e -> assertThat(e.kind()).isEqualTo(VstException.Kind.INVALID_INPUT))
                .hasMessageContaining("could not load the module")
                .hasMessageContaining("Module " + badModule + " failed to load: It does not have execute permissions");
    }
}
