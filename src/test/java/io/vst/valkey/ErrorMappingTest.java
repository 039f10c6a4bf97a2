package io.vst.valkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.resp.BatchResult;
import io.vst.valkey.resp.ErrorCategory;
import io.vst.valkey.resp.ValkeyException;
import io.vst.valkey.server.ManagedServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real server failures arrive as categorised {@link ValkeyException}s that never show a password. */
class ErrorMappingTest {

    private static final String PASSWORD = "s3cret-Pa55";

    @Test
    void wrongPasswordIsAuthAndHidesThePassword() {
        ManagedServer started;
        try (ValkeyTestServer server = ValkeyTestServer.start("--requirepass", PASSWORD)) {
            started = server.server();
            ValkeyEndpoint wrong = server.endpoint().withPasswordFromEnv("VST_PW", Map.of("VST_PW", "not-it-42"));
            assertThatThrownBy(() -> ValkeyClient.connect(wrong, 1)).isInstanceOfSatisfying(ValkeyException.class,
                    e -> {
                        assertThat(e.category()).isEqualTo(ErrorCategory.AUTH);
                        assertThat(e.kind()).isEqualTo(VstException.Kind.INVALID_INPUT);
                        assertThat(e.getMessage()).doesNotContain("not-it-42").contains("127.0.0.1:" + server.port());
                        assertThat(e.hint()).contains("--password-env");
                    });
            ValkeyEndpoint none = server.endpoint();
            assertThatThrownBy(() -> ValkeyClient.connect(none, 1))
                    .isInstanceOfSatisfying(ValkeyException.class,
                            e -> assertThat(e.category()).isEqualTo(ErrorCategory.AUTH));
            ValkeyEndpoint right = server.endpoint().withPasswordFromEnv("VST_PW", Map.of("VST_PW", PASSWORD));
            assertThat(right.toString()).doesNotContain(PASSWORD).contains("env VST_PW");
            try (ValkeyClient client = ValkeyClient.connect(right, 1)) {
                assertThat(client.ping()).isEqualTo("PONG");
            }
        }
        // SHUTDOWN is refused without the password: the server is stopped by SIGTERM instead.
        assertThat(started.isAlive()).isFalse();
    }

    @Test
    void killedServerIsAConnectionFailure() {
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            ValkeyClient client = ValkeyClient.connect(server.endpoint(), 1);
            try {
                assertThat(client.ping()).isEqualTo("PONG");
                ProcessHandle handle = ProcessHandle.of(server.pid()).orElseThrow();
                assertThat(handle.destroyForcibly()).isTrue();
                assertThat(handle.onExit().join().isAlive()).isFalse();
                assertThatThrownBy(client::ping).isInstanceOfSatisfying(ValkeyException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.CONNECTION);
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.kind()).isEqualTo(VstException.Kind.RUNTIME);
                });
                assertThatThrownBy(() -> client.writeVectors(List.of(VectorWrite.of("k", new byte[4]))))
                        .isInstanceOfSatisfying(ValkeyException.class,
                                e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONNECTION));
            } finally {
                client.close();
            }
        }
        int closedPort = ManagedServer.freePort();
        assertThatThrownBy(() -> ValkeyClient.connect(ValkeyEndpoint.loopback(closedPort), 1))
                .isInstanceOfSatisfying(ValkeyException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONNECTION));
    }

    @Test
    void aclUserLimitedToAPrefixGetsNoPermissionElsewhere() {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient admin = ValkeyClient.connect(server.endpoint(), 1)) {
            assertThat(admin.command("ACL", "SETUSER", "u", "on", ">pw-of-u", "~vec:*", "+@all")).isEqualTo("OK");
            ValkeyEndpoint asU = server.endpoint().withUser("u")
                    .withPasswordFromEnv("U_PW", Map.of("U_PW", "pw-of-u"));
            try (ValkeyClient u = ValkeyClient.connect(asU, 1)) {
                BatchResult r = u.writeVectors(List.of(VectorWrite.of("vec:1", new byte[8]),
                        VectorWrite.of("other:1", new byte[8])));
                assertThat(r.isOk(0)).isTrue();
                assertThat(r.failures()).containsOnlyKeys(1);
                assertThat(r.failures().get(1).category()).isEqualTo(ErrorCategory.NO_PERMISSION);
                assertThat(r.failures().get(1).serverMessage()).startsWith("NOPERM");
                assertThatThrownBy(() -> u.readVector("other:1")).isInstanceOfSatisfying(ValkeyException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.NO_PERMISSION));
                assertThat(u.readVector("vec:1")).hasSize(8);
            }
            assertThat(admin.countExisting(List.of("vec:1", "other:1"))).isEqualTo(1);
        }
    }
}
