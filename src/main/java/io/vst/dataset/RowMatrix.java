package io.vst.dataset;

import java.io.Closeable;

/** A rows × dims matrix of vectors stored somewhere (a mapped file region, an HDF5 dataset). */
interface RowMatrix extends Closeable {

    long rows();

    int dims();

    /** Copies row {@code row} into {@code into}; thread-safe. */
    void read(long row, float[] into);

    /** Where the row lives, for error messages: "byte offset N" or "row N". */
    String locate(long row);

    @Override
    void close();
}
