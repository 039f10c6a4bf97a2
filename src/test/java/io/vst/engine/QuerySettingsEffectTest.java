package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vst.cli.Main;
import io.vst.testsupport.RealSearch;
import io.vst.valkey.server.ManagedServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query workload's {@code return_fields}, {@code query_vectors} and {@code use_expanded_queries} change
 * what reaches the real valkey-search module: the server's own MONITOR record of each FT.SEARCH shows its
 * RETURN list and the query vector (the PARAMS blob), and of each HSET the vector vst stored.
 */
@Timeout(120)
class QuerySettingsEffectTest {

    @TempDir
    Path out;

    /** The distinct query vectors of these FT.SEARCH lines, in the order first sent. */
    private static Set<ByteBuffer> blobs(List<String> searches, int dims) {
        Set<ByteBuffer> out = new LinkedHashSet<>();
        searches.forEach(l -> out.add(ByteBuffer.wrap(MonitorArgs.after(l, "BLOB", dims * 4))));
        return out;
    }

    @Test
    void returnFieldsAndQueryVectorsShapeEverySearch() throws Exception {
        String yaml = """
                name: query_settings
                dataset: synthetic-16
                index:
                  algorithm: FLAT
                  fields:
                    - {name: category, type: TAG, source: row_mod:3}
                global_config: {n_threads: 1, n_clients: 1, batch_size: 100}  # one connection: the queries arrive in order
                steps:
                  - name: load
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 300}
                  - name: all_vectors
                    type: workload
                    workload: query
                    max_operations: 12
                    parameters: {query_k: 5}
                  - name: three_vectors
                    type: workload
                    workload: query
                    max_operations: 12
                    parameters: {query_k: 5, query_vectors: 3, return_fields: [category]}
                """;
        try (ManagedServer server = RealSearch.start();
                MonitorTap tap = ModuleSettingsEffectTest.run(server, yaml, out)) {
            List<String> searches = ModuleSettingsEffectTest.await(tap, "FT.SEARCH", 24);
            assertThat(searches).hasSize(24);
            List<String> plain = searches.subList(0, 12);
            List<String> shaped = searches.subList(12, 24);
            // without the settings: twelve different vectors, and only the score comes back
            assertThat(blobs(plain, 16)).hasSize(12);
            assertThat(plain).allSatisfy(l -> assertThat(l).contains("\"RETURN\" \"1\" \"score\" \"LIMIT\""));
            // query_vectors: 3 cycles through the first three of those same vectors
            assertThat(new ArrayList<>(blobs(shaped, 16))).hasSize(3)
                    .containsExactlyElementsOf(new ArrayList<>(blobs(plain, 16)).subList(0, 3));
            assertThat(shaped).allSatisfy(l -> assertThat(l)
                    .contains("\"RETURN\" \"2\" \"score\" \"category\" \"LIMIT\""));
        }
    }

    @Test
    void expandedQueriesAreTheBaseQueriesShiftedLikeTheExpandedData() throws Exception {
        Path dataset = out.resolve("small-8.hdf5");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(text, true, StandardCharsets.UTF_8);
        // generate adds the file to the user catalog: a catalog of this test's own, not the user's
        String config = System.setProperty("vst.config.dir", out.resolve("config").toString());
        String data = System.setProperty("vst.data.dir", out.resolve("data").toString());
        int code;
        try {
            code = Main.run(new String[] {"dataset", "generate", "--name", "small-8", "--dims", "8", "--count", "200",
                "--queries", "10", "--metric", "l2", "--clusters", "4", "--seed", "7", "--out", dataset.toString()},
                    print, print);
        } finally {
            restore("vst.config.dir", config);
            restore("vst.data.dir", data);
        }
        assertThat(code).as(text.toString(StandardCharsets.UTF_8)).isZero();
        // 200 originals and their first expansion (expand_1_<row>), then the base queries, then the expanded ones
        String yaml = "name: expanded_queries\ndataset: " + dataset + "\n" + """
                index: {algorithm: FLAT, distance_metric: L2}
                # One connection: MONITOR then sees the queries in the order the pools give them (with two,
                # each holding a query in flight, two neighbours can arrive swapped).
                global_config: {n_threads: 1, n_clients: 1, batch_size: 50}
                steps:
                  - name: load
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 400}
                  - name: base
                    type: workload
                    workload: query
                    parameters: {query_k: 5}
                  - name: expanded
                    type: workload
                    workload: query
                    parameters: {query_k: 5, use_expanded_queries: true}
                """;
        try (ManagedServer server = RealSearch.start();
                MonitorTap tap = ModuleSettingsEffectTest.run(server, yaml, out.resolve("runs"))) {
            List<String> searches = ModuleSettingsEffectTest.await(tap, "FT.SEARCH", 30);
            // once through each pool: 10 base queries, then 10 base + 10 shifted by V_1
            assertThat(searches).hasSize(30);
            List<float[]> base = floats(blobs(searches.subList(0, 10), 8));
            List<float[]> expanded = floats(blobs(searches.subList(10, 30), 8));
            assertThat(base).hasSize(10);
            assertThat(expanded).hasSize(20);
            // V_1 as the server stored it: vec:expand_1_0 minus vec:0, and NormMax over the stored originals
            float[] shift = minus(stored(tap, "vec:expand_1_0"), stored(tap, "vec:0"));
            double normMax = 0;
            for (int row = 0; row < 200; row++) {
                normMax = Math.max(normMax, norm(stored(tap, "vec:" + row)));
            }
            assertThat(norm(shift)).isCloseTo(1.5 * normMax, within(1e-3 * normMax));
            for (int j = 0; j < 20; j++) {
                float[] expected = j < 10 ? base.get(j) : plus(base.get(j - 10), shift);
                float[] got = expanded.get(j);
                for (int d = 0; d < 8; d++) {
                    assertThat((double) got[d]).as("query %d dimension %d", j, d)
                            .isCloseTo(expected[d], within(1e-4 * normMax));
                }
            }
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    private static float[] stored(MonitorTap tap, String key) {
        for (String l : tap.linesOf("HSET")) {
            if (l.contains("\"HSET\" \"" + key + "\" ")) {
                return MonitorArgs.floats(MonitorArgs.after(l, "vector", 32));
            }
        }
        throw new AssertionError("the server ran no HSET of " + key);
    }

    private static List<float[]> floats(Set<ByteBuffer> blobs) {
        return blobs.stream().map(b -> MonitorArgs.floats(b.array())).toList();
    }

    private static float[] minus(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static float[] plus(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] + b[i];
        }
        return d;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
