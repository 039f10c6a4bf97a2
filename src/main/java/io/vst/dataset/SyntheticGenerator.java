package io.vst.dataset;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.vst.VstException;
import io.vst.units.Units;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * <p>The file is built in heap (jhdf 0.13.0 writes a dataset only from a whole array), so the base vectors
 * must fit in half the heap ({@link #requireHeap}); larger sets are better served by the
 * {@code synthetic-<dims>} families, which need no file at all.
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
        float[][] train = new float[spec.count()][];
        IntStream.range(0, spec.count()).parallel().forEach(r -> {
            float[] v = new float[spec.dims()];
            src.read(r, v);
            train[r] = v;
        });
        float[][] test = new float[spec.queries()][spec.dims()];
        for (int q = 0; q < test.length; q++) {
            src.queries().orElseThrow().read(q, test[q]);
        }
        Neighbors nn = test.length == 0 ? null : ExactKnn.search(src, null, test, spec.k(), threads);
        write(file, spec, train, test, nn);
        catalog.record(new CatalogEntry(spec.name(), String.format(Locale.ROOT,
                "Synthetic, %d clusters, seed %d (vst dataset generate)", spec.clusters(), spec.seed()), "hdf5",
                file.toAbsolutePath().toString(), null, null, spec.dims(), spec.metric(), (long) spec.count(),
                spec.queries(), nn == null ? null : nn.k(), null, Checksums.sha256(file), null, spec.seed(),
                spec.clusters()));
        return file;
    }

    private static void write(Path file, Spec spec, float[][] train, float[][] test, Neighbors nn) {
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
                hdf.putDataset("train", train);
                if (test.length > 0) {
                    hdf.putDataset("test", test);
                    hdf.putDataset("neighbors", nn.toGroundTruth().neighbors());
                    hdf.putDataset("distances", annBenchmarksDistances(nn, spec.metric()));
                }
            }
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
     * Fails unless {@code heap} holds twice the base vectors: the vectors themselves and the HDF5 writer's encoded
     * copy of them. 100,000 x 1536-d (614 MB) was written with -Xmx1190m. The hint's -Xmx has 5 % to spare,
     * since a JVM's usable heap is a little below its -Xmx.
     */
    static void requireHeap(Spec spec, long heap) {
        long bytes = (long) spec.count() * spec.dims() * 4L;
        long need = 2 * bytes;
        if (need > heap) {
            throw VstException.invalidInput(String.format(Locale.ROOT,
                    "%,d x %d vectors (%s) need about %s of heap to write as HDF5, which is built in memory; this JVM"
                            + " has %s", spec.count(), spec.dims(), Units.bytes(bytes), Units.bytes(need),
                    Units.bytes(heap)), String.format(Locale.ROOT, "give vst that heap (VST_JAVA_OPTS=-Xmx%dg),"
                            + " generate fewer vectors, or use the file-less synthetic-%d family, which needs no file",
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
