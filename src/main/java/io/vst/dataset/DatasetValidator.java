package io.vst.dataset;

import io.vst.VstException;

/**
 * Checks a dataset before a run uses it, so a bad file fails at validation, not halfway through a
 * step: record headers (TEXMEX), NaN/Inf values in base and query vectors, ground-truth ids. Files up
 * to {@link #FULL_SCAN_BYTES} are scanned completely; larger ones are sampled evenly.
 */
public final class DatasetValidator {

    /** Files up to this many bytes of vectors are checked row by row; larger ones are sampled. */
    public static final long FULL_SCAN_BYTES = 512L << 20;
    private static final long SAMPLE_ROWS = 100_000;

    /** What was checked. */
    public record Report(long rowsChecked, long rows, boolean sampled, int queriesChecked) {
    }

    /**
     * What a look at a dataset's name and file headers (never its rows) finds.
     *
     * @param dimensions the vectors' dimension, or {@code null} when it could not be told
     * @param problem why the dataset cannot be used, or {@code null}
     * @param absent a known catalog dataset whose files are not on this machine yet (not a problem in the scenario)
     */
    public record Look(Integer dimensions, String problem, String hint, boolean absent) {
    }

    private DatasetValidator() {
    }

    /**
     * Looks at the dataset {@code nameOrPath} as a scenario names it: a catalog name, a synthetic family or
     * a file, whose header is opened and read (the rows are not). Never throws.
     */
    public static Look look(String nameOrPath, DatasetCatalog catalog) {
        var entry = catalog.find(nameOrPath.trim());
        if (entry.isPresent() && !entry.get().synthetic() && entry.get().file() != null
                && !java.nio.file.Files.isRegularFile(catalog.resolve(entry.get().file()))) {
            CatalogEntry e = entry.get();
            return new Look(e.dims(), null, "download it first: vst dataset download " + e.name(), true);
        }
        try (VectorSource src = Datasets.open(nameOrPath, catalog)) {
            return new Look(src.dimensions(), null, null, false);
        } catch (VstException e) {
            return new Look(null, e.getMessage(), e.hint(), false);
        } catch (RuntimeException e) {
            return new Look(null, "Dataset '" + nameOrPath + "' cannot be read: the file is damaged or not a vector "
                    + "file", "check the file with: vst dataset verify " + nameOrPath, false);
        }
    }

    /** Validates {@code src}; throws VstException INVALID_INPUT naming file and row/offset on a problem. */
    public static Report validate(VectorSource src) {
        if (src instanceof SyntheticSource) {
            return new Report(0, src.size(), true, 0);
        }
        long rows = src.size();
        long bytes = rows * src.dimensions() * 4L;
        boolean sampled = bytes > FULL_SCAN_BYTES;
        long step = sampled ? Math.max(1, rows / SAMPLE_ROWS) : 1;
        RowMatrix matrix = src instanceof MatrixSource ms ? ms.matrix() : null;
        if (matrix instanceof MappedRows mapped && mapped.hasRecordHeader()) {
            TexmexReader.checkHeaders(mapped.file(), mapped, sampled ? SAMPLE_ROWS : rows);
        }
        float[] v = new float[src.dimensions()];
        long checked = 0;
        for (long r = 0; r < rows; r += step) {
            checkRow(src, matrix, r, v);
            checked++;
        }
        if (sampled && (rows - 1) % step != 0) {
            checkRow(src, matrix, rows - 1, v);
            checked++;
        }
        int queries = 0;
        if (src.queries().isPresent()) {
            QuerySet q = src.queries().get();
            float[] qv = new float[q.dimensions()];
            for (int i = 0; i < q.size(); i++) {
                q.read(i, qv);
                int bad = NormScan.firstNonFinite(qv);
                if (bad >= 0) {
                    throw VstException.invalidInput("Dataset " + src.name() + ": query " + i + " element " + bad
                            + " is " + qv[bad], "valkey-search cannot index or search NaN/Inf; fix the file");
                }
                queries++;
            }
        }
        return new Report(checked, rows, sampled, queries);
    }

    private static void checkRow(VectorSource src, RowMatrix matrix, long r, float[] v) {
        src.read(r, v);
        int bad = NormScan.firstNonFinite(v);
        if (bad >= 0) {
            String where = matrix == null ? "row " + r : matrix.locate(r);
            throw VstException.invalidInput("Dataset " + src.name() + ": " + where + " element " + bad + " is "
                    + v[bad], "valkey-search cannot index NaN/Inf vectors; fix or regenerate the file");
        }
    }

}
