import io.vst.dataset.Datasets;
import io.vst.dataset.ExactKnn;
import io.vst.dataset.Metric;
import io.vst.dataset.NativeSgemm;
import io.vst.dataset.DatasetCatalog;
import io.vst.dataset.DatasetHome;
import io.vst.dataset.Neighbors;
import io.vst.dataset.SyntheticGenerator;
import io.vst.dataset.SyntheticSource;
import io.vst.dataset.VectorSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.LongStream;

/**
 * Dataset benchmarks: reader throughput, exact k-NN GFLOP/s, generation rate. Invoked by run.sh,
 * which prints the NumPy and `cat` references beside these figures.
 *
 * <p>Usage: {@code DatasetBench read FILE...}, {@code DatasetBench knn FILE QUERIES K THREADS},
 * {@code DatasetBench generate DIMS COUNT THREADS DIR}.
 */
public final class DatasetBench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "read" -> {
                for (int i = 1; i < args.length; i++) {
                    read(Path.of(args[i]));
                }
            }
            case "knn" -> knn(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "generate" -> generate(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void read(Path file) {
        try (VectorSource src = Datasets.openFile(file, Metric.L2)) {
            float[] v = new float[src.dimensions()];
            double best = 0;
            double sink = 0;
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                for (long r = 0; r < src.size(); r++) {
                    src.read(r, v);
                    sink += v[r % v.length == 0 ? 0 : 1 % v.length];
                }
                double s = (System.nanoTime() - t0) / 1e9;
                best = Math.max(best, src.size() * src.dimensions() * 4.0 / s / 1e6);
            }
            System.out.printf(Locale.ROOT, "read %-12s %10.0f MB/s  (%d x %d, checksum %.3g)%n",
                    file.getFileName().toString().replaceAll("^bench\\.", ""), best, src.size(), src.dimensions(), sink);
        }
    }

    private static void knn(Path file, int queries, int k, int threads) {
        try (VectorSource src = Datasets.openFile(file, Metric.L2)) {
            float[][] qs = new float[queries][];
            VectorSource q = Datasets.openFile(Path.of(file.toString().replace(".npy", ".queries.npy")), Metric.L2);
            for (int i = 0; i < queries; i++) {
                qs[i] = new float[src.dimensions()];
                q.read(i, qs[i]);
            }
            q.close();
            ExactKnn.search(src, LongStream.range(0, Math.min(src.size(), 20_000)).toArray(), qs, k, threads); // warm-up
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Neighbors nn = ExactKnn.search(src, null, qs, k, threads);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            double flops = 2.0 * queries * src.size() * src.dimensions();
            System.out.printf(Locale.ROOT, "knn java  %8.2f GFLOP/s  %.2f s wall, %8.2f GFLOP per CPU-second  (%d queries x %d x %d, k=%d, %d threads, first id %d; %s)%n",
                    flops / s / 1e9, s, flops / cpu / 1e9, queries, src.size(), src.dimensions(), k, threads, nn.ids()[0][0],
                    NativeSgemm.describe());
            try {
                StringBuilder sb = new StringBuilder();
                for (long[] row : nn.ids()) {
                    for (int j = 0; j < row.length; j++) {
                        sb.append(j == 0 ? "" : " ").append(row[j]);
                    }
                    sb.append('\n');
                }
                Files.writeString(Path.of(file + ".java-ids.txt"), sb);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static void generate(int dims, int count, int threads, Path dir) {
        SyntheticSource s = SyntheticSource.unbounded(dims, Metric.L2, 1);
        long t0 = System.nanoTime();
        LongStream.range(0, count).parallel().forEach(r -> {
            float[] v = new float[dims];
            s.read(r, v);
        });
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "generate on the fly  %,12.0f vectors/s  (%d-d, %.1f MB/s)%n", count / secs, dims,
                count * dims * 4.0 / secs / 1e6);
        DatasetCatalog catalog = DatasetCatalog.load(new DatasetHome(dir, dir.resolve("config")));
        t0 = System.nanoTime();
        Path file = SyntheticGenerator.generate(new SyntheticGenerator.Spec("bench-gen", dims, count, 100, Metric.L2, 64, 1, 100),
                catalog, dir.resolve("bench-gen.hdf5"), threads);
        secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "generate HDF5 file   %,12.0f vectors/s  (%d x %d + 100 queries, top-100 ground truth, %.1f s, %.0f MB)%n",
                count / secs, count, dims, secs, file.toFile().length() / 1e6);
    }
}
