package io.vst.dataset;

import io.vst.VstException;

/**
 * The mapping between source ids and key suffixes. Ids below the base dataset's size N are its rows
 * and keep their number ({@code "123"}); id {@code n*N + row} (n ≥ 1) is expansion n of that row and
 * is keyed {@code "expand_<n>_<row>"}. Keys are {@code <prefix><suffix>}, e.g. {@code vec:expand_2_123}.
 *
 * <pre>{@code
 * VectorIds.keySuffix(2_000_123, 1_000_000)   // "expand_2_123"
 * VectorIds.parseKeySuffix("expand_2_123", 1_000_000)   // 2000123
 * }</pre>
 */
public final class VectorIds {

    private static final String EXPAND = "expand_";

    private VectorIds() {
    }

    public static String keySuffix(long id, long baseSize) {
        if (id < 0) {
            throw new IllegalArgumentException("negative id " + id);
        }
        if (id < baseSize) {
            return Long.toString(id);
        }
        return EXPAND + expansion(id, baseSize) + "_" + baseRow(id, baseSize);
    }

    /** Expansion number n of an id (0 for an original row). */
    public static long expansion(long id, long baseSize) {
        return id / baseSize;
    }

    /** The base-dataset row an id derives from. */
    public static long baseRow(long id, long baseSize) {
        return id % baseSize;
    }

    /** Id of expansion {@code n} of {@code row}. */
    public static long id(long n, long row, long baseSize) {
        return Math.addExact(Math.multiplyExact(n, baseSize), row);
    }

    /** The id a key suffix names; INVALID_INPUT when it is neither a row number nor expand_n_row. */
    public static long parseKeySuffix(String suffix, long baseSize) {
        try {
            if (suffix.startsWith(EXPAND)) {
                int sep = suffix.indexOf('_', EXPAND.length());
                long n = Long.parseLong(suffix.substring(EXPAND.length(), sep));
                long row = Long.parseLong(suffix.substring(sep + 1));
                if (n < 1 || row < 0 || row >= baseSize) {
                    throw new NumberFormatException("out of range");
                }
                return id(n, row, baseSize);
            }
            long id = Long.parseLong(suffix);
            if (id < 0 || id >= baseSize) {
                throw new NumberFormatException("out of range");
            }
            return id;
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw VstException.invalidInput("Key suffix '" + suffix + "' is not a vst vector id for a dataset of "
                    + baseSize + " vectors", "expected <row> or expand_<n>_<row>");
        }
    }
}
