package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.cli.Main;
import io.vst.rundir.RunOutcome;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shuffle: true} ingests a seeded permutation of the rows: the server's MONITOR stream (not vst's
 * bookkeeping) shows the order the HSETs ran, and SCAN shows each key exactly once.
 */
class ShuffleIntegrationTest {

    @TempDir
    static Path work;

    static Path hdf5;
    static Path npy;

    @BeforeAll
    static void datasets() throws IOException {
        System.setProperty("vst.config.dir", work.resolve("config").toString());
        System.setProperty("vst.data.dir", work.resolve("data").toString());
        hdf5 = work.resolve("rows-20k.hdf5");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"dataset", "generate", "--name", "rows-20k", "--dims", "4", "--count",
            "20000", "--queries", "5", "--metric", "l2", "--clusters", "4", "--seed", "3", "--out", hdf5.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        npy = work.resolve("rows-5k.npy");
        writeNpy(npy, 5000, 4);
    }

    /** A float32 .npy file of {@code rows x dims}, row r holding r, r+1, ... */
    static void writeNpy(Path file, int rows, int dims) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + dims + "), }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + rows * dims * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (int r = 0; r < rows; r++) {
            for (int d = 0; d < dims; d++) {
                b.putFloat(r + d);
            }
        }
        Files.write(file, b.array());
    }

    private static String scenario(String dataset, int target, boolean shuffle) {
        return "name: shuffled\ndataset: " + dataset + "\nglobal_config: {n_threads: 1, n_clients: 1, batch_size: 200}\n"
                + "steps:\n  - name: load\n    type: workload\n    workload: ingest\n"
                + "    parameters: {target_vectors: " + target + ", shuffle: " + shuffle + "}\n";
    }

    /** Runs the scenario on a fresh server; returns the HSET keys in the order the server ran them. */
    private static List<String> ingestOrder(String dataset, int target, boolean shuffle) throws Exception {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient client = ValkeyClient.connect(server.endpoint(), 1);
                MonitorTap tap = new MonitorTap(server.port())) {
            RunResult r = EngineHarness.run(scenario(dataset, target, shuffle), server.endpoint(), server.pid(),
                    work.resolve("runs"));
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            List<String> order = tap.awaitKeys("HSET", target);
            List<String> scanned = client.scanKeys("vec:");
            assertThat(scanned).as("keys on the server").hasSize(target);
            assertThat(new HashSet<>(scanned)).isEqualTo(new HashSet<>(order));
            return order;
        }
    }

    private static Set<String> rows(long n) {
        return LongStream.range(0, n).mapToObj(i -> "vec:" + i).collect(Collectors.toSet());
    }

    private static List<String> identity(long n) {
        return LongStream.range(0, n).mapToObj(i -> "vec:" + i).toList();
    }

    @Test
    void aShuffledSyntheticIngestWritesEachRowOnceInASeededOrder() throws Exception {
        List<String> first = ingestOrder("synthetic-8", 3000, true);
        assertThat(first).hasSize(3000).doesNotHaveDuplicates();
        assertThat(new HashSet<>(first)).isEqualTo(rows(3000));
        assertThat(first).isNotEqualTo(identity(3000));
        assertThat(ingestOrder("synthetic-8", 3000, true)).as("same seed, same order").isEqualTo(first);
        assertThat(ingestOrder("synthetic-8", 3000, false)).as("unshuffled").isEqualTo(identity(3000));
    }

    @Test
    void aShuffledHdf5OfTwentyThousandRowsIngestsAPermutation() throws Exception {
        List<String> order = ingestOrder(hdf5.toString(), 20_000, true);
        assertThat(order).hasSize(20_000).doesNotHaveDuplicates();
        assertThat(new HashSet<>(order)).isEqualTo(rows(20_000));
        assertThat(order).isNotEqualTo(identity(20_000));
        // A shuffle, not a rotation: far fewer than half the neighbours in the order are neighbouring rows.
        assertThat(adjacentRows(order)).isLessThan(2_000);
    }

    @Test
    void aShuffledNpyOfFiveThousandRowsIngestsAPermutation() throws Exception {
        List<String> order = ingestOrder(npy.toString(), 5000, true);
        assertThat(new HashSet<>(order)).isEqualTo(rows(5000));
        assertThat(order).hasSize(5000).isNotEqualTo(identity(5000));
        assertThat(adjacentRows(order)).isLessThan(500);
    }

    private static int adjacentRows(List<String> order) {
        List<Long> ids = new ArrayList<>();
        order.forEach(k -> ids.add(Long.parseLong(k.substring("vec:".length()))));
        int adjacent = 0;
        for (int i = 1; i < ids.size(); i++) {
            if (Math.abs(ids.get(i) - ids.get(i - 1)) == 1) {
                adjacent++;
            }
        }
        return adjacent;
    }
}
