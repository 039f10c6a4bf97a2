package io.vst.workload;

import io.vst.VstException;
import io.vst.dataset.ExpandedSource;
import io.vst.dataset.QuerySet;
import io.vst.dataset.VectorSource;
import java.util.Optional;

/**
 * The query vectors of a step: the dataset's test set (or its expanded form with
 * {@code use_expanded_queries}), limited to the first {@code query_vectors}. Immutable after
 * construction; any thread.
 */
final class QueryPool {

    private final float[][] vectors;
    private final byte[][] blobs;

    private QueryPool(float[][] vectors) {
        this.vectors = vectors;
        this.blobs = new byte[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            blobs[i] = LiveVectors.toBytes(vectors[i]);
        }
    }

    static QueryPool from(LiveVectors live, int limit, boolean expanded) {
        VectorSource src = live.source();
        Optional<QuerySet> set;
        if (expanded) {
            if (!(src instanceof ExpandedSource ex)) {
                throw VstException.invalidInput("use_expanded_queries needs a dataset of finite size",
                        "synthetic datasets need no expansion; remove use_expanded_queries");
            }
            set = ex.expandedQueries();
        } else {
            set = src.queries();
        }
        QuerySet qs = set.orElseThrow(() -> VstException.invalidInput("Dataset " + src.name()
                + " has no query vectors", "use a dataset with a test set (HDF5 'test', *_query.fvecs) or synthetic-<dims>"));
        int available = qs.size();
        if (expanded) {
            // Expanded queries only for the expansions actually live: query j is base query j % Q shifted
            // by V_(j / Q), so the first (n_max + 1) * Q rows cover expansions 0..n_max.
            long[] ids = live.live().snapshot();
            long maxId = ids.length == 0 ? 0 : ids[ids.length - 1];
            int baseQueries = src.queries().map(QuerySet::size).orElse(available);
            long copies = maxId / Math.max(1, live.keys().baseSize()) + 1;
            available = (int) Math.min(available, copies * baseQueries);
        }
        int n = limit > 0 ? Math.min(limit, available) : available;
        if (n == 0) {
            throw VstException.invalidInput("Dataset " + src.name() + " has an empty query set", null);
        }
        float[][] v = new float[n][qs.dimensions()];
        for (int i = 0; i < n; i++) {
            qs.read(i, v[i]);
        }
        return new QueryPool(v);
    }

    int size() {
        return vectors.length;
    }

    float[] vector(long i) {
        return vectors[(int) (i % vectors.length)];
    }

    byte[] blob(long i) {
        return blobs[(int) (i % blobs.length)];
    }
}
