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
        for (int r = 0; r < 3000; r += 37) {
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
    void refusesSetsThatDoNotFitTheHeapWithAHint() {
        int count = (int) Math.min(Integer.MAX_VALUE - 8, Runtime.getRuntime().maxMemory() / 4 / 1536 + 1);
        SyntheticGenerator.Spec spec = new SyntheticGenerator.Spec("huge", 1536, count, 1, Metric.L2, 4, 1, 1);
        assertThatThrownBy(() -> SyntheticGenerator.generate(spec, catalog(), null, 1)).isInstanceOf(VstException.class)
                .hasMessageContaining("heap").satisfies(e -> assertThat(((VstException) e).hint()).contains("synthetic-1536"));
    }

    /**
     * The refusal names the heap the write takes, twice the vectors (worked out here: 1,000,000 x 1536 x 4 B =
     * 5.72 GiB, twice that 11.44 GiB, with 5 % to spare 12.02, so -Xmx13g), and an -Xmx that passes its own check.
     * It named the vectors' size alone, 5.72 GiB, and a user who gave -Xmx6g was refused again.
     */
    @Test
    void theRefusalNamesAHeapThatPassesIt() {
        SyntheticGenerator.Spec spec = new SyntheticGenerator.Spec("big", 1536, 1_000_000, 1, Metric.L2, 4, 1, 1);
        assertThatThrownBy(() -> SyntheticGenerator.requireHeap(spec, 512L << 20))
                .isInstanceOfSatisfying(VstException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VstException.Kind.INVALID_INPUT);
                    assertThat(e.hint()).startsWith("give vst that heap (VST_JAVA_OPTS=-Xmx13g)");
                })
                .hasMessage("1,000,000 x 1536 vectors (5.72 GiB) need about 11.44 GiB of heap to write as HDF5, which is"
                        + " built in memory; this JVM has 512.00 MiB");
        assertThatThrownBy(() -> SyntheticGenerator.requireHeap(spec, 6L << 30)).isInstanceOf(VstException.class);
        // A JVM's usable heap is a little below its -Xmx: 97 % of the one named still passes.
        assertThatCode(() -> SyntheticGenerator.requireHeap(spec, (long) ((13L << 30) * 0.97))).doesNotThrowAnyException();
    }

    /**
     * The heap the refusal asks for is enough, as the JVM itself judges: a child vst given just that (twice the
     * vectors, 5 % more) writes 40,000 x 1536-d without running out of memory, and the file holds every vector.
     */
    @Test
    void aHeapOfTwiceTheVectorsWritesTheFile() throws Exception {
        long bytes = 40_000L * 1536 * 4;
        long heapMib = (long) Math.ceil(2 * bytes * 1.05 / (1 << 20));
        Path file = dir.resolve("g.hdf5");
        Path log = dir.resolve("child.out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMib + "m", "-Dvst.data.dir=" + dir.resolve("data"), "-Dvst.config.dir=" + dir.resolve("config"),
                "-cp", System.getProperty("java.class.path"), io.vst.cli.Main.class.getName(), "dataset", "generate",
                "--name", "g", "--count", "40000", "--dims", "1536", "--queries", "10", "--k", "10", "--out", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        String out = Python.run(dir, String.join("\n", "import h5py",
                "f = h5py.File('" + file + "', 'r')",
                "print(f['train'].shape[0], f['train'].shape[1])"));
        assertThat(out.trim()).isEqualTo("40000 1536");
    }
}
