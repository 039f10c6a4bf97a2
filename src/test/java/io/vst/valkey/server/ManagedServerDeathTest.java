package io.vst.valkey.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import io.vst.testsupport.ValkeyTestServer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.util.SafeEncoder;

/** A server vst started that dies on its own is reported in its log's words; one vst stopped is not. */
class ManagedServerDeathTest {

    @Test
    void aCrashIsReportedWithTheServersCrashLineEvenAfterStop() throws Exception {
        ValkeyTestServer.requireBinary();
        ManagedServer server = ManagedServer.start(ManagedServerOptions.defaults()
                .withArgs("--enable-debug-command", "local"));
        try {
            assertThat(server.deathReport()).isNull();
            try (Jedis jedis = new Jedis("127.0.0.1", server.port(), 5_000)) {
                assertThatThrownBy(() -> jedis.sendCommand(() -> SafeEncoder.encode("DEBUG"), "SEGFAULT"))
                        .isInstanceOf(JedisConnectionException.class);
            }
            // The crash may already have ended the process (ProcessHandle.of is then empty): wait for it, bounded.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false)
                    || server.deathReport() == null) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.deathReport()).contains("crashed by signal: 11").contains("exit code");
        } finally {
            server.stop();
        }
        // The log is gone with the server's directory; the report was kept.
        assertThat(server.deathReport()).contains("crashed by signal: 11");
    }

    @Test
    void aServerVstStoppedHasNoDeathReport() {
        ValkeyTestServer.requireBinary();
        ManagedServer server = ManagedServer.start(ManagedServerOptions.defaults());
        server.stop();
        assertThat(server.deathReport()).isNull();
    }

    @Test
    void onlyValkeySearch10InAServerBefore811IsRefused() {
        String v801 = "# Server\r\nredis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:8.0.1\r\n";
        String v811 = "# Server\r\nredis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:8.1.1\r\n";
        VstException refused = ModuleChecks.incompatibility("/usr/bin/valkey-server", v801, Map.of("search", 10003L));
        assertThat(refused.getMessage()).isEqualTo("valkey-search 1.0.3 needs valkey-server 8.1.1 or later, but "
                + "/usr/bin/valkey-server is 8.0.1: it loads the module and then crashes on the first write into an "
                + "indexed prefix");
        assertThat(refused.kind()).isEqualTo(VstException.Kind.INVALID_INPUT);
        assertThat(ModuleChecks.incompatibility("s", v811, Map.of("search", 10003L))).isNull();
        assertThat(ModuleChecks.incompatibility("s", v801, Map.of("search", 66049L))).isNull();
        assertThat(ModuleChecks.incompatibility("s", v801, Map.of("json", 10002L))).isNull();
    }
}
