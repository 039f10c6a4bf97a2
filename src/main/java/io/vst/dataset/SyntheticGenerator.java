package io.vst.dataset;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.FloatingPoint;
import io.vst.VstException;
import io.vst.units.Units;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Writes a synthetic dataset as an ann-benchmarks HDF5 file (readable by h5py and ann-benchmarks)
 * with exact top-k ground truth, then records it in the user's catalog.
 *
 * <pre>{@code
 * SyntheticGenerator.Spec spec = new SyntheticGenerator.Spec("tiny", 64, 10_000, 100, Metric.COSINE, 16, 1, 100);
 * Path file = SyntheticGenerator.generate(spec, catalog, null, 2);
 * }</pre>
 *
 * <p>The base vectors are streamed: jhdf 0.13.0 writes a dataset only from a whole array, so it lays the file
 * out from an array whose rows are all one zero row, and the vectors then go into the {@code train}
 * dataset's contiguous storage in place, a block of rows at a time ({@link #fillRows}). The heap holds a
 * reference per row ({@link #requireHeap}), not the vectors: 200,000 x 1536-d (1.2 GB) is written with
 * {@code -Xmx160m}, and the file is byte for byte the one jhdf writes from the whole array.
 */
public final class SyntheticGenerator {

    /** What to generate. */
    public record Spec(String name, int dims, int count, int queries, Metric metric, int clusters, long seed, int k) {
        public Spec {
            if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
                throw VstException.invalidInput("Dataset name '" + name + "' is not usable",
                        "use letters, digits, '.', '_' and '-'");
            }
            if (dims < 1 || dims > TexmexReader.MAX_DIMS || count < 1 || queries < 0 || clusters < 1 || k < 1) {
                throw VstException.invalidInput("Invalid generate parameters: dims " + dims + ", count " + count
                        + ", queries " + queries + ", clusters " + clusters + ", k " + k,
                        "dims 1.." + TexmexReader.MAX_DIMS + ", count/clusters/k at least 1, queries at least 0");
            }
        }
    }

    private SyntheticGenerator() {
    }

    /**
     * Generates {@code spec} into {@code out} (default: {@code <dataDir>/<name>.hdf5}) and records it in
     * the catalog.
     *
     * @return the written file
     */
    public static Path generate(Spec spec, DatasetCatalog catalog, Path out, int threads) {
        requireHeap(spec, Runtime.getRuntime().maxMemory());
        Path file = out != null ? out : catalog.home().dataDir().resolve(spec.name() + ".hdf5");
        SyntheticSource src = new SyntheticSource(spec.name(), spec.dims(), spec.metric(), spec.seed(), spec.clusters(),
                spec.count(), spec.queries());
        float[][] test = new float[spec.queries()][spec.dims()];
        for (int q = 0; q < test.length; q++) {
            src.queries().orElseThrow().read(q, test[q]);
        }
        Neighbors nn = test.length == 0 ? null : ExactKnn.search(src, null, test, spec.k(), threads);
        write(file, spec, src, test, nn);
        catalog.record(new CatalogEntry(spec.name(), String.format(Locale.ROOT,
                "Synthetic, %d clusters, seed %d (vst dataset generate)", spec.clusters(), spec.seed()), "hdf5",
                file.toAbsolutePath().toString(), null, null, spec.dims(), spec.metric(), (long) spec.count(),
                spec.queries(), nn == null ? null : nn.k(), null, Checksums.sha256(file), null, spec.seed(),
                spec.clusters()));
        return file;
    }

    private static void write(Path file, Spec spec, SyntheticSource src, float[][] test, Neighbors nn) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (WritableHdfFile hdf = HdfFile.write(tmp)) {
                hdf.putAttribute("type", "dense");
                hdf.putAttribute("distance", spec.metric().annBenchmarksName());
                hdf.putAttribute("dimension", spec.dims());
                hdf.putAttribute("point_type", "float");
                // every row is one zero row: jhdf lays out the dataset, fillRows then writes the vectors into it
                float[][] layout = new float[spec.count()][];
                Arrays.fill(layout, new float[spec.dims()]);
                hdf.putDataset("train", layout);
                if (test.length > 0) {
                    hdf.putDataset("test", test);
                    hdf.putDataset("neighbors", nn.toGroundTruth().neighbors());
                    hdf.putDataset("distances", annBenchmarksDistances(nn, spec.metric()));
                }
            }
            fillRows(tmp, src, spec.count(), spec.dims());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof VstException ve) {
                throw ve;
            }
            throw VstException.runtime("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes rows {@code [0, count)} of {@code src} into the {@code train} dataset jhdf laid out in {@code file}, a
     * block of about 4 MiB at a time, generated on all cores. The layout is read back through jhdf first, so a
     * dataset that is not contiguous float32 of {@code count x dims} is never written over.
     */
    static void fillRows(Path file, SyntheticSource src, int count, int dims) throws IOException {
        long address;
        ByteOrder order;
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset train = hdf.getDatasetByPath("train");
            if (!(train instanceof ContiguousDataset c) || !(train.getDataType() instanceof FloatingPoint fp)
                    || fp.getBitPrecision() != 32 || !Arrays.equals(train.getDimensions(), new int[] {count, dims})
                    || c.getDataAddress() <= 0) {
                throw new IOException("jhdf did not lay out 'train' as contiguous float32 " + count + " x " + dims);
            }
            address = c.getDataAddress();
            order = fp.getByteOrder();
        }
        long rowBytes = dims * 4L;
        int blockRows = (int) Math.max(1, Math.min(count, (4L << 20) / rowBytes));
        float[] block = new float[blockRows * dims];
        ByteBuffer bytes = ByteBuffer.allocateDirect(blockRows * (int) rowBytes).order(order);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (ch.size() < address + count * rowBytes) {
                throw new IOException("'train' ends past the end of the file jhdf wrote");
            }
            for (int from = 0; from < count; from += blockRows) {
                int rows = Math.min(blockRows, count - from);
                int first = from;
                IntStream.range(0, rows).parallel().forEach(r -> {
                    float[] v = new float[dims];
                    src.read(first + (long) r, v);
                    System.arraycopy(v, 0, block, r * dims, dims);
                });
                bytes.clear();
                bytes.asFloatBuffer().put(block, 0, rows * dims);
                bytes.limit(rows * (int) rowBytes);
                long at = address + from * rowBytes;
                while (bytes.hasRemaining()) {
                    at += ch.write(bytes, at);
                }
            }
        }
    }

    /**
     * Fails unless {@code heap} holds the layout array: a reference per row (4 bytes with compressed references, 8
     * without; 8 is counted). The vectors themselves are streamed and need no heap.
     */
    static void requireHeap(Spec spec, long heap) {
        long need = 8L * spec.count() + (64L << 20);
        if (need > heap) {
            throw VstException.invalidInput(String.format(Locale.ROOT,
                    "%,d vectors need about %s of heap to write as HDF5 (jhdf holds a reference per row); this JVM"
                            + " has %s", spec.count(), Units.bytes(need), Units.bytes(heap)),
                    String.format(Locale.ROOT, "give vst that heap (VST_JAVA_OPTS=-Xmx%dg), generate fewer vectors,"
                            + " or use the file-less synthetic-%d family, which needs no file",
                            (long) Math.ceil(need * 1.05 / (1L << 30)), spec.dims()));
        }
    }

    /** ann-benchmarks stores Euclidean distances for L2 (vst keeps squared ones in memory). */
    private static float[][] annBenchmarksDistances(Neighbors nn, Metric metric) {
        float[][] d = new float[nn.distances().length][];
        for (int q = 0; q < d.length; q++) {
            d[q] = nn.distances()[q].clone();
            if (metric == Metric.L2) {
                for (int j = 0; j < d[q].length; j++) {
                    d[q][j] = (float) Math.sqrt(d[q][j]);
                }
            }
        }
        return d;
    }
}
