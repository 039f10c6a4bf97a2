package io.vst.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of broken file gives INVALID_INPUT naming the file and where it breaks. */
class MalformedFilesTest {

    @TempDir
    Path dir;

    private static byte[] fvecs(int[] dims, float fill) {
        int size = 0;
        for (int d : dims) {
            size += 4 + 4 * d;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (int d : dims) {
            b.putInt(d);
            for (int i = 0; i < d; i++) {
                b.putFloat(fill + i);
            }
        }
        return b.array();
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static AbstractThrowableAssert<?, ?> assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable c,
                                                                Path file) {
        return assertThatThrownBy(c).isInstanceOf(VstException.class)
                .satisfies(e -> assertThat(((VstException) e).kind()).isEqualTo(VstException.Kind.INVALID_INPUT))
                .hasMessageContaining(file.toString());
    }

    @Test
    void truncatedFvecsNamesTheIncompleteRecordOffset() throws Exception {
        byte[] whole = fvecs(new int[] {4, 4, 4}, 1f);
        Path f = write("t.fvecs", java.util.Arrays.copyOf(whole, whole.length - 3));
        assertInvalid(() -> Datasets.openFile(f, null), f).hasMessageContaining("byte offset 40")
                .hasMessageContaining("record 2 is incomplete");
    }

    @Test
    void mixedRecordSizesAreFoundAtOpenOrByValidate() throws Exception {
        // last record differs: caught at open
        Path last = write("last.fvecs", fvecs(new int[] {4, 4, 2, 6}, 1f));
        assertInvalid(() -> Datasets.openFile(last, null), last).hasMessageContaining("mixed record sizes");
        // a middle pair (3+5 = 4+4 bytes) keeps the size a multiple: only validate() sees it
        Path middle = write("mid.fvecs", fvecs(new int[] {4, 3, 5, 4}, 1f));
        try (VectorSource src = Datasets.openFile(middle, null)) {
            assertInvalid(() -> DatasetValidator.validate(src), middle)
                    .hasMessageContaining("record 1 declares d=3").hasMessageContaining("byte offset 20");
        }
    }

    @Test
    void nanAndInfAreReportedWithRowAndOffset() throws Exception {
        byte[] bytes = fvecs(new int[] {4, 4, 4}, 1f);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(20 + 4 + 8, Float.NaN);
        Path f = write("nan.fvecs", bytes);
        try (VectorSource src = Datasets.openFile(f, null)) {
            assertThatThrownBy(() -> DatasetValidator.validate(src)).isInstanceOf(VstException.class)
                    .hasMessageContaining("row 1 (byte offset 24) element 2 is NaN");
        }
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(24 + 8, 3f).putFloat(44, Float.NEGATIVE_INFINITY);
        Path g = write("inf.fvecs", bytes);
        try (VectorSource src = Datasets.openFile(g, null)) {
            assertThatThrownBy(() -> DatasetValidator.validate(src)).hasMessageContaining("row 2")
                    .hasMessageContaining("-Infinity");
        }
    }

    @Test
    void implausibleDimensionIsRejected() throws Exception {
        Path f = write("dim.fvecs", ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-5).putInt(0).array());
        assertInvalid(() -> Datasets.openFile(f, null), f).hasMessageContaining("declares dimension -5");
    }

    @Test
    void emptyFilesOfEveryFormat() throws Exception {
        for (String name : new String[] {"e.fvecs", "e.npy", "e.hdf5", "e.bvecs"}) {
            Path f = write(name, new byte[0]);
            assertInvalid(() -> Datasets.openFile(f, null), f).hasMessageContaining("empty");
        }
    }

