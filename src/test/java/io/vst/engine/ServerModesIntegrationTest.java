package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunOutcome;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.ValkeyEndpoint;
import io.vst.valkey.server.ManagedCluster;
import io.vst.valkey.server.ManagedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine against an ACL-restricted user, a 3-primary cluster, and memory figures read independently. */
class ServerModesIntegrationTest {

    @TempDir
    Path out;

    private static final String GROW_SHRINK = """
            name: modes
            dataset: synthetic-32
            global_config: {n_threads: 2, n_clients: 4, batch_size: 100}
            steps:
              - name: grow
                type: workload
                workload: ingest
                parameters: {target_vectors: 3000}
              - name: cp
                type: checkpoint
                parameters: {collect_full_metrics: true}
              - name: shrink
                type: workload
                workload: shrink
                parameters: {target_vectors: 1000, verify_removal: true}
              - name: clean
                type: cleanup
                parameters: {cleanup_type: full}
            """;

    @Test
    void aclUserRestrictedToThePrefixCanRunEverythingAndItsPasswordIsWrittenNowhere() throws IOException {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient admin = ValkeyClient.connect(server.endpoint(), 1)) {
            String secret = "s3cret-of-loader-4711";
            admin.command("ACL", "SETUSER", "loader", "on", ">" + secret, "~vec:*", "+@all");
            admin.command("SET", "foreign", "stays");
            ValkeyEndpoint asLoader = server.endpoint().withUser("loader")
                    .withPasswordFromEnv("LOADER_PW", Map.of("LOADER_PW", secret));
            RunResult r = EngineHarness.run(GROW_SHRINK, asLoader, server.pid(), out);
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(admin.dbSize()).isEqualTo(1);
            try (Stream<Path> files = Files.walk(r.directory())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                            .doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void clusterSpreadsKeysAndSumsMemoryOverPrimaries() throws IOException {
        try (ManagedCluster cluster = ValkeyTestServer.startCluster(3)) {
            String noCleanup = GROW_SHRINK.substring(0, GROW_SHRINK.indexOf("  - name: clean"));
            RunResult r = EngineHarness.run(noCleanup, cluster.endpoint(), -1, out);
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(r.checkpoints().get(0).figures().get(TimelineColumns.DBSIZE)).isEqualTo(3000.0);
            double summed = 0;
            long keys = 0;
            for (ManagedServer node : cluster.nodes()) {
                try (ValkeyClient c = ValkeyClient.connect(
                        node.endpoint().withCluster(io.vst.valkey.ClusterMode.STANDALONE), 1)) {
                    long n = c.dbSize();
                    assertThat(n).as("keys on " + node.port()).isBetween(200L, 600L);
                    keys += n;
                    summed += Double.parseDouble(c.info("memory").aggregate().get("used_memory"));
                }
            }
            assertThat(keys).isEqualTo(1000);
            List<String> timeline = Files.readAllLines(r.directory().resolve("timeline.csv"));
            List<String> header = List.of(timeline.get(0).split(","));
            String[] last = timeline.get(timeline.size() - 1).split(",", -1);
            double reported = Double.parseDouble(last[header.indexOf(TimelineColumns.USED_MEMORY)]);
            assertThat(reported).isCloseTo(summed, within(summed * 0.03));
        }
    }

    @Test
    void memoryPerVectorOf1536dVectorsMatchesUsedMemoryReadWithValkeyCli() throws Exception {
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            long before = cliUsedMemory(server.port());
            RunResult r = EngineHarness.run("""
                    name: per_vector
                    dataset: synthetic-1536
                    global_config: {n_threads: 2, n_clients: 2, batch_size: 200}
                    steps:
                      - name: load
                        type: workload
                        workload: ingest
                        parameters: {target_vectors: 20000}
                      - name: cp
                        type: checkpoint
                        parameters: {}
                    """, server.endpoint(), server.pid(), out);
            long after = cliUsedMemory(server.port());
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            double independent = (after - before) / 20000.0;
            double reported = r.checkpoints().get(0).perVector().totalBytes();
            assertThat(reported).isGreaterThan(1536 * 4);
            assertThat(reported).isCloseTo(independent, within(independent * 0.01));
        }
    }

    private static long cliUsedMemory(int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("valkey-cli", "-h", "127.0.0.1", "-p", Integer.toString(port), "INFO", "memory")
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        for (String line : List.of(text.split("\r?\n"))) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        throw new AssertionError("no used_memory in valkey-cli output: " + text);
    }
}
