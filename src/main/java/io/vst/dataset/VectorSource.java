package io.vst.dataset;

import java.util.Optional;

/**
 * Random-access, thread-safe source of base vectors: a file (memory-mapped where the format
 * allows), a synthetic generator, or an expansion of another source. Nothing here holds the whole
 * dataset in heap.
 *
 * <pre>{@code
 * try (VectorSource src = Datasets.open("synthetic-128")) {
 *     float[] v = new float[src.dimensions()];
 *     src.read(42, v);                               // row 42, from any thread
 *     byte[] blob = new byte[src.dimensions() * 4];
 *     src.readLittleEndian(42, blob);                // the HSET value for key vec:42
 * }
 * }</pre>
 */
public interface VectorSource extends AutoCloseable {

    /** Catalog name or file name. */
    String name();

    int dimensions();

    /** Number of base vectors; {@link Long#MAX_VALUE} for unbounded synthetic sources. */
    long size();

    Metric metric();

    /** Copies base vector {@code row} into {@code into} (length {@link #dimensions()}); any thread. */
    void read(long row, float[] into);

    /** Writes vector {@code row} as exactly {@code dimensions()*4} little-endian FLOAT32 bytes. */
    default void readLittleEndian(long row, byte[] into) {
        float[] v = new float[dimensions()];
        read(row, v);
        FloatCodec.toLittleEndian(v, into);
    }

    /** Maximum L2 norm over the base vectors; computed once and cached. */
    float normMax();

    /** The dataset's query vectors, if it has any. */
    Optional<QuerySet> queries();

    /** Releases files and mappings; idempotent. */
    @Override
    void close();
}