    @Test
    void npyWrongDtypeFortranOrderShapeAndTruncation() throws Exception {
        Python.run(dir, String.join("\n", "import numpy as np",
                "np.save('i4.npy', np.zeros((3, 4), dtype=np.int32))",
                "np.save('fo.npy', np.asfortranarray(np.ones((3, 4), dtype=np.float32)))",
                "np.save('one.npy', np.ones(5, dtype=np.float32))",
                "np.save('empty.npy', np.ones((0, 4), dtype=np.float32))",
                "np.save('ok.npy', np.ones((30, 4), dtype=np.float32))"));
        assertInvalid(() -> Datasets.openFile(dir.resolve("i4.npy"), null), dir.resolve("i4.npy"))
                .hasMessageContaining("unsupported dtype '<i4'");
        assertInvalid(() -> Datasets.openFile(dir.resolve("fo.npy"), null), dir.resolve("fo.npy"))
                .hasMessageContaining("Fortran");
        assertInvalid(() -> Datasets.openFile(dir.resolve("one.npy"), null), dir.resolve("one.npy"))
                .hasMessageContaining("expected 2-D");
        assertInvalid(() -> Datasets.openFile(dir.resolve("empty.npy"), null), dir.resolve("empty.npy"))
                .hasMessageContaining("empty");
        byte[] ok = Files.readAllBytes(dir.resolve("ok.npy"));
        Path cut = write("cut.npy", java.util.Arrays.copyOf(ok, ok.length - 10));
        assertInvalid(() -> Datasets.openFile(cut, null), cut).hasMessageContaining("truncated")
                .hasMessageContaining("row 29 is incomplete");
        Path notNpy = write("junk.npy", "hello world, not numpy".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertInvalid(() -> Datasets.openFile(notNpy, null), notNpy).hasMessageContaining("magic");
    }

    @Test
    void hdf5WrongLayoutDtypeDimensionAttrAndGarbage() throws Exception {
        Python.run(dir, String.join("\n", "import h5py, numpy as np",
                "with h5py.File('nodata.hdf5', 'w') as f: f.create_dataset('vectors', data=np.ones((3, 4), np.float32))",
                "with h5py.File('int.hdf5', 'w') as f: f.create_dataset('train', data=np.ones((3, 4), np.int32))",
                "with h5py.File('dim.hdf5', 'w') as f:",
                "    f.attrs['dimension'] = 8; f.create_dataset('train', data=np.ones((3, 4), np.float32))",
                "with h5py.File('qdim.hdf5', 'w') as f:",
                "    f.create_dataset('train', data=np.ones((3, 4), np.float32))",
                "    f.create_dataset('test', data=np.ones((2, 5), np.float32))",
                "with h5py.File('nan.hdf5', 'w') as f:",
                "    x = np.ones((50, 4), np.float32); x[17, 2] = np.inf; f.create_dataset('train', data=x)",
                "with h5py.File('badnb.hdf5', 'w') as f:",
                "    f.create_dataset('train', data=np.ones((3, 4), np.float32))",
                "    f.create_dataset('test', data=np.ones((2, 4), np.float32))",
                "    f.create_dataset('neighbors', data=np.array([[0, 1], [2, 9]], np.int32))"));
        assertInvalid(() -> Datasets.openFile(dir.resolve("nodata.hdf5"), null), dir.resolve("nodata.hdf5"))
                .hasMessageContaining("no 'train' dataset").hasMessageContaining("vectors");
        assertInvalid(() -> Datasets.openFile(dir.resolve("int.hdf5"), null), dir.resolve("int.hdf5"))
                .hasMessageContaining("expected float32");
        assertInvalid(() -> Datasets.openFile(dir.resolve("dim.hdf5"), null), dir.resolve("dim.hdf5"))
                .hasMessageContaining("dimension=8");
        assertInvalid(() -> Datasets.openFile(dir.resolve("qdim.hdf5"), null), dir.resolve("qdim.hdf5"))
                .hasMessageContaining("'test' has 5 columns");
        assertInvalid(() -> Datasets.openFile(dir.resolve("badnb.hdf5"), null), dir.resolve("badnb.hdf5"))
                .hasMessageContaining("refers to train row 9");
        try (VectorSource src = Datasets.openFile(dir.resolve("nan.hdf5"), null)) {
            assertThatThrownBy(() -> DatasetValidator.validate(src)).hasMessageContaining("row 17")
                    .hasMessageContaining("element 2 is Infinity");
        }
        Path junk = write("junk.hdf5", new byte[4096]);
        assertInvalid(() -> Datasets.openFile(junk, null), junk).hasMessageContaining("not a readable HDF5 file");
        byte[] good = Files.readAllBytes(dir.resolve("nan.hdf5"));
        Path cut = write("cut.hdf5", java.util.Arrays.copyOf(good, good.length - 100));
        assertInvalid(() -> Datasets.openFile(cut, null), cut).hasMessageContaining("truncated");
    }
}
