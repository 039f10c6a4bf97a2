package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.cli.Main;
import io.vst.rundir.RunOutcome;
import io.vst.testsupport.SearchTarget;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A generated HDF5 dataset through the engine: originals, then expansions past its size. */
class DatasetFileIntegrationTest {

    @TempDir
    static Path work;

    static Path dataset;

    private static int vst(ByteArrayOutputStream out, String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void generate() {
        System.setProperty("vst.config.dir", work.resolve("config").toString());
        System.setProperty("vst.data.dir", work.resolve("data").toString());
        dataset = work.resolve("small-8.hdf5");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = vst(out, "dataset", "generate", "--name", "small-8", "--dims", "8", "--count", "500", "--queries",
                "20", "--metric", "l2", "--clusters", "4", "--seed", "7", "--out", dataset.toString());
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(dataset).exists();
    }

    @Test
    void threeTimesTheDatasetIngestsOriginalsPlusExpansionsWithTheRightKeys() {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient client = ValkeyClient.connect(server.endpoint(), 1)) {
            RunResult r = EngineHarness.run("name: x3\ndataset: " + dataset + "\nsteps:\n"
                    + "  - name: load\n    type: workload\n    workload: ingest\n"
                    + "    parameters: {target_vectors: 1500, validate_ingestion: true}\n",
                    server.endpoint(), server.pid(), work.resolve("runs"));
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            Set<String> expected = new HashSet<>();
            for (int row = 0; row < 500; row++) {
                expected.add("vec:" + row);
                expected.add("vec:expand_1_" + row);
                expected.add("vec:expand_2_" + row);
            }
            assertThat(new HashSet<>(client.scanKeys("vec:"))).isEqualTo(expected);
            byte[] original = client.readVector("vec:3");
            byte[] shifted = client.readVector("vec:expand_2_3");
            assertThat(original).hasSize(32);
            assertThat(shifted).hasSize(32).isNotEqualTo(original);
        }
    }

    @ParameterizedTest
    @EnumSource(SearchTarget.Kind.class)
    void vectorExpansionBuiltinRunsOnAGeneratedDataset(SearchTarget.Kind kind) throws Exception {
        try (SearchTarget target = kind.start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Path runs = work.resolve("expansion-runs-" + kind);
            int code = vst(out, "run", "--scenario", "vector_expansion_memory_impact", "--server",
                    "valkey://127.0.0.1:" + target.port(), "--dataset", dataset.toString(), "--vector-scale", "0.005",
                    "--time-scale", "0.01", "--output", runs.toString());
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(code).as(text).isZero();
            assertThat(text).contains("removed 4,500 by expansion_priority (live 5,000 → 500)");
            Path run;
            try (Stream<Path> dirs = Files.list(runs)) {
                run = dirs.findFirst().orElseThrow();
            }
            assertThat(Files.readString(run.resolve("checkpoints.jsonl"))).contains("\"cp_10x\"");
        }
    }

    @Test
    void aCorruptDatasetFailsBeforeTheFirstStep() throws Exception {
        Path bad = work.resolve("bad.fvecs");
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(3 * (4 + 4 * 4)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int row = 0; row < 3; row++) {
            buf.putInt(4);
            for (int i = 0; i < 4; i++) {
                buf.putFloat(row == 2 && i == 1 ? Float.NaN : row + i);
            }
        }
        Files.write(bad, buf.array());
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient client = ValkeyClient.connect(server.endpoint(), 1)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Path scenario = Files.writeString(work.resolve("bad.yaml"), "name: bad_data\ndataset: " + bad
                    + "\nsteps:\n  - name: load\n    type: workload\n    workload: ingest\n"
                    + "    parameters: {target_vectors: 3}\n");
            int code = vst(out, "run", "--scenario", scenario.toString(), "--server",
                    "valkey://127.0.0.1:" + server.port(), "--output", work.resolve("bad-runs").toString());
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(code).as(text).isEqualTo(2);
            assertThat(text).contains("bad.fvecs").containsIgnoringCase("nan").doesNotContain("▶ load");
            assertThat(client.dbSize()).isZero();
        }
    }
}
