package io.vst.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written at test time by h5py/numpy from seeded random data, with the same values dumped as
 * raw little-endian float32; every reader must return them bit for bit.
 */
class PythonWrittenFilesTest {

    @TempDir
    static Path dir;

    static final int N = 1500;
    static final int D = 37;

    @BeforeAll
    static void write() throws Exception {
        Python.run(dir, String.join("\n",
                "import h5py, numpy as np",
                "rng = np.random.default_rng(7)",
                "x = (rng.standard_normal((" + N + ", " + D + ")) * 3).astype(np.float32)",
                "x[5, 3] = -0.0; x[6, 4] = np.float32(1e-45)",
                "q = rng.standard_normal((11, " + D + ")).astype(np.float32)",
                "x.astype('<f4').tofile('x.bin'); q.astype('<f4').tofile('q.bin')",
                "with h5py.File('contig.hdf5', 'w') as f:",
                "    f.attrs['distance'] = 'angular'; f.attrs['dimension'] = " + D,
                "    f.create_dataset('train', data=x); f.create_dataset('test', data=q)",
                "    f.create_dataset('neighbors', data=np.zeros((11, 10), dtype=np.int64))",
                "    f.create_dataset('distances', data=np.zeros((11, 10), dtype=np.float64))",
                "with h5py.File('chunked.hdf5', 'w') as f:",
                "    f.attrs['distance'] = 'euclidean'",
                "    f.create_dataset('train', data=x, chunks=(100, " + D + "), compression='gzip')",
                "with h5py.File('f64.hdf5', 'w') as f:",
                "    f.create_dataset('train', data=x.astype(np.float64))",
                "with open('x.fvecs', 'wb') as o:",
                "    for r in x:",
                "        np.array([" + D + "], '<i4').tofile(o); r.astype('<f4').tofile(o)",
                "b = rng.integers(0, 256, (" + N + ", " + D + "), dtype=np.uint8); b.tofile('b.bin')",
                "with open('x.bvecs', 'wb') as o:",
                "    for r in b:",
                "        np.array([" + D + "], '<i4').tofile(o); r.tofile(o)",
                "np.save('x.npy', x); np.save('x64.npy', x.astype(np.float64)); np.save('xbe.npy', x.astype('>f4'))"));
    }

    private static float[] raw(String name) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name))).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    private static void assertBitExact(VectorSource src, float[] expected, int dims) {
        assertThat(src.size() * dims).isEqualTo(expected.length);
        float[] v = new float[dims];
        for (int r = 0; r < src.size(); r++) {
            src.read(r, v);
            for (int j = 0; j < dims; j++) {
                if (Float.floatToRawIntBits(v[j]) != Float.floatToRawIntBits(expected[r * dims + j])) {
                    assertThat(v[j]).as("%s row %d col %d", src.name(), r, j).isEqualTo(expected[r * dims + j]);
                }
            }
        }
    }

    @Test
    void contiguousHdf5IsBitExactWithQueriesAndAngularMetric() throws Exception {
        try (VectorSource src = Datasets.openFile(dir.resolve("contig.hdf5"), null)) {
            assertThat(src.metric()).isEqualTo(Metric.COSINE);
            assertBitExact(src, raw("x.bin"), D);
            QuerySet q = src.queries().orElseThrow();
            float[] expected = raw("q.bin");
            float[] v = new float[D];
            q.read(10, v);
            assertThat(Float.floatToRawIntBits(v[D - 1])).isEqualTo(Float.floatToRawIntBits(expected[11 * D - 1]));
            assertThat(q.groundTruth().orElseThrow().k()).isEqualTo(10);
        }
    }

    @Test
    void chunkedCompressedHdf5IsBitExact() throws Exception {
        try (VectorSource src = Datasets.openFile(dir.resolve("chunked.hdf5"), null)) {
            assertThat(src.metric()).isEqualTo(Metric.L2);
            assertThat(src.queries()).isEmpty();
            assertBitExact(src, raw("x.bin"), D);
            // random order from several threads: the shared block cache must not mix rows up
            float[] x = raw("x.bin");
            java.util.stream.IntStream.range(0, 4).parallel().forEach(t -> {
                java.util.SplittableRandom rnd = new java.util.SplittableRandom(t);
                float[] v = new float[D];
                for (int i = 0; i < 300; i++) {
                    int r = rnd.nextInt(N);
                    src.read(r, v);
                    assertThat(v).containsExactly(java.util.Arrays.copyOfRange(x, r * D, r * D + D));
                }
            });
        }
    }

    @Test
    void float64Hdf5AndNpyAreNarrowedToFloat32() throws Exception {
        float[] x = raw("x.bin");
        try (VectorSource a = Datasets.openFile(dir.resolve("f64.hdf5"), null);
             VectorSource b = Datasets.openFile(dir.resolve("x64.npy"), null)) {
            assertBitExact(a, x, D);
            assertBitExact(b, x, D);
        }
    }

    @Test
    void fvecsNpyAndBigEndianNpyAreBitExact() throws Exception {
        float[] x = raw("x.bin");
        for (String f : new String[] {"x.fvecs", "x.npy", "xbe.npy"}) {
            try (VectorSource src = Datasets.openFile(dir.resolve(f), null)) {
                assertBitExact(src, x, D);
            }
        }
    }

    @Test
    void positionalReadsOfLargeFilesMatchTheMappedRows() throws Exception {
        float[] x = raw("x.bin");
        try (MappedRows byRead = new MappedRows(dir.resolve("x.fvecs"), 0, N, D, 4 + 4L * D, 4, MappedRows.Element.F32,
                java.nio.ByteOrder.LITTLE_ENDIAN, 0)) {
            java.util.stream.IntStream.range(0, 3).parallel().forEach(t -> {
                float[] v = new float[D];
                for (int r = t; r < N; r += 3) {
                    byRead.read(r, v);
                    assertThat(v).containsExactly(java.util.Arrays.copyOfRange(x, r * D, r * D + D));
                    assertThat(byRead.headerInt(r)).isEqualTo(D);
                }
            });
            TexmexReader.checkHeaders(dir.resolve("x.fvecs"), byRead, N);
        }
    }

    @Test
    void littleEndianBlobsEqualTheEncodedFloatsForEveryReader() throws Exception {
        for (String f : new String[] {"x.fvecs", "x.npy", "xbe.npy", "contig.hdf5", "chunked.hdf5", "x64.npy"}) {
            try (VectorSource src = Datasets.openFile(dir.resolve(f), null)) {
                float[] v = new float[D];
                byte[] expected = new byte[D * 4];
                byte[] blob = new byte[D * 4];
                for (long r : new long[] {0, 5, 6, N - 1}) {
                    src.read(r, v);
                    FloatCodec.toLittleEndian(v, expected);
                    src.readLittleEndian(r, blob);
                    assertThat(blob).as("%s row %d", f, r).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void bvecsAreWidenedFromUint8() throws Exception {
        byte[] b = Files.readAllBytes(dir.resolve("b.bin"));
        float[] expected = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            expected[i] = b[i] & 0xff;
        }
        try (VectorSource src = Datasets.openFile(dir.resolve("x.bvecs"), null)) {
            assertBitExact(src, expected, D);
        }
    }

    @Test
    void validatorPassesCleanFiles() throws Exception {
        try (VectorSource src = Datasets.openFile(dir.resolve("x.fvecs"), null)) {
            DatasetValidator.Report r = DatasetValidator.validate(src);
            assertThat(r.rowsChecked()).isEqualTo(N);
            assertThat(r.sampled()).isFalse();
        }
    }
}
