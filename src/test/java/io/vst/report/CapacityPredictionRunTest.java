package io.vst.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vst.testsupport.PlainReadings;
import io.vst.testsupport.RealSearch;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.testsupport.VstCli;
import io.vst.valkey.server.ManagedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code vst capacity} proved on real servers: a run that grows to 20,000 vectors is fitted, used_memory is
 * predicted for 60,000, a run to 60,000 is made on a fresh server, and the server's own INFO used_memory
 * less its mem_clients_normal (read over a plain connection after the run, one reply) is compared with the
 * prediction less the client buffers vst added for the fitted run's connections: it lies in the range vst
 * gives, and on the plain server within 3 % of the line.
 *
 * <p>With the search module the line is held to 5 % (FLAT 6 %): valkey-search 1.0.3's FLAT index memory jumps by about
 * 12 MB at 57,344 vectors (7/8 of 65,536, a hash table doubling), just below the count predicted, and a line
 * fitted below 20,000 cannot know it (seen: plain +0.5 to +1.0 % over 11 runs, HNSW +0.7 to +2.3 % and FLAT
 * -4.5 to -4.7 % over 3). The range vst prints allows for such steps and must hold the server's figure in
 * all three.
 */
class CapacityPredictionRunTest {

    private static final String SCENARIO = """
            name: capacity_%1$d
            dataset: synthetic-64
            %2$s
            global_config: {n_threads: 2, n_clients: 2, batch_size: 200, metrics_collection_interval: 0.25}
            steps:
              - {name: grow_1, type: workload, workload: ingest, parameters: {target_vectors: %3$d}}
              - {name: at_1, type: checkpoint}
              - {name: grow_2, type: workload, workload: ingest, parameters: {target_vectors: %4$d}}
              - {name: at_2, type: checkpoint}
              - {name: grow_3, type: workload, workload: ingest, parameters: {target_vectors: %5$d}}
              - {name: at_3, type: checkpoint}
              - {name: grow_4, type: workload, workload: ingest, parameters: {target_vectors: %1$d}}
              - {name: at_4, type: checkpoint}
            """;
    private static final String SHRINK = """
              - {name: shrink, type: workload, workload: shrink, parameters: {target_vectors: %d}}
              - {name: shrunk, type: checkpoint, parameters: {force_gc: true}}
            """;

    @TempDir
    Path tmp;

    @Test
    void plainServerPredictionFor60000HoldsWithinThreePercent() throws IOException {
        ValkeyTestServer.requireBinary();
        JsonNode predicted;
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            predicted = fitAndPredict(server.port(), "");
        }
        try (ValkeyTestServer server = ValkeyTestServer.start(); PlainReadings plain = PlainReadings.connect(server.port())) {
            check(predicted, grow(server.port(), "", 60_000, false, plain), "plain", 0.03);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"HNSW", "FLAT"})
    void searchModulePredictionFor60000HoldsWithinThreePercent(String algorithm) throws IOException {
        // EF_CONSTRUCTION 50 (not 200) keeps the HNSW builds of 20,000 and 60,000 vectors within seconds.
        String index = "index: {algorithm: " + algorithm + (algorithm.equals("HNSW") ? ", ef_construction: 50" : "") + "}";
        JsonNode predicted;
        try (ManagedServer server = RealSearch.start()) {
            predicted = fitAndPredict(server.port(), index);
        }
        try (ManagedServer server = RealSearch.start(); PlainReadings plain = PlainReadings.connect(server.port())) {
            // FLAT's line misses by the doubling at 57,344 (-4.5 to -4.7 % seen): 6 %, HNSW 5 %.
            check(predicted, grow(server.port(), index, 60_000, false, plain), algorithm,
                    algorithm.equals("FLAT") ? 0.06 : 0.05);
        }
    }

    private JsonNode fitAndPredict(int port, String index) throws IOException {
        Path run = runDir(grow(port, index, 20_000, true, null));
        VstCli.Result r = VstCli.vst("capacity", run.toString(), "--vectors", "60000", "--format", "json");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        System.out.println(VstCli.vst("capacity", run.toString(), "--vectors", "60000").out());
        JsonNode json = new ObjectMapper().readTree(r.out());
        double predicted = json.get("predicted_used_memory_bytes").asDouble();
        assertThat(json.get("prediction_interval_low_bytes").asDouble()).isLessThan(predicted);
        assertThat(json.get("interval_low_bytes").asDouble()).isLessThan(predicted);
        assertThat(json.get("interval_high_bytes").asDouble()).isGreaterThan(predicted);
        assertThat(json.get("max_vectors").asLong()).isEqualTo(20_000);
        // The shrink is not in the fit; it is reported against the growth line.
        assertThat(json.get("after_shrinks").get(0).get("vectors").asLong()).isEqualTo(10_000);
        return json;
    }

    /** Runs a growth to {@code target} in four steps; returns the output folder (or the server's used_memory). */
    private Object grow(int port, String index, int target, boolean shrink, PlainReadings plain) throws IOException {
        String text = String.format(Locale.ROOT, SCENARIO, target, index, target / 4, target / 2, 3 * target / 4)
                + (shrink ? String.format(Locale.ROOT, SHRINK, target / 2) : "");
        Path out = Files.createDirectories(tmp.resolve("runs_" + target));
        Path scenario = Files.writeString(tmp.resolve("capacity_" + target + ".yaml"), text);
        VstCli.Result r = VstCli.vst("run", "--scenario", scenario.toString(), "--server", "valkey://127.0.0.1:" + port,
                "--output", out.toString(), "--no-report");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        if (plain == null) {
            return out;
        }
        assertThat(plain.dbSize()).isEqualTo(target);
        // One reply, one instant: the server's used_memory less its own client buffers (the test's connection).
        Map<String, String> memory = plain.info("memory");
        return Double.parseDouble(memory.get("used_memory")) - Double.parseDouble(memory.get("mem_clients_normal"));
    }

    /**
     * Both sides without client buffers: vst's prediction less the client buffers it added for the fitted
     * run's connections (which are gone when the server is read), the server's used_memory less its own.
     */
    private static void check(JsonNode json, Object measured, String what, double bound) {
        double used = (Double) measured;
        double clients = json.get("client_buffers_bytes").asDouble();
        // 0 is a true reading: the readings at the largest count come after the last ingest, and Valkey 8 keeps
        // no query or reply buffer for an idle connection (seen once in a full run: all of them read 0 B).
        assertThat(clients).as("client buffers of the fitted run's connections").isNotNegative().isFinite();
        double predicted = json.get("predicted_used_memory_bytes").asDouble() - clients;
        double low = json.get("interval_low_bytes").asDouble() - clients;
        double high = json.get("interval_high_bytes").asDouble() - clients;
        double error = (predicted - used) / used;
        System.out.printf(Locale.ROOT, "%s: predicted used_memory for 60,000 vectors %.0f B (range %.0f to %.0f, 95 %% "
                + "prediction interval %.0f to %.0f), server's INFO used_memory less mem_clients_normal after the run %.0f B, "
                + "error %+.2f %% (both without client buffers)%n", what, predicted, low, high,
                json.get("prediction_interval_low_bytes").asDouble() - clients,
                json.get("prediction_interval_high_bytes").asDouble() - clients, used, 100 * error);
        assertThat(used).as("%s: the server's used_memory lies in the range vst gives", what).isBetween(low, high);
        assertThat(Math.abs(error)).as("%s: predicted %.0f, measured %.0f", what, predicted, used).isLessThan(bound);
    }

    private static Path runDir(Object out) throws IOException {
        try (Stream<Path> dirs = Files.list((Path) out)) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }
}
