package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.testsupport.ValkeyTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Hostile connections against a real valkey-server: TLS to a plaintext port, a database the server
 * lacks, an ACL user without permission; and a damaged plugin jar.
 */
class HostileServerTest {

    private static ValkeyTestServer server;

    @TempDir
    Path dir;

    record Run(int code, String out, String err, long millis) {
    }

    @BeforeAll
    static void startServer() {
        ValkeyTestServer.requireBinary();
        server = ValkeyTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream saved = System.err;
        System.setErr(errStream); // the log's warnings go to System.err
        long start = System.nanoTime();
        int code;
        try {
            code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), errStream);
        } finally {
            System.setErr(saved);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void tlsToAPlaintextServerSaysSoWithinTheConnectionTimeout() {
        Run r = run("info", "server", "--server", "valkeys://127.0.0.1:" + server.port(), "--insecure");

        assertThat(r.code()).isEqualTo(Main.EXIT_RUNTIME);
        assertThat(r.err()).contains("TLS handshake failed: is the server TLS?")
                .contains("hint: use valkey:// (not valkeys://)").doesNotContain("Exception").doesNotContain("timed out");
        // the default connection timeout is 5 s; before, the handshake waited for the 60 s socket timeout
        assertThat(r.millis()).isLessThan(5_000 + 3_000);
    }

    @Test
    void aDatabaseTheServerLacksIsAUserMistake() {
        Run r = run("info", "server", "--server", "valkey://127.0.0.1:" + server.port() + "/99");

        assertThat(r.code()).isEqualTo(Main.EXIT_INVALID);
        assertThat(r.err()).contains("DB index is out of range").contains("hint: the server has fewer databases");
    }

    @Test
    void aPermissionErrorIsPrintedOnce() {
        try (Jedis admin = new Jedis("127.0.0.1", server.port())) {
            admin.aclSetUser("nohset", "on", ">pw", "~*", "+@all", "-hset");
        }
        Path scenario = dir.resolve("load.yaml");
        Run r;
        try {
            Files.writeString(scenario, "name: load\ndataset: synthetic-16\nsteps:\n  - name: load\n    type: workload\n"
                    + "    workload: ingest\n    parameters:\n      target_vectors: 100\n");
            r = run("run", "--scenario", scenario.toString(), "--server", "valkey://nohset:pw@127.0.0.1:"
                    + server.port(), "--output", dir.resolve("runs").toString(), "--no-report");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String all = r.out() + r.err();
        assertThat(r.code()).isEqualTo(Main.EXIT_RUNTIME);
        assertThat(all.split("NOPERM", -1)).as(all).hasSize(2);
        assertThat(all).contains("Run failed: step 'load' failed (reason above)");
    }

    @Test
    void aDamagedPluginJarIsNamedInAWarning() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        byte[] junk = new byte[512];
        new Random(7).nextBytes(junk);
        Files.write(plugins.resolve("broken.jar"), junk);

        Run r = run("workload", "list", "--plugins", plugins.toString());

        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("Plugin jar " + plugins.resolve("broken.jar").toAbsolutePath() + " skipped")
                .contains("not a readable jar");
    }
}
