package io.vst.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticGeneratorTest {

    @TempDir
    Path dir;

    private DatasetCatalog catalog() {
        return DatasetCatalog.load(new DatasetHome(dir.resolve("data"), dir.resolve("config")));
    }

    @Test
    void writesAnnBenchmarksHdf5ThatH5pyReadsWithMatchingGroundTruth() throws Exception {
        SyntheticGenerator.Spec spec = new SyntheticGenerator.Spec("tiny-cos", 24, 3000, 20, Metric.COSINE, 8, 5, 10);
        Path file = SyntheticGenerator.generate(spec, catalog(), null, 2);
        assertThat(file).isEqualTo(dir.resolve("data/tiny-cos.hdf5"));
        // an independent reader recomputes the brute force with numpy
        String out = Python.run(dir, String.join("\n", "import h5py, numpy as np",
                "f = h5py.File('" + file + "', 'r')",
                "x = f['train'][:]; q = f['test'][:]; nb = f['neighbors'][:]; ds = f['distances'][:]",
                "dist = f.attrs['distance']",
                "print(dist.decode() if isinstance(dist, bytes) else dist, int(f.attrs['dimension']), x.dtype, x.shape, q.shape, nb.shape)",
                "xn = x / np.linalg.norm(x, axis=1, keepdims=True); qn = q / np.linalg.norm(q, axis=1, keepdims=True)",
                "d = 1 - qn @ xn.T",
                "ref = np.argsort(d, axis=1, kind='stable')[:, :10]",
                "print('same', int((ref == nb).sum()), 'of', nb.size)",
                "print('maxerr', float(np.abs(np.take_along_axis(d, nb, 1) - ds).max()))",
                "x.astype('<f4').tofile('train.bin')"));
        assertThat(out).contains("angular 24 float32 (3000, 24) (20, 24) (20, 10)");
        assertThat(out).contains("same 200 of 200");
        double maxErr = Double.parseDouble(out.replaceAll("(?s).*maxerr ([0-9.e-]+).*", "$1"));
        assertThat(maxErr).isLessThan(1e-5);
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("train.bin"))).order(ByteOrder.LITTLE_ENDIAN);
        SyntheticSource again = new SyntheticSource("x", 24, Metric.COSINE, 5, 8, 3000, 20);
        float[] v = new float[24];
        for (int r = 0; r < 3000; r++) {
            again.read(r, v);
            for (int j = 0; j < 24; j++) {
                assertThat(Float.floatToRawIntBits(raw.getFloat((r * 24 + j) * 4))).isEqualTo(Float.floatToRawIntBits(v[j]));
            }
        }
    }

    @Test
    void recordsItselfInTheUserCatalogAndOpensByName() {
        SyntheticGenerator.Spec spec = new SyntheticGenerator.Spec("tiny-l2", 8, 500, 5, Metric.L2, 4, 9, 7);
        Path file = SyntheticGenerator.generate(spec, catalog(), null, 1);
        DatasetCatalog reloaded = catalog();
        CatalogEntry e = reloaded.find("tiny-l2").orElseThrow();
        assertThat(reloaded.isUserEntry("tiny-l2")).isTrue();
        assertThat(e.sha256()).isEqualTo(Checksums.sha256(file)).hasSize(64);
        assertThat(e.vectors()).isEqualTo(500);
        assertThat(e.groundTruthK()).isEqualTo(7);
        try (VectorSource src = Datasets.open("tiny-l2", reloaded)) {
            assertThat(src.metric()).isEqualTo(Metric.L2);
            assertThat(src.size()).isEqualTo(500);
            GroundTruth gt = src.queries().orElseThrow().groundTruth().orElseThrow();
            float[][] qs = new float[5][8];
            for (int q = 0; q < 5; q++) {
                src.queries().orElseThrow().read(q, qs[q]);
            }
            Neighbors nn = ExactKnn.search(src, null, qs, 7, 1);
            assertThat(gt.neighbors()[3]).containsExactly(nn.toGroundTruth().neighbors()[3]);
            // stored Euclidean, read back squared as valkey-search reports L2
            assertThat(gt.distances()[3][0]).isCloseTo(nn.distances()[3][0], org.assertj.core.data.Percentage.withPercentage(1e-3));
        }
    }

    @Test
    void refusesARowCountWhoseReferencesDoNotFitTheHeap() {
        // the layout array holds a reference per row: counted at 8 bytes, so heap/8 rows cannot fit
        int count = (int) Math.min(Integer.MAX_VALUE - 8, Runtime.getRuntime().maxMemory() / 8 + 1);
        SyntheticGenerator.Spec spec = new SyntheticGenerator.Spec("huge", 1, count, 1, Metric.L2, 4, 1, 1);
        assertThatThrownBy(() -> SyntheticGenerator.generate(spec, catalog(), null, 1)).isInstanceOf(VstException.class)
                .hasMessageContaining("heap").satisfies(e -> assertThat(((VstException) e).hint()).contains("synthetic-1"));
        assertThat(dir.resolve("data/huge.hdf5")).doesNotExist();
        assertThat(dir.resolve("data/huge.hdf5.tmp")).doesNotExist();
    }

    /**
     * The refusal counts the layout's reference per row, not the vectors (worked out here: 100,000,000 rows x 8 B =
     * 762.94 MiB, plus 64 MiB = 826.94 MiB; with 5 % to spare 0.85 GiB, so -Xmx1g). It asked for twice the vectors
     * (11.44 GiB at 1,000,000 x 1536-d) while the whole file was built in heap.
     */
    @Test
    void theRefusalNamesAHeapThatPassesIt() {
        SyntheticGenerator.Spec spec = new SyntheticGenerator.Spec("big", 1536, 100_000_000, 1, Metric.L2, 4, 1, 1);
        assertThatThrownBy(() -> SyntheticGenerator.requireHeap(spec, 512L << 20))
                .isInstanceOfSatisfying(VstException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VstException.Kind.INVALID_INPUT);
                    assertThat(e.hint()).startsWith("give vst that heap (VST_JAVA_OPTS=-Xmx1g)");
                })
                .hasMessage("100,000,000 vectors need about 826.94 MiB of heap to write as HDF5 (jhdf holds a reference"
                        + " per row); this JVM has 512.00 MiB");
        // A JVM's usable heap is a little below its -Xmx: 97 % of the one named still passes.
        assertThatCode(() -> SyntheticGenerator.requireHeap(spec, (long) ((1L << 30) * 0.97))).doesNotThrowAnyException();
        // 1,000,000 x 1536-d (5.72 GiB of vectors) fits vst's default heap
        SyntheticGenerator.Spec wide = new SyntheticGenerator.Spec("wide", 1536, 1_000_000, 1, Metric.L2, 4, 1, 1);
        assertThatCode(() -> SyntheticGenerator.requireHeap(wide, 512L << 20)).doesNotThrowAnyException();
    }

    /**
     * The vectors are streamed, as the JVM itself judges: a child vst with -Xmx128m writes 60,000 x 1536-d (369 MB of
     * vectors, nearly three times its heap), and h5py reads back every row bit for bit as the source generates it,
     * with the neighbours NumPy finds by brute force over the file.
     */
    @Test
    void aHeapSmallerThanTheVectorsWritesTheFile() throws Exception {
        int count = 60_000;
        int dims = 1536;
        Path file = dir.resolve("g.hdf5");
        Path log = dir.resolve("child.out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-Dvst.data.dir=" + dir.resolve("data"), "-Dvst.config.dir=" + dir.resolve("config"),
                "-cp", System.getProperty("java.class.path"), io.vst.cli.Main.class.getName(), "dataset", "generate",
                "--name", "g", "--count", String.valueOf(count), "--dims", String.valueOf(dims), "--queries", "10",
                "--k", "10", "--seed", "3", "--out", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.size(file)).isGreaterThan((long) count * dims * 4);
        String out = Python.run(dir, String.join("\n", "import h5py, numpy as np",
                "f = h5py.File('" + file + "', 'r')",
                "x = f['train'][:]; q = f['test'][:]; nb = f['neighbors'][:]",
                "print(x.shape, x.dtype, f['train'].chunks)",
                "d = (q * q).sum(1)[:, None] - 2 * q.astype(np.float64) @ x.T.astype(np.float64) + (x.astype(np.float64) ** 2).sum(1)[None, :]",
                "ref = np.argsort(d, axis=1, kind='stable')[:, :10]",
                "print('same', int((ref == nb).sum()), 'of', nb.size)",
                "x.astype('<f4').tofile('train.bin')"));
        assertThat(out).contains("(60000, 1536) float32 None").contains("same 100 of 100");
        SyntheticSource again = new SyntheticSource("g", dims, Metric.L2, 3, 64, count, 10);
        float[] v = new float[dims];
        float[] got = new float[dims];
        try (var ch = java.nio.channels.FileChannel.open(dir.resolve("train.bin"))) {
            ByteBuffer row = ByteBuffer.allocate(dims * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < count; r++) {
                row.clear();
                while (row.hasRemaining()) {
                    assertThat(ch.read(row, (long) r * dims * 4 + row.position())).isPositive();
                }
                row.flip();
                row.asFloatBuffer().get(got);
                again.read(r, v);
                if (!java.util.Arrays.equals(v, got)) {
                    assertThat(got).as("row " + r).containsExactly(v);
                }
            }
        }
    }
}
