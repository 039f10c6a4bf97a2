package io.vst.valkey;

import io.vst.VstException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A valkey-search vector index over HASH keys with one FLOAT32 vector field and optional TAG/NUMERIC
 * fields for filtered queries.
 *
 * <p>{@link #toArguments()} yields FT.CREATE exactly as valkey-search expects it; the attribute count
 * after {@code HNSW}/{@code FLAT} is the number of tokens that follow.
 *
 * <pre>{@code
 * IndexDefinition def = IndexDefinition.hnsw("idx", "vec:", 128, Metric.L2)
 *         .withHnsw(16, 200, null).withInitialCap(100_000);
 * client.ftCreate(def);
 * }</pre>
 *
 * @param m HNSW only; {@code null} leaves the server default
 * @param efConstruction HNSW only; {@code null} leaves the server default
 * @param efRuntime HNSW only; {@code null} leaves the server default
 * @param initialCap {@code null} leaves the server default
 * @param blockSize FLAT only; {@code null} leaves the server default
 */
public record IndexDefinition(String name, String prefix, String vectorField, Algorithm algorithm,
        Metric metric, int dims, Integer m, Integer efConstruction, Integer efRuntime, Integer initialCap,
        Integer blockSize, List<Field> extraFields) {

    /** Vector index algorithm. */
    public enum Algorithm { HNSW, FLAT }

    /** Distance metric; valkey-search reports L2 as squared distance, COSINE as 1-cos, IP as 1-dot. */
    public enum Metric { L2, IP, COSINE }

    /** Type of a non-vector attribute. */
    public enum FieldType { TAG, NUMERIC }

    /** A non-vector attribute used in filters. */
    public record Field(String name, FieldType type) {
    }

    public IndexDefinition {
        extraFields = List.copyOf(extraFields);
        if (dims <= 0) {
            throw VstException.invalidInput("Index dimension must be positive, got " + dims,
                    "set the dataset's dimension");
        }
        if (algorithm == Algorithm.FLAT && (m != null || efConstruction != null || efRuntime != null)) {
            throw VstException.invalidInput("M, EF_CONSTRUCTION and EF_RUNTIME apply to HNSW only",
                    "remove them or use algorithm HNSW");
        }
        if (algorithm == Algorithm.HNSW && blockSize != null) {
            throw VstException.invalidInput("BLOCK_SIZE applies to FLAT only", "remove it or use algorithm FLAT");
        }
    }

    /** An HNSW index with server defaults for every optional parameter, vector field {@code vector}. */
    public static IndexDefinition hnsw(String name, String prefix, int dims, Metric metric) {
        return new IndexDefinition(name, prefix, "vector", Algorithm.HNSW, metric, dims, null, null, null, null,
                null, List.of());
    }

    /** A FLAT index with server defaults for every optional parameter, vector field {@code vector}. */
    public static IndexDefinition flat(String name, String prefix, int dims, Metric metric) {
        return new IndexDefinition(name, prefix, "vector", Algorithm.FLAT, metric, dims, null, null, null, null,
                null, List.of());
    }

    public IndexDefinition withHnsw(Integer newM, Integer newEfConstruction, Integer newEfRuntime) {
        return new IndexDefinition(name, prefix, vectorField, algorithm, metric, dims, newM, newEfConstruction,
                newEfRuntime, initialCap, blockSize, extraFields);
    }

    public IndexDefinition withInitialCap(Integer cap) {
        return new IndexDefinition(name, prefix, vectorField, algorithm, metric, dims, m, efConstruction,
                efRuntime, cap, blockSize, extraFields);
    }

    public IndexDefinition withBlockSize(Integer size) {
        return new IndexDefinition(name, prefix, vectorField, algorithm, metric, dims, m, efConstruction,
                efRuntime, initialCap, size, extraFields);
    }

    public IndexDefinition withField(String fieldName, FieldType type) {
        List<Field> fields = new ArrayList<>(extraFields);
        fields.add(new Field(fieldName, type));
        return new IndexDefinition(name, prefix, vectorField, algorithm, metric, dims, m, efConstruction,
                efRuntime, initialCap, blockSize, fields);
    }

    /** The full FT.CREATE command, command name first. */
    public List<String> toArguments() {
        List<String> attrs = new ArrayList<>(List.of("TYPE", "FLOAT32", "DIM", Integer.toString(dims),
                "DISTANCE_METRIC", metric.name()));
        addIfSet(attrs, "M", m);
        addIfSet(attrs, "EF_CONSTRUCTION", efConstruction);
        addIfSet(attrs, "EF_RUNTIME", efRuntime);
        addIfSet(attrs, "INITIAL_CAP", initialCap);
        addIfSet(attrs, "BLOCK_SIZE", blockSize);
        List<String> args = new ArrayList<>(List.of("FT.CREATE", name, "ON", "HASH", "PREFIX", "1", prefix,
                "SCHEMA", vectorField, "VECTOR", algorithm.name(), Integer.toString(attrs.size())));
        args.addAll(attrs);
        for (Field f : extraFields) {
            args.add(f.name());
            args.add(f.type().name());
        }
        return args;
    }

    private static void addIfSet(List<String> attrs, String name, Integer value) {
        if (value != null) {
            attrs.add(name);
            attrs.add(String.format(Locale.ROOT, "%d", value));
        }
    }
}
