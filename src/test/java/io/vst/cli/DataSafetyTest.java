package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vst on a server that holds other people's keys: a prefix that covers them, a fresh start that would
 * delete many keys, and vector counts the server cannot hold are refused before anything is touched.
 * The reference is the server's own DBSIZE and key values, read after vst exits.
 */
class DataSafetyTest {

    private static final String SEED_FOREIGN = "for i=0,1002 do redis.call('SET','user:'..i,'v'..i) end return 1";

    @TempDir
    Path tmp;

    private ValkeyTestServer server;
    private ValkeyClient client;

    private record Result(int code, String out, String err) {
    }

    @BeforeEach
    void start() {
        server = ValkeyTestServer.start();
        client = ValkeyClient.connect(server.endpoint(), 2);
        client.command("EVAL", SEED_FOREIGN, "0");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private Result vst(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path scenario(String index, String target) throws IOException {
        return Files.writeString(tmp.resolve("s.yaml"), String.format(Locale.ROOT, """
                name: safety
                dataset: synthetic-16
                %s
                steps:
                  - name: load
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: %s}
                """, index, target));
    }

    private Result runOnServer(Path file, String... extra) {
        String[] base = {"run", "--scenario", file.toString(), "--server", "valkey://127.0.0.1:" + server.port(),
            "--output", tmp.resolve("runs").toString(), "--no-report"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return vst(all);
    }

    private void assertForeignKeysIntact() {
        assertThat(client.dbSize()).isEqualTo(1003);
        assertThat(client.command("GET", "user:0")).isEqualTo("v0");
        assertThat(client.command("GET", "user:1002")).isEqualTo("v1002");
    }

    @Test
    void anEmptyPrefixIsAValidationErrorAndNoKeyIsTouched() throws IOException {
        Path file = scenario("index: {prefix: \"\"}", "10");
        Result r = runOnServer(file);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(file + ":3:").contains("index.prefix \"\" is empty")
                .doesNotContain("Exception");
        assertForeignKeysIntact();
    }

    @Test
    void aPrefixWithGlobCharactersIsAValidationError() throws IOException {
        for (String prefix : new String[] {"user*", "us?r:", "[u]ser:", "u\\\\ser:"}) {
            Path file = scenario("index: {prefix: \"" + prefix + "\"}", "10");
            Result r = runOnServer(file);
            assertThat(r.code()).as(prefix + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(prefix).contains(file + ":3:").contains("glob character");
        }
        assertForeignKeysIntact();
    }

    @Test
    void aFreshStartAboveTheThresholdNeedsYesAndThenDeletesOnlyUnderThePrefix() throws IOException {
        client.command("EVAL", "for i=0,10000 do redis.call('HSET','vec:'..i,'vector','x') end return 1", "0");
        Path file = scenario("index: {prefix: \"vec:\"}", "10");
        Result refused = runOnServer(file);
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("would delete 10,001 keys matching 'vec:*'").contains("--yes")
                .doesNotContain("Exception");
        assertThat(client.dbSize()).as("nothing deleted without --yes").isEqualTo(1003 + 10_001);

        Result confirmed = runOnServer(file, "--yes");
        assertThat(confirmed.code()).as(confirmed.out() + confirmed.err()).isZero();
        assertThat(confirmed.out()).contains("deleting 10,001 keys matching 'vec:*' on 127.0.0.1:" + server.port())
                .contains("deleted 10,001 keys under 'vec:'");
        assertThat(client.dbSize()).as("the foreign keys and the run's 10 vectors").isEqualTo(1003 + 10);
        assertThat(client.command("GET", "user:517")).isEqualTo("v517");
    }

    @Test
    void aVectorCountNoRunCanAddressIsRefused() throws IOException {
        Result yaml = runOnServer(scenario("", "1e30"));
        assertThat(yaml.code()).as(yaml.err()).isEqualTo(2);
        assertThat(yaml.err()).contains(":8:").contains("'target_vectors' 1.0E30 is above the 2,147,483,647 vectors");

        Result scaled = runOnServer(scenario("", "1000"), "--vector-scale", "1e30");
        assertThat(scaled.code()).as(scaled.err()).isEqualTo(2);
        assertThat(scaled.err()).contains("Step 'load' (9,223,372,036,854,775,807)")
                .contains("after --vector-scale 1.0E30").doesNotContain("Exception");
        assertForeignKeysIntact();
    }

    @Test
    void aPlanAboveTheServersMaxmemoryIsRefusedUnlessAllowed() throws IOException {
        client.command("CONFIG", "SET", "maxmemory", "8mb");
        // 16 dimensions: 2 x 64 + 281 + 150 = 559 bytes a vector, x 20,000 = 11,180,000 bytes = 10.66 MiB
        // estimated, above 8 MiB; without the search module the real cost is a third of that, so the allowed run fits.
        Path file = scenario("", "20000");
        Result refused = runOnServer(file);
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("Step 'load' is estimated to need 10.66 MiB of server memory for 20,000"
                + " vectors, above the server's maxmemory of 8.00 MiB").contains("--allow-large");
        assertForeignKeysIntact();

        Result allowed = runOnServer(file, "--allow-large");
        assertThat(allowed.code()).as(allowed.out() + allowed.err()).isZero();
        assertThat(allowed.out()).contains("running anyway (--allow-large)");
        assertThat(client.dbSize()).isEqualTo(1003 + 20_000);
    }
}
