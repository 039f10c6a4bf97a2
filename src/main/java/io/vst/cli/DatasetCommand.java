package io.vst.cli;

import io.vst.VstException;
import io.vst.dataset.CatalogEntry;
import io.vst.dataset.Checksums;
import io.vst.dataset.DatasetCatalog;
import io.vst.dataset.DatasetDownloader;
import io.vst.dataset.DatasetHome;
import io.vst.dataset.DatasetValidator;
import io.vst.dataset.Datasets;
import io.vst.dataset.Metric;
import io.vst.dataset.SyntheticGenerator;
import io.vst.dataset.VectorSource;
import io.vst.units.Units;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vst dataset ...}: the catalog, file checks, generation, import and download. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "List, inspect, generate, import, download and verify vector datasets.",
        footer = {"", "Examples:",
            "  vst dataset list",
            "  vst dataset info sift-128-euclidean",
            "  vst dataset generate --name my-set --dims 128 --count 100000 --queries 1000 --metric l2 --clusters 64 --seed 1",
            "  vst dataset import ./vectors.npy --name my-vectors --metric cosine",
            "  vst dataset download glove-100-angular",
            "  vst dataset verify my-set"},
        subcommands = {DatasetCommand.ListCmd.class, DatasetCommand.InfoCmd.class, DatasetCommand.GenerateCmd.class,
            DatasetCommand.ImportCmd.class, DatasetCommand.DownloadCmd.class, DatasetCommand.VerifyCmd.class})
