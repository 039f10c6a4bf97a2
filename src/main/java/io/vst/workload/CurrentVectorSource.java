package io.vst.workload;

import io.vst.dataset.Metric;
import io.vst.dataset.QuerySet;
import io.vst.dataset.VectorSource;
import java.util.Optional;

/** The vectors as the server holds them now (updates applied), as a {@link VectorSource} for ground truth. */
final class CurrentVectorSource implements VectorSource {

    private final LiveVectors vectors;

    CurrentVectorSource(LiveVectors vectors) {
        this.vectors = vectors;
    }

    @Override
    public String name() {
        return vectors.source().name();
    }

    @Override
    public int dimensions() {
        return vectors.dimensions();
    }

    @Override
    public long size() {
        return vectors.source().size();
    }

    @Override
    public Metric metric() {
        return vectors.source().metric();
    }

    @Override
    public void read(long row, float[] into) {
        vectors.read(row, into);
    }

    @Override
    public float normMax() {
        return vectors.source().normMax();
    }

    @Override
    public Optional<QuerySet> queries() {
        return vectors.source().queries();
    }

    @Override
    public void close() {
        // Owned by the run, not by this view.
    }
}
