package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.testsupport.ValkeyTestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code vst info server} end to end through {@link Main#run}. */
class InfoCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void probesAnEmbeddedServerItStartsAndStops() {
        ValkeyTestServer.requireBinary();
        assertThat(run("info", "server")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).containsPattern("server +valkey \\d+\\.\\d+\\.\\d+ \\(valkey://127\\.0\\.0\\.1:\\d+/0, "
                + "started by vst\\)");
        assertThat(text).contains("mode        standalone").contains("search      not loaded")
                .contains("maxmemory   no limit").contains("allocator   jemalloc");
        long pid = Long.parseLong(text.replaceAll("(?s).*process id +(\\d+).*", "$1"));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("embedded server stopped")
                .isFalse();
    }

    @Test
    void probesAGivenServer() {
        try (ValkeyTestServer server = ValkeyTestServer.start("--maxmemory", "2mb")) {
            assertThat(run("info", "server", "--server", "valkey://127.0.0.1:" + server.port(), "--cluster=false"))
                    .as(err.toString(StandardCharsets.UTF_8)).isZero();
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("maxmemory   2.00 MiB (2,097,152 bytes)")
                    .contains("process id  " + server.pid() + " (local")
                    .contains("nodes       127.0.0.1:" + server.port())
                    .containsPattern("used memory \\d+\\.\\d+ [KMG]iB \\([\\d,]+ bytes\\)")
                    .containsPattern("clients     \\d+ connected");
            assertThat(text).doesNotContain("started by vst");
            assertThat(server.server().isAlive()).isTrue();
        }
    }

    @Test
    void badUriIsInvalidInputWithAHint() {
        assertThat(run("info", "server", "--server", "localhost:6379")).isEqualTo(Main.EXIT_INVALID);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: ").contains("hint: write valkey://");
    }

    @Test
    void unreachableServerIsARuntimeFailureWithoutStackTrace() {
        int port = freePort();
        assertThat(run("info", "server", "--server", "valkey://u:pw-in-uri@127.0.0.1:" + port))
                .isEqualTo(Main.EXIT_RUNTIME);
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("error: Connecting on 127.0.0.1:" + port).doesNotContain("pw-in-uri")
                .doesNotContain("\tat ");
    }

    @Test
    void passwordFromMissingEnvironmentVariableIsInvalidInput() {
        assertThat(run("info", "server", "--server", "valkey://127.0.0.1:1", "--password-env",
                "VST_SURELY_UNSET_VARIABLE_42")).isEqualTo(Main.EXIT_INVALID);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("VST_SURELY_UNSET_VARIABLE_42 for the server password");
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
