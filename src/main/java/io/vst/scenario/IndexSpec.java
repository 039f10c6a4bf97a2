package io.vst.scenario;

import java.util.List;

/**
 * The valkey-search index a scenario works on (the {@code index:} block).
 *
 * @param algorithm {@code HNSW} or {@code FLAT}
 * @param distanceMetric {@code L2}, {@code IP}, {@code COSINE}, or {@code null} for the dataset's metric
 * @param dimensions {@code null} for the dataset's dimension
 */
public record IndexSpec(String name, String prefix, String algorithm, String distanceMetric, Integer dimensions,
        int m, int efConstruction, int efRuntime, Integer initialCap, Integer blockSize, List<FieldSpec> fields,
        boolean recreateIndex) {

    public IndexSpec {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** name {@code vst_idx}, prefix {@code vec:}, HNSW, M 16, EF_CONSTRUCTION 200, EF_RUNTIME 10, recreated. */
    public static IndexSpec defaults() {
        return new IndexSpec("vst_idx", "vec:", "HNSW", null, null, 16, 200, 10, null, null, List.of(), true);
    }
}
