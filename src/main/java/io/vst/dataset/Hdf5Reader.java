package io.vst.dataset;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.FloatingPoint;
import io.vst.VstException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * HDF5 files in the ann-benchmarks layout: datasets {@code train} (N×d), {@code test} (Q×d),
 * {@code neighbors} (Q×k int), {@code distances} (Q×k float) and file attributes {@code distance}
 * and {@code dimension}. Contiguous float32 datasets (what ann-benchmarks and h5py write by default)
 * are memory-mapped directly; chunked or compressed ones are read row by row through jhdf.
 */
final class Hdf5Reader {

    private Hdf5Reader() {
    }

    static boolean isHdf5(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".hdf5") || n.endsWith(".h5");
    }

    /** Opens the file; {@code metricOverride} wins over the file's {@code distance} attribute when non-null. */
    static MatrixSource open(Path file, String name, Metric metricOverride) {
        HdfFile hdf;
        try {
            if (java.nio.file.Files.size(file) == 0) {
                throw Malformed.file(file, "the file is empty");
            }
            hdf = new HdfFile(file);
        } catch (HdfException | java.io.IOException e) {
            throw new VstException(VstException.Kind.INVALID_INPUT, "Dataset file " + file
                    + " is not a readable HDF5 file: " + e.getMessage(),
                    "re-download or regenerate the file", e);
        }
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(hdf);
        try {
            Dataset train = dataset(hdf, file, "train", true);
            RowMatrix base = matrix(file, train, "train");
            resources.add(base);
            Metric metric = metricOverride != null ? metricOverride : metricOf(hdf, file);
            Object dimAttr = attribute(hdf, "dimension");
            if (dimAttr instanceof Number n && n.intValue() != base.dims()) {
                throw Malformed.file(file, "attribute dimension=" + n + " but 'train' has " + base.dims() + " columns");
            }
            QuerySet queries = null;
            Dataset test = dataset(hdf, file, "test", false);
            if (test != null) {
                RowMatrix q = matrix(file, test, "test");
                resources.add(q);
                if (q.dims() != base.dims()) {
                    throw Malformed.file(file, "'test' has " + q.dims() + " columns but 'train' has " + base.dims());
                }
                queries = new MatrixSource.MatrixQuerySet(q, groundTruth(hdf, file, (int) q.rows(), base.rows(), metric));
            }
            return new MatrixSource(name, base, metric, queries, resources);
        } catch (HdfException e) {
            closeQuietly(resources);
            throw new VstException(VstException.Kind.INVALID_INPUT, "Dataset file " + file + ": " + e.getMessage(),
                    "re-download or regenerate the file", e);
        } catch (RuntimeException e) {
            closeQuietly(resources);
            throw e;
        }
    }

    private static void closeQuietly(List<AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception suppressed) {
                // already failing with a more useful error; the close failure adds nothing for the user
                continue;
            }
        }
    }

    private static Metric metricOf(HdfFile hdf, Path file) {
        Object d = attribute(hdf, "distance");
        if (d == null) {
            return Metric.L2;
        }
        try {
            return Metric.parse(d.toString());
        } catch (VstException e) {
            throw Malformed.file(file, "attribute distance='" + d + "' is not a metric vst supports (l2, cosine, ip)");
        }
    }

    private static Object attribute(HdfFile hdf, String name) {
        Attribute a = hdf.getAttribute(name);
        if (a == null) {
            return null;
        }
        Object v = a.getData();
        if (v != null && v.getClass().isArray()) {
            return Array.getLength(v) == 0 ? null : Array.get(v, 0);
        }
        return v;
    }

    private static Dataset dataset(HdfFile hdf, Path file, String path, boolean required) {
        Node node = hdf.getChildren().get(path);
        if (node == null) {
            if (required) {
                throw Malformed.file(file, "no '" + path + "' dataset (found: " + hdf.getChildren().keySet()
                        + "); vst reads the ann-benchmarks layout train/test/neighbors/distances");
            }
            return null;
        }
        if (!(node instanceof Dataset ds)) {
            throw Malformed.file(file, "'" + path + "' is a group, expected a dataset");
        }
        return ds;
    }

    private static RowMatrix matrix(Path file, Dataset ds, String what) {
        long[] dims = ds.getDimensionsAsLong();
        if (dims.length != 2) {
            throw Malformed.file(file, "'" + what + "' has " + dims.length + " dimensions; expected 2 (vectors x dims)");
        }
        if (dims[0] == 0 || dims[1] == 0) {
            throw Malformed.file(file, "'" + what + "' is empty (" + dims[0] + " x " + dims[1] + ")");
        }
        if (dims[1] > TexmexReader.MAX_DIMS) {
            throw Malformed.file(file, "'" + what + "' has " + dims[1] + " columns; more than " + TexmexReader.MAX_DIMS);
        }
        if (!(ds.getDataType() instanceof FloatingPoint fp)) {
            throw Malformed.file(file, "'" + what + "' has element type " + ds.getJavaType().getSimpleName()
                    + "; expected float32 or float64");
        }
        int d = (int) dims[1];
        if (ds instanceof ContiguousDataset c && fp.getBitPrecision() == 32 && c.getDataAddress() > 0
                && ds.getFilters().isEmpty()) {
            long need = c.getDataAddress() + dims[0] * d * 4L;
            long size = fileSize(file);
            if (size < need) {
                throw Malformed.at(file, size, "truncated: '" + what + "' needs bytes up to " + need);
            }
            return new MappedRows(file, c.getDataAddress(), dims[0], d, d * 4L, 0, MappedRows.Element.F32,
                    fp.getByteOrder());
        }
        return new Hdf5SliceRows(file, ds, dims[0], d);
    }

    private static long fileSize(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            throw Malformed.file(file, e.getMessage());
        }
    }

    /** Ground truth; L2 distances, which ann-benchmarks stores as Euclidean, are squared like valkey-search's. */
    private static GroundTruth groundTruth(HdfFile hdf, Path file, int queries, long baseRows, Metric metric) {
        Dataset nb = dataset(hdf, file, "neighbors", false);
        if (nb == null) {
            return null;
        }
        int[] shape = nb.getDimensions();
        if (shape.length != 2 || shape[0] != queries) {
            throw Malformed.file(file, "'neighbors' has shape " + java.util.Arrays.toString(shape) + "; expected ("
                    + queries + ", k)");
        }
        int[][] ids = toInts(nb.getData(), file);
        for (int q = 0; q < ids.length; q++) {
            for (int id : ids[q]) {
                if (id < 0 || id >= baseRows) {
                    throw Malformed.file(file, "'neighbors' row " + q + " refers to train row " + id
                            + ", outside 0.." + (baseRows - 1));
                }
            }
        }
        float[][] dist = null;
        Dataset ds = dataset(hdf, file, "distances", false);
        if (ds != null) {
            dist = toFloats(ds.getData(), file, "distances");
            if (dist.length != queries || dist[0].length != shape[1]) {
                throw Malformed.file(file, "'distances' shape does not match 'neighbors'");
            }
            if (metric == Metric.L2) {
                for (float[] row : dist) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = row[j] * row[j];
                    }
                }
            }
        }
        return new GroundTruth(shape[1], ids, dist);
    }

    private static int[][] toInts(Object data, Path file) {
        if (data instanceof int[][] ints) {
            return ints;
        }
        if (data instanceof long[][] longs) {
            int[][] out = new int[longs.length][];
            for (int i = 0; i < longs.length; i++) {
                out[i] = java.util.Arrays.stream(longs[i]).mapToInt(Math::toIntExact).toArray();
            }
            return out;
        }
        throw Malformed.file(file, "'neighbors' is not an integer matrix");
    }

    private static float[][] toFloats(Object data, Path file, String what) {
        if (data instanceof float[][] f) {
            return f;
        }
        if (data instanceof double[][] d) {
            float[][] out = new float[d.length][];
            for (int i = 0; i < d.length; i++) {
                out[i] = new float[d[i].length];
                for (int j = 0; j < d[i].length; j++) {
                    out[i][j] = (float) d[i][j];
                }
            }
            return out;
        }
        throw Malformed.file(file, "'" + what + "' is not a float matrix");
    }

    /**
     * Rows of a chunked or compressed dataset, read through jhdf a block of rows at a time (a whole
     * chunk's rows when chunked) and kept until another block is needed, so a sequential scan
     * decompresses each chunk once.
     */
    private static final class Hdf5SliceRows implements RowMatrix {
        private static final int MAX_BLOCK_BYTES = 8 << 20;

        private final Path file;
        private final Dataset ds;
        private final long rows;
        private final int dims;
        private final int blockRows;
        private long blockStart = -1;
        private float[][] block;

        Hdf5SliceRows(Path file, Dataset ds, long rows, int dims) {
            this.file = file;
            this.ds = ds;
            this.rows = rows;
            this.dims = dims;
            int chunk = ds instanceof io.jhdf.api.dataset.ChunkedDataset c ? c.getChunkDimensions()[0] : 256;
            this.blockRows = Math.max(1, Math.min(chunk, MAX_BLOCK_BYTES / (dims * 4)));
        }

        @Override
        public long rows() {
            return rows;
        }

        @Override
        public int dims() {
            return dims;
        }

        @Override
        public String locate(long row) {
            return "row " + row + " of " + ds.getPath();
        }

        @Override
        public void read(long row, float[] into) {
            if (row < 0 || row >= rows) {
                throw new IndexOutOfBoundsException("row " + row + " of " + rows + " in " + file);
            }
            // jhdf is not documented as thread-safe, and the block is shared
            synchronized (this) {
                long start = row / blockRows * blockRows;
                if (start != blockStart) {
                    int n = (int) Math.min(blockRows, rows - start);
                    block = toFloats(ds.getData(new long[] {start, 0}, new int[] {n, dims}), file, ds.getPath());
                    blockStart = start;
                }
                System.arraycopy(block[(int) (row - start)], 0, into, 0, dims);
            }
        }

        @Override
        public void close() {
            // the HdfFile that owns the dataset is closed by the source
        }
    }
}
