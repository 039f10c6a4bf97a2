package io.vst.dataset;

import io.vst.VstException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Opens a dataset by what a scenario's {@code dataset:} says: a synthetic family name
 * ({@code synthetic-<dims>[-l2|-cosine|-ip]}), a catalog name, or a file path
 * ({@code .hdf5}/{@code .h5}, {@code .fvecs}, {@code .bvecs}, {@code .npy}).
 *
 * <pre>{@code
 * try (VectorSource src = Datasets.open("synthetic-1536-cosine")) { ... }
 * try (VectorSource src = Datasets.open("/data/sift-128-euclidean.hdf5")) { ... }
 * }</pre>
 */
public final class Datasets {

    private static final Pattern SYNTHETIC = Pattern.compile("synthetic-(\\d{1,5})(?:-(l2|cosine|ip))?");

    private Datasets() {
    }

    /** Opens through the catalog of {@link DatasetHome#fromEnvironment()}. */
    public static VectorSource open(String nameOrPath) {
        return open(nameOrPath, DatasetCatalog.load(DatasetHome.fromEnvironment()));
    }

    public static VectorSource open(String nameOrPath, DatasetCatalog catalog) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw VstException.invalidInput("No dataset given", "name a catalog dataset, a synthetic-<dims> family or a file");
        }
        String key = nameOrPath.trim();
        var entry = catalog.find(key);
        if (entry.isPresent()) {
            return openEntry(entry.get(), catalog);
        }
        Matcher m = SYNTHETIC.matcher(key);
        if (m.matches()) {
            int dims = Integer.parseInt(m.group(1));
            if (dims < 1 || dims > TexmexReader.MAX_DIMS) {
                throw VstException.invalidInput("Synthetic dimension " + dims + " is out of range", "use 1.." + TexmexReader.MAX_DIMS);
            }
            return SyntheticSource.unbounded(dims, m.group(2) == null ? Metric.L2 : Metric.parse(m.group(2)),
                    SyntheticSource.DEFAULT_SEED);
        }
        Path path = Path.of(key);
        if (Files.isRegularFile(path)) {
            return openFile(path, null);
        }
        if (looksLikeFile(key)) {
            throw VstException.invalidInput("Dataset file " + path.toAbsolutePath() + " does not exist",
                    "check the path, or use a catalog name (vst dataset list)");
        }
        throw VstException.invalidInput("Unknown dataset '" + key + "'" + suggestions(key, catalog),
                "`vst dataset list` shows the catalog; synthetic-<dims>[-l2|-cosine|-ip] needs no file");
    }

    /** Opens a file by its extension; {@code metric} null means the file's own (HDF5) or L2. */
    public static VectorSource openFile(Path file, Metric metric) {
        return openFiles(file.getFileName().toString(), file, null, null, metric);
    }

    static VectorSource openEntry(CatalogEntry e, DatasetCatalog catalog) {
        if (e.synthetic()) {
            int dims = e.dims() == null ? 128 : e.dims();
            Metric metric = e.metric() == null ? Metric.L2 : e.metric();
            long seed = e.seed() == null ? SyntheticSource.DEFAULT_SEED : e.seed();
            int clusters = e.clusters() == null ? SyntheticSource.DEFAULT_CLUSTERS : e.clusters();
            long size = e.vectors() == null ? Long.MAX_VALUE : e.vectors();
            int queries = e.queries() == null ? SyntheticSource.DEFAULT_QUERIES : e.queries();
            return new SyntheticSource(e.name(), dims, metric, seed, clusters, size, queries);
        }
        if (e.file() == null) {
            throw VstException.invalidInput("Catalog entry '" + e.name() + "' names no file", "add 'file:' to the entry");
        }
        Path base = catalog.resolve(e.file());
        if (!Files.isRegularFile(base)) {
            String how = e.url() == null
                    ? "this dataset has no download URL; build or convert it and place it there"
                    : e.archive() != null
                    ? "download " + e.url() + " and unpack it into " + catalog.home().dataDir()
                    : "run `vst dataset download " + e.name() + "`, or copy the file there by hand";
            throw VstException.invalidInput("Dataset '" + e.name() + "' is not on this machine: expected " + base, how);
        }
        Path q = e.queryFile() == null ? null : catalog.resolve(e.queryFile());
        Path gt = e.groundTruthFile() == null ? null : catalog.resolve(e.groundTruthFile());
        VectorSource src = openFiles(e.name(), base, q, gt, e.metric());
        if (e.dims() != null && e.dims() != src.dimensions()) {
            src.close();
            throw Malformed.file(base, "has " + src.dimensions() + " dimensions but the catalog says " + e.dims());
        }
        return src;
    }

    private static VectorSource openFiles(String name, Path base, Path queryFile, Path gtFile, Metric metric) {
        if (Hdf5Reader.isHdf5(base)) {
            return Hdf5Reader.open(base, name, metric);
        }
        MappedRows rows;
        if (TexmexReader.isTexmex(base)) {
            rows = TexmexReader.open(base);
        } else if (base.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            rows = NpyReader.open(base);
        } else {
            throw VstException.invalidInput("Unknown dataset file type: " + base,
                    "vst reads .hdf5/.h5 (ann-benchmarks layout), .fvecs, .bvecs and .npy");
        }
        QuerySet queries = null;
        java.util.List<AutoCloseable> resources = new java.util.ArrayList<>(List.of(rows));
        if (queryFile != null && Files.isRegularFile(queryFile)) {
            MappedRows q = TexmexReader.isTexmex(queryFile) ? TexmexReader.open(queryFile) : NpyReader.open(queryFile);
            resources.add(q);
            if (q.dims() != rows.dims()) {
                rows.close();
                q.close();
                throw Malformed.file(queryFile, "queries have " + q.dims() + " dimensions, base vectors " + rows.dims());
            }
            GroundTruth gt = gtFile != null && Files.isRegularFile(gtFile) ? TexmexReader.groundTruth(gtFile) : null;
            queries = new MatrixSource.MatrixQuerySet(q, gt);
        }
        return new MatrixSource(name, rows, metric == null ? Metric.L2 : metric, queries, resources);
    }

    private static boolean looksLikeFile(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return key.contains("/") || key.contains("\\") || k.endsWith(".hdf5") || k.endsWith(".h5")
                || k.endsWith(".fvecs") || k.endsWith(".bvecs") || k.endsWith(".npy");
    }

    private static String suggestions(String key, DatasetCatalog catalog) {
        List<String> close = catalog.entries().stream().map(CatalogEntry::name)
                .filter(n -> distance(n, key) <= Math.max(2, key.length() / 3) || n.contains(key) || key.contains(n))
                .sorted(Comparator.comparingInt(n -> distance(n, key))).limit(3).collect(Collectors.toList());
        return close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?";
    }

    /** Levenshtein edit distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
