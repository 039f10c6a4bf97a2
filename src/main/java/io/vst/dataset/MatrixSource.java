package io.vst.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link VectorSource} over a stored matrix of base vectors (file readers build these). */
final class MatrixSource implements VectorSource {

    private final String name;
    private final RowMatrix base;
    private final Metric metric;
    private final QuerySet queries;
    private final List<AutoCloseable> resources;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Float normMax;

    MatrixSource(String name, RowMatrix base, Metric metric, QuerySet queries, List<AutoCloseable> resources) {
        this.name = name;
        this.base = base;
        this.metric = metric;
        this.queries = queries;
        this.resources = new ArrayList<>(resources);
    }

    RowMatrix matrix() {
        return base;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimensions() {
        return base.dims();
    }

    @Override
    public long size() {
        return base.rows();
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public void read(long row, float[] into) {
        base.read(row, into);
    }

    @Override
    public void readLittleEndian(long row, byte[] into) {
        if (into.length != base.dims() * 4) {
            throw new IllegalArgumentException("need " + base.dims() * 4 + " bytes, got " + into.length);
        }
        if (base instanceof MappedRows m && m.storesLittleEndianFloat32()) {
            // the file already holds the HSET value: copy it without decoding
            m.readRaw(row, into);
        } else {
            VectorSource.super.readLittleEndian(row, into);
        }
    }

    @Override
    public float normMax() {
        Float cached = normMax;
        if (cached == null) {
            synchronized (this) {
                cached = normMax;
                if (cached == null) {
                    cached = (float) NormScan.maxNorm(this);
                    normMax = cached;
                }
            }
        }
        return cached;
    }

    @Override
    public Optional<QuerySet> queries() {
        return Optional.ofNullable(queries);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException first = null;
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                // keep closing the rest; report the first failure after all are closed
                if (first == null) {
                    first = io.vst.VstException.runtime("Cannot close dataset " + name + ": " + e.getMessage(), e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** A query set over a stored matrix plus optional ground truth. */
    record MatrixQuerySet(RowMatrix matrix, GroundTruth truth) implements QuerySet {

        @Override
        public int size() {
            return (int) matrix.rows();
        }

        @Override
        public int dimensions() {
            return matrix.dims();
        }

        @Override
        public void read(int row, float[] into) {
            matrix.read(row, into);
        }

        @Override
        public Optional<GroundTruth> groundTruth() {
            return Optional.ofNullable(truth);
        }
    }
}
