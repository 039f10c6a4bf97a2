package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ClientSettings;
import io.vst.valkey.ClusterMode;
import io.vst.valkey.ValkeyEndpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The one opener of a run's server: a description resolves to the endpoint it names (URI, then the
 * overrides), a password reaches the server (its AUTH is the judge), the scenario's timeouts and the plan's
 * pool reach the client, and the server vst started is gone after close.
 */
class ServerOpenerTest {

    private static final String WAIT = """
            name: t
            global_config: {connection_timeout: 1.5, operation_timeout: 7, n_threads: 3, n_clients: 2}
            steps:
              - name: w
                type: wait
                parameters: {duration_seconds: 1}
            """;

    @Test
    void theOverridesApplyOnTopOfTheUri() {
        ConnectionSpec spec = ConnectionSpec.server("valkeys://db1.example:6380/2").withUser("ops")
                .withCluster(ClusterMode.CLUSTER)
                .withTls(new ConnectionSpec.Tls(false, Path.of("ca.pem"), Path.of("c.pem"), Path.of("k.pem"), false))
                .withPassword(ConnectionSpec.Password.fromEnv("PW"));
        ValkeyEndpoint ep = ServerOpener.start(spec, Map.of("PW", "x")).endpoint();
        assertThat(ep.host()).isEqualTo("db1.example");
        assertThat(ep.port()).isEqualTo(6380);
        assertThat(ep.database()).isEqualTo(2);
        assertThat(ep.user()).isEqualTo("ops");
        assertThat(ep.cluster()).isEqualTo(ClusterMode.CLUSTER);
        assertThat(ep.tls()).isTrue();
        assertThat(ep.tlsCa()).isEqualTo(Path.of("ca.pem"));
        assertThat(ep.tlsCert()).isEqualTo(Path.of("c.pem"));
        assertThat(ep.tlsKey()).isEqualTo(Path.of("k.pem"));
        assertThat(ep.password().source()).isEqualTo("env PW");
        assertThat(spec.describe()).isEqualTo("ops at valkeys://db1.example:6380/2 (cluster)");
        assertThat(ServerOpener.start(ConnectionSpec.server("valkey://h:1")).endpoint().tls()).isFalse();
    }

    @Test
    void wrongDescriptionsSayWhatToDo() {
        assertThatThrownBy(() -> ServerOpener.start(ConnectionSpec.server("valkey://h:1")
                .withPassword(ConnectionSpec.Password.fromEnv("NOPE_VST_PW")), Map.of()))
                .isInstanceOf(VstException.class).hasMessageContaining("NOPE_VST_PW");
        assertThatThrownBy(() -> ServerOpener.start(ConnectionSpec.server("valkey://h:1")
                .withPassword(ConnectionSpec.Password.typed(new char[0]))))
                .isInstanceOf(VstException.class).hasMessage("No password was typed");
        assertThatThrownBy(() -> ServerOpener.start(ConnectionSpec.embedded()
                .withPassword(ConnectionSpec.Password.fromEnv("PW"))))
                .isInstanceOf(VstException.class).hasMessageContaining("applies only to a server vst connects to");
        assertThatThrownBy(() -> ServerOpener.start(ConnectionSpec.embedded()
                .withModules(List.of(Path.of("/nonexistent/libsearch.so")))))
                .isInstanceOf(VstException.class).hasMessageContaining("/nonexistent/libsearch.so: no such file");
    }

    @Test
    void theScenarioTimeoutsAndThePlansWorkersSizeTheClient() {
        RunPlan plan = EngineHarness.plan(WAIT);
        ClientSettings s = ServerOpener.settings(plan);
        assertThat(s.connectTimeoutMillis()).isEqualTo(1500);
        assertThat(s.socketTimeoutMillis()).isEqualTo(7000);
        // n_threads 3 x n_clients 2 workers, each with its own connection.
        assertThat(s.poolSize()).isEqualTo(6);
    }

    @Test
    void aTypedOrEnvironmentPasswordReachesTheServer() {
        ValkeyTestServer.requireBinary();
        RunPlan plan = EngineHarness.plan(WAIT);
        try (ValkeyTestServer server = ValkeyTestServer.start("--requirepass", "s3cret")) {
            String uri = "valkey://127.0.0.1:" + server.port();
            ConnectionSpec typed = ConnectionSpec.server(uri)
                    .withPassword(ConnectionSpec.Password.typed("s3cret".toCharArray()));
            try (ServerSession session = ServerOpener.open(typed, plan)) {
                assertThat(session.client().command("PING")).isEqualTo("PONG");
                assertThat(session.embedded()).isFalse();
            }
            ConnectionSpec env = ConnectionSpec.server(uri).withPassword(ConnectionSpec.Password.fromEnv("PW"));
            try (ServerSession session = ServerOpener.connect(ServerOpener.start(env, Map.of("PW", "s3cret")), plan)) {
                assertThat(session.client().command("PING")).isEqualTo("PONG");
            }
            ConnectionSpec wrong = ConnectionSpec.server(uri)
                    .withPassword(ConnectionSpec.Password.typed("nope".toCharArray()));
            assertThatThrownBy(() -> ServerOpener.open(wrong, plan)).isInstanceOf(VstException.class)
                    .hasMessageNotContaining("nope");
            assertThat(server.server().isAlive()).as("a server vst did not start is left running").isTrue();
        }
    }

    @Test
    void theServerVstStartedIsStoppedWhenTheSessionCloses() throws Exception {
        ValkeyTestServer.requireBinary();
        long pid;
        try (ServerSession session = ServerOpener.open(ConnectionSpec.embedded(), EngineHarness.plan(WAIT))) {
            pid = session.localPid();
            assertThat(session.embedded()).isTrue();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
            assertThat(session.client().command("INFO", "server")).contains("process_id:" + pid);
        }
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(5, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
