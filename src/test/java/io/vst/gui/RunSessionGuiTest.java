package io.vst.gui;

import io.vst.gui.live.FeedBatch;
import io.vst.gui.run.RunController;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.RunDirectory;
import io.vst.testsupport.PingPlugin;
import io.vst.testsupport.TestPki;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.server.ManagedServerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JTextField;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workbench opens a run's server the way {@code vst run} does: the scenario's connection_timeout bounds
 * the connect to a server that accepts and never answers; plugin workloads given with --plugins validate
 * and run; TLS files and connection profiles reach the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunSessionGuiTest {

    private static final String WAIT_ONLY = "name: tiny\nsteps:\n  - name: settle\n    type: wait\n    parameters:\n"
            + "      duration_seconds: 1\n";

    @TempDir
    static Path tmp;
    private GuiSession gui;

    @BeforeAll
    void open() throws Exception {
        Path plugins = PingPlugin.buildInto(tmp.resolve("plugin"));
        Path file = Files.writeString(tmp.resolve("ping.yaml"), PingPlugin.HEARTBEAT);
        gui = GuiSession.open(file.toString(), tmp.resolve("runs"), "light", List.of(plugins));
    }

    @AfterAll
    void close() {
        if (gui != null) {
            gui.close();
        }
    }

    private void tls(boolean on) {
        Edt.run(() -> ((JCheckBox) gui.window.checkBox("connectionTls").target()).setSelected(on));
    }

    @Test
    void connectionTimeoutOfTheScenarioEndsTheConnectToAServerThatNeverAnswers() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            // operation_timeout far above connection_timeout: only connection_timeout may end the wait.
            gui.scenario("""
                    name: silent
                    global_config:
                      connection_timeout: 2.0
                      operation_timeout: 120.0
                    steps:
                      - name: settle
                        type: wait
                        parameters:
                          duration_seconds: 1
                    """);
            gui.server(false, silent.port());
            tls(false);
            List<long[]> changes = new CopyOnWriteArrayList<>();
            Edt.run(() -> gui.frame.runController().onState(st -> changes.add(new long[] {st.ordinal(),
                System.nanoTime()})));
            FeedBatch end = gui.runToTheEnd(Duration.ofSeconds(60));
            // From the state change to RUNNING (the run thread starts) to the one back to IDLE (the outcome).
            long started = changes.stream().filter(c -> c[0] == RunController.State.RUNNING.ordinal())
                    .mapToLong(c -> c[1]).findFirst().orElseThrow();
            long ended = changes.stream().filter(c -> c[0] == RunController.State.IDLE.ordinal())
                    .mapToLong(c -> c[1]).reduce((x, y) -> y).orElseThrow();
            double seconds = (ended - started) / 1e9;
            System.out.printf(Locale.ROOT, "silent server: run ended after %.2f s (connection_timeout 2 s, "
                    + "operation_timeout 120 s), %d connection(s) accepted: %s%n", seconds, silent.accepted.size(),
                    end.outcomeMessage());
            assertThat(silent.accepted).as("the server accepted the connection (TCP connect succeeded)").isNotEmpty();
            assertThat(end.outcome()).isEqualTo(RunOutcome.FAILED);
            assertThat(seconds).as("ended by connection_timeout 2 s, not operation_timeout 120 s")
                    .isBetween(1.9, 10.0);
            String banner = Edt.call(() -> gui.frame.runBanner().text());
            assertThat(banner).startsWith("Run failed: ").contains("127.0.0.1:" + silent.port());
            assertThat(banner).doesNotContain("Exception").doesNotContain("java.").doesNotContain("redis.");
            Edt.run(() -> gui.frame.runBanner().clear());
        }
    }

    @Test
    void aPluginWorkloadValidatesAndRunsOnTheEmbeddedServer() throws Exception {
        GuiTestSupport.requireValkey();
        gui.scenario(PingPlugin.HEARTBEAT);
        assertThat(Edt.call(() -> gui.frame.editorTabs().activeResult().hasErrors())).as("ping is known").isFalse();
        gui.server(true, 6379);
        FeedBatch end = gui.runToTheEnd(Duration.ofSeconds(90));
        assertThat(end.outcome()).as(end.outcomeMessage()).isEqualTo(RunOutcome.COMPLETED);
        Path dir = Edt.call(() -> gui.frame.runController().lastRunDirectory());
        assertThat(dir.resolve("latency/ping.hlog")).exists();
        assertThat(Files.readAllLines(dir.resolve(RunDirectory.STEPS)).get(1)).contains("ping:n=200");
    }

    @Test
    void tlsFilesFromTheDialogVerifyTheServer() throws Exception {
        GuiTestSupport.requireValkey();
        TestPki pki = TestPki.make(Files.createDirectories(tmp.resolve("pki")));
        ManagedServerOptions tlsServer = ManagedServerOptions.defaults().withTls(
                new ManagedServerOptions.TlsFiles(pki.serverCert(), pki.serverKey(), pki.caCert()));
        try (ValkeyTestServer server = ValkeyTestServer.start(tlsServer)) {
            int port = server.server().tlsPort();
            gui.scenario(WAIT_ONLY);
            gui.server(false, port);
            tls(true);
            // The JVM's trust store does not know the throwaway CA: without the CA file the server is refused.
            FeedBatch refused = gui.runToTheEnd(Duration.ofSeconds(60));
            assertThat(refused.outcome()).isEqualTo(RunOutcome.FAILED);
            Edt.run(() -> gui.frame.runBanner().clear());

            GuiSession.clickLater(gui.window.button("tlsFiles").target());
            JOptionPaneFixture dialog = gui.optionPane();
            dialog.textBox("tlsCa").setText(pki.caCert().toString());
            GuiSession.closeWith(dialog, dialog.okButton());
            FeedBatch end = gui.runToTheEnd(Duration.ofSeconds(60));
            assertThat(end.outcome()).as(end.outcomeMessage()).isEqualTo(RunOutcome.COMPLETED);
            Path dir = Edt.call(() -> gui.frame.runController().lastRunDirectory());
            assertThat(Files.readString(dir.resolve(RunDirectory.RUN_JSON))).contains("127.0.0.1:" + port);
        }
    }

    @Test
    void aConnectionProfileNamesTheServer() throws Exception {
        GuiTestSupport.requireValkey();
        Path home = tmp.resolve("home");
        Path profiles = Files.createDirectories(home.resolve(".config/vst/profiles"));
        String userHome = System.getProperty("user.home");
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            Files.writeString(profiles.resolve("bench.yaml"), "host: 127.0.0.1\nport: " + server.port() + "\n");
            System.setProperty("user.home", home.toString());
            gui.scenario(WAIT_ONLY);
            Edt.run(() -> {
                ((JComboBox<?>) gui.window.comboBox("connectionMode").target()).setSelectedIndex(2);
                ((JTextField) gui.window.textBox("connectionProfile").target()).setText("bench");
            });
            tls(false);
            FeedBatch end = gui.runToTheEnd(Duration.ofSeconds(60));
            assertThat(end.outcome()).as(end.outcomeMessage()).isEqualTo(RunOutcome.COMPLETED);
            Path dir = Edt.call(() -> gui.frame.runController().lastRunDirectory());
            assertThat(Files.readString(dir.resolve(RunDirectory.RUN_JSON))).contains("127.0.0.1:" + server.port());
        } finally {
            System.setProperty("user.home", userHome);
        }
    }

    /** A loopback server that accepts every connection and never reads or writes a byte. */
    private static final class SilentServer implements AutoCloseable {
        final ServerSocket socket;
        final List<Socket> accepted = new CopyOnWriteArrayList<>();
        final Thread acceptor;

        SilentServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                try {
                    while (!socket.isClosed()) {
                        accepted.add(socket.accept());
                    }
                } catch (IOException closed) {
                    // close() ends the accept loop.
                    return;
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
            acceptor.join(5_000);
        }
    }
}