public final class DatasetCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static DatasetCatalog catalog() {
        return DatasetCatalog.load(DatasetHome.fromEnvironment());
    }

    static String count(Number n) {
        return n == null ? "-" : Units.count(n.longValue());
    }

    /** Lists the catalog with each dataset's status on this machine. */
    @Command(name = "list", description = "List catalog datasets and whether their files are on this machine.")
    static final class ListCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            DatasetCatalog c = catalog();
            PrintWriter out = spec.commandLine().getOut();
            String fmt = "%-30s %-9s %6s %-7s %12s %8s %4s  %-9s %s%n";
            out.printf(Locale.ROOT, fmt, "NAME", "FORMAT", "DIMS", "METRIC", "VECTORS", "QUERIES", "GT", "STATUS", "ORIGIN");
            for (CatalogEntry e : c.entries()) {
                String status = e.synthetic() ? "computed" : e.file() != null && Files.isRegularFile(c.resolve(e.file()))
                        ? "present" : "missing";
                out.printf(Locale.ROOT, fmt, e.name(), e.format(), e.dims() == null ? "-" : e.dims(),
                        e.metric() == null ? "-" : e.metric().fileName(),
                        e.synthetic() && e.vectors() == null ? "unbounded" : count(e.vectors()), count(e.queries()),
                        e.groundTruthK() == null ? "-" : e.groundTruthK(), status, c.isUserEntry(e.name()) ? "user" : "built-in");
            }
            out.printf(Locale.ROOT, "%nData directory: %s%nUser catalog:   %s%n"
                    + "Any synthetic-<dims>[-l2|-cosine|-ip] name also works, computed on the fly.%n",
                    c.home().dataDir(), c.home().userCatalog());
            return 0;
        }
    }

    /** Prints what a dataset holds. */
    @Command(name = "info", description = "Show dims, counts, metric, norms, ground-truth depth and size on disk.")
    static final class InfoCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME|FILE", description = "Catalog name, synthetic-<dims> or file path.")
        String name;
        @Option(names = "--skip-norms", description = "Do not scan the vectors for their maximum norm.")
        boolean skipNorms;

        @Override
        public Integer call() {
            DatasetCatalog c = catalog();
            PrintWriter out = spec.commandLine().getOut();
            try (VectorSource src = Datasets.open(name, c)) {
                out.printf(Locale.ROOT, "Name:          %s%n", src.name());
                var entry = c.find(name);
                entry.ifPresent(e -> {
                    out.printf(Locale.ROOT, "Format:        %s%n", e.format());
                    if (e.file() != null) {
                        Path f = c.resolve(e.file());
                        out.printf(Locale.ROOT, "File:          %s (%s)%n", f, Units.bytes(f.toFile().length()));
                    }
                    if (e.url() != null) {
                        out.printf(Locale.ROOT, "Source:        %s%n", e.url());
                    }
                });
                if (entry.isEmpty() && Files.isRegularFile(Path.of(name))) {
                    out.printf(Locale.ROOT, "File:          %s (%s)%n", Path.of(name).toAbsolutePath(),
                            Units.bytes(Path.of(name).toFile().length()));
                }
                out.printf(Locale.ROOT, "Dimensions:    %d%n", src.dimensions());
                out.printf(Locale.ROOT, "Vectors:       %s%n", src.size() == Long.MAX_VALUE ? "unbounded (computed)" : count(src.size()));
                out.printf(Locale.ROOT, "Metric:        %s%n", src.metric().fileName());
                out.printf(Locale.ROOT, "Queries:       %s%n", src.queries().map(q -> count(q.size())).orElse("none"));
                out.printf(Locale.ROOT, "Ground truth:  %s%n", src.queries().flatMap(q -> q.groundTruth())
                        .map(g -> "top-" + g.k() + (g.distances() == null ? " (ids only)" : " with distances")).orElse("none"));
                if (!skipNorms) {
                    out.printf(Locale.ROOT, "Norm max:      %.6g%s%n", src.normMax(),
                            src.size() == Long.MAX_VALUE ? " (bound)" : "");
                }
                out.printf(Locale.ROOT, "Vector bytes:  %d per vector (FLOAT32)%n", src.dimensions() * 4);
            }
            return 0;
        }
    }

    /** Writes a synthetic ann-benchmarks HDF5 file with exact ground truth. */
    @Command(name = "generate", description = "Write a clustered synthetic dataset (HDF5, exact top-k ground truth) and add it to the user catalog.")
    static final class GenerateCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--name", required = true, description = "Catalog name of the new dataset.")
        String name;
        @Option(names = "--dims", required = true, description = "Vector dimensions.")
        int dims;
        @Option(names = "--count", required = true, description = "Number of base vectors.")
        int count;
        @Option(names = "--queries", defaultValue = "1000", description = "Number of query vectors (default ${DEFAULT-VALUE}).")
        int queries;
        @Option(names = "--metric", defaultValue = "l2", description = "l2, cosine or ip (default ${DEFAULT-VALUE}).")
        String metric;
        @Option(names = "--clusters", defaultValue = "64", description = "Number of clusters (default ${DEFAULT-VALUE}).")
        int clusters;
        @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--k", defaultValue = "100", description = "Ground-truth depth (default ${DEFAULT-VALUE}).")
        int k;
        @Option(names = "--out", paramLabel = "FILE", description = "Output file (default <data dir>/<name>.hdf5).")
        Path out;
        @Option(names = "--threads", description = "Threads for the ground truth (default: all cores).")
        Integer threads;

        @Override
        public Integer call() {
            long t0 = System.nanoTime();
            var s = new SyntheticGenerator.Spec(name, dims, count, queries, Metric.parse(metric), clusters, seed, k);
            Path file = SyntheticGenerator.generate(s, catalog(), out,
                    threads == null ? Runtime.getRuntime().availableProcessors() : threads);
            double secs = (System.nanoTime() - t0) / 1e9;
            spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %s (%s vectors x %d, %s queries, top-%d ground truth, %s) in %s%n"
                    + "Recorded as '%s' in %s%n", file, count(count), dims, count(queries), Math.min(k, count),
                    Units.bytes(file.toFile().length()), Units.duration(secs), name, DatasetHome.fromEnvironment().userCatalog());
            return 0;
        }
    }

    /** Adds an existing file to the user catalog after checking it. */
    @Command(name = "import", description = "Check a vector file and add it to the user catalog under a name.")
    static final class ImportCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = ".hdf5/.h5, .fvecs, .bvecs or .npy file.")
        Path file;
        @Option(names = "--name", required = true, description = "Catalog name.")
        String name;
        @Option(names = "--metric", description = "l2, cosine or ip (default: the file's own, else l2).")
        String metric;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(file)) {
                throw VstException.invalidInput("File " + file.toAbsolutePath() + " does not exist", "check the path");
            }
            DatasetCatalog c = catalog();
            Path abs = file.toAbsolutePath().normalize();
            try (VectorSource src = Datasets.openFile(abs, metric == null ? null : Metric.parse(metric))) {
                DatasetValidator.Report r = DatasetValidator.validate(src);
                String fn = abs.getFileName().toString().toLowerCase(Locale.ROOT);
                String format = fn.endsWith(".npy") ? "npy" : fn.endsWith(".hdf5") || fn.endsWith(".h5") ? "hdf5" : "texmex";
                c.record(new CatalogEntry(name, "Imported from " + abs, format, abs.toString(), null, null, src.dimensions(),
                        src.metric(), src.size(), src.queries().map(q -> q.size()).orElse(null),
                        src.queries().flatMap(q -> q.groundTruth()).map(g -> g.k()).orElse(null), null, null, null, null, null));
                spec.commandLine().getOut().printf(Locale.ROOT, "Imported '%s': %s vectors x %d, %s, checked %s rows%s%n",
                        name, count(src.size()), src.dimensions(), src.metric().fileName(), count(r.rowsChecked()),
                        r.sampled() ? " (sampled)" : "");
            }
            return 0;
        }
    }

    /** Fetches a catalog dataset with resume and checksum. */
    @Command(name = "download", description = "Download a catalog dataset into the data directory (resumes, verifies).")
    static final class DownloadCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--connect-timeout", defaultValue = "10", description = "Seconds to wait for a connection (default ${DEFAULT-VALUE}).")
        int connectTimeout;

        @Override
        public Integer call() {
            DatasetCatalog c = catalog();
            CatalogEntry e = c.find(name).orElseThrow(() -> VstException.invalidInput("Unknown dataset '" + name + "'",
                    "`vst dataset list` shows the catalog"));
            PrintWriter err = spec.commandLine().getErr();
            var result = new DatasetDownloader(Duration.ofSeconds(connectTimeout), Duration.ofSeconds(60)).download(e, c,
                    (done, total, rate) -> {
                        String pct = total > 0 ? String.format(Locale.ROOT, "%5.1f%% ", 100.0 * done / total) : "";
                        err.printf(Locale.ROOT, "\r  %s%s / %s  %s/s   ", pct, Units.bytes(done), total > 0 ? Units.bytes(total) : "?",
                                Units.bytes((long) rate));
                        err.flush();
                    });
            PrintWriter out = spec.commandLine().getOut();
            if (result.alreadyPresent()) {
                out.printf(Locale.ROOT, "'%s' is already at %s%n", name, result.file());
            } else {
                err.println();
                out.printf(Locale.ROOT, "Downloaded '%s' to %s (%s%s), SHA-256 %s%n", name, result.file(), Units.bytes(result.bytes()),
                        result.resumedFrom() > 0 ? ", resumed at " + Units.bytes(result.resumedFrom()) : "", result.sha256());
            }
            return 0;
        }
    }

    /** Re-checks a dataset's files. */
    @Command(name = "verify", description = "Check a dataset's files: structure, NaN/Inf values, checksum.")
    static final class VerifyCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME|FILE")
        String name;

        @Override
        public Integer call() {
            DatasetCatalog c = catalog();
            PrintWriter out = spec.commandLine().getOut();
            try (VectorSource src = Datasets.open(name, c)) {
                DatasetValidator.Report r = DatasetValidator.validate(src);
                var entry = c.find(name);
                if (entry.isPresent() && entry.get().sha256() != null && entry.get().file() != null) {
                    Path f = c.resolve(entry.get().file());
                    String sha = Checksums.sha256(f);
                    if (!sha.equalsIgnoreCase(entry.get().sha256())) {
                        throw VstException.invalidInput("Dataset '" + name + "': " + f + " has SHA-256 " + sha
                                + " but the catalog says " + entry.get().sha256(), "re-download or regenerate it");
                    }
                    out.printf(Locale.ROOT, "Checksum OK (SHA-256 %s)%n", sha);
                }
                if (src.size() == Long.MAX_VALUE) {
                    out.printf(Locale.ROOT, "'%s' is computed on the fly: nothing to verify%n", src.name());
                } else {
                    out.printf(Locale.ROOT, "OK: '%s' %s vectors x %d; %s rows checked%s, %s queries checked%n", src.name(),
                            count(src.size()), src.dimensions(), count(r.rowsChecked()), r.sampled() ? " (sampled)" : "",
                            count(r.queriesChecked()));
                }
            }
            return 0;
        }
    }
}
