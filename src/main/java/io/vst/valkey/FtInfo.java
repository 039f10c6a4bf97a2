package io.vst.valkey;

import io.vst.valkey.resp.Resp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parsed reply of {@code FT.INFO <index>} from valkey-search.
 *
 * <p>valkey-search mixes integers and strings ({@code hash_indexing_failures}, {@code backfill_*},
 * {@code mutation_queue_size} and the vector {@code size} come as strings); all are numbers here.
 * Index memory is not part of FT.INFO: read {@code search_used_memory_bytes} from INFO SEARCH.
 *
 * <pre>{@code
 * FtInfo info = client.ftInfo("idx");
 * if (info.isReady() && info.vector() != null) {
 *     long indexed = info.vector().size();
 * }
 * }</pre>
 *
 * @param recentMutationsQueueDelay the server's text, e.g. {@code "0 sec"}
 * @param backfillCompletePercent a fraction from 0 to 1, as the server reports it
 */
public record FtInfo(String indexName, List<String> prefixes, long numDocs, long numRecords,
        long hashIndexingFailures, boolean backfillInProgress, double backfillCompletePercent,
        long mutationQueueSize, String recentMutationsQueueDelay, String state,
        List<Attribute> attributes) {

    /** The state in which the index answers queries over all its documents. */
    public static final String STATE_READY = "ready";

    public FtInfo {
        prefixes = List.copyOf(prefixes);
        attributes = List.copyOf(attributes);
    }

    /**
     * One schema attribute.
     *
     * @param vectorIndex the vector index details, or {@code null} for TAG/NUMERIC/TEXT attributes
     */
    public record Attribute(String identifier, String type, long userIndexedMemory, VectorIndex vectorIndex) {
    }

    /**
     * Vector index details of a VECTOR attribute.
     *
     * @param m HNSW only, else 0
     * @param efConstruction HNSW only, else 0
     * @param efRuntime HNSW only, else 0
     * @param blockSize FLAT only, else 0
     * @param size number of vectors indexed
     */
    public record VectorIndex(String algorithm, String metric, String dataType, int dimensions, long capacity,
            long size, int m, int efConstruction, int efRuntime, int blockSize) {
    }

    /** Whether the index finished backfilling and answers over all documents. */
    public boolean isReady() {
        return STATE_READY.equals(state);
    }

    /** The first VECTOR attribute's index details, or {@code null} when the index has none. */
    public VectorIndex vector() {
        for (Attribute a : attributes) {
            if (a.vectorIndex() != null) {
                return a.vectorIndex();
            }
        }
        return null;
    }

    /**
     * One view of an index over the primaries of a cluster, where each node's FT.INFO describes its own
     * shard: document, record, failure and queue counts and each vector index's size are summed; the index
     * is ready only when every node is, and its backfill is that of the slowest node. The schema and the
     * other texts are the first node's. One node: that node's FT.INFO.
     */
    public static FtInfo combine(List<FtInfo> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no FT.INFO to combine");
        }
        FtInfo first = nodes.get(0);
        if (nodes.size() == 1) {
            return first;
        }
        long docs = 0;
        long records = 0;
        long failures = 0;
        long queue = 0;
        boolean backfilling = false;
        double backfill = 1;
        String state = first.state();
        long[] sizes = new long[first.attributes().size()];
        for (FtInfo n : nodes) {
            docs += n.numDocs();
            records += n.numRecords();
            failures += n.hashIndexingFailures();
            queue += n.mutationQueueSize();
            backfilling |= n.backfillInProgress();
            backfill = Math.min(backfill, n.backfillCompletePercent());
            if (!n.isReady()) {
                state = n.state();
            }
            for (int i = 0; i < sizes.length && i < n.attributes().size(); i++) {
                VectorIndex v = n.attributes().get(i).vectorIndex();
                sizes[i] += v == null ? 0 : v.size();
            }
        }
        List<Attribute> attributes = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            Attribute a = first.attributes().get(i);
            VectorIndex v = a.vectorIndex();
            attributes.add(v == null ? a : new Attribute(a.identifier(), a.type(), a.userIndexedMemory(),
                    new VectorIndex(v.algorithm(), v.metric(), v.dataType(), v.dimensions(), v.capacity(), sizes[i],
                            v.m(), v.efConstruction(), v.efRuntime(), v.blockSize())));
        }
        return new FtInfo(first.indexName(), first.prefixes(), docs, records, failures, backfilling, backfill, queue,
                first.recentMutationsQueueDelay(), state, attributes);
    }

    /** Parses a FT.INFO reply in RESP2 or RESP3 shape. */
    static FtInfo parse(Object reply) {
        String name = null;
        List<String> prefixes = new ArrayList<>();
        long numDocs = 0;
        long numRecords = 0;
        long failures = 0;
        boolean backfilling = false;
        double backfillPercent = 0;
        long queue = 0;
        String delay = "";
        String state = "";
        List<Attribute> attributes = new ArrayList<>();
        for (Map.Entry<String, Object> e : Resp.asPairs(reply)) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "index_name" -> name = Resp.text(v);
                case "index_definition" -> prefixes.addAll(prefixesOf(v));
                case "attributes" -> {
                    for (Object a : Resp.asList(v)) {
                        attributes.add(attribute(a));
                    }
                }
                case "num_docs" -> numDocs = Resp.asLong(v);
                case "num_records" -> numRecords = Resp.asLong(v);
                case "hash_indexing_failures" -> failures = Resp.asLong(v);
                case "backfill_in_progress" -> backfilling = Resp.asLong(v) != 0;
                case "backfill_complete_percent" -> backfillPercent = Resp.asDouble(v);
                case "mutation_queue_size" -> queue = Resp.asLong(v);
                case "recent_mutations_queue_delay" -> delay = Resp.text(v);
                case "state" -> state = Resp.text(v);
                default -> {
                    // Other fields (language, num_terms, ...) carry nothing vst measures.
                }
            }
        }
        if (name == null) {
            throw Resp.shape("an FT.INFO reply with index_name", "a reply without it");
        }
        return new FtInfo(name, prefixes, numDocs, numRecords, failures, backfilling, backfillPercent, queue,
                delay, state, attributes);
    }

    private static List<String> prefixesOf(Object definition) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : Resp.asPairs(definition)) {
            if (e.getKey().equals("prefixes")) {
                for (Object p : Resp.asList(e.getValue())) {
                    out.add(Resp.text(p));
                }
            }
        }
        return out;
    }

    private static Attribute attribute(Object reply) {
        String identifier = "";
        String type = "";
        long memory = 0;
        VectorIndex index = null;
        for (Map.Entry<String, Object> e : Resp.asPairs(reply)) {
            switch (e.getKey()) {
                case "identifier" -> identifier = Resp.text(e.getValue());
                case "type" -> type = Resp.text(e.getValue());
                case "user_indexed_memory" -> memory = Resp.asLong(e.getValue());
                case "index" -> index = vectorIndex(e.getValue());
                default -> {
                    // SEPARATOR, CASESENSITIVE, size of TAG/NUMERIC: not needed.
                }
            }
        }
        return new Attribute(identifier, type, memory, index);
    }

    private static VectorIndex vectorIndex(Object reply) {
        String metric = "";
        String dataType = "";
        int dims = 0;
        long capacity = 0;
        long size = 0;
        String algorithm = "";
        int m = 0;
        int efc = 0;
        int efr = 0;
        int block = 0;
        for (Map.Entry<String, Object> e : Resp.asPairs(reply)) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "capacity" -> capacity = Resp.asLong(v);
                case "dimensions" -> dims = (int) Resp.asLong(v);
                case "distance_metric" -> metric = Resp.text(v);
                case "size" -> size = Resp.asLong(v);
                case "data_type" -> dataType = Resp.text(v);
                case "algorithm" -> {
                    for (Map.Entry<String, Object> a : Resp.asPairs(v)) {
                        switch (a.getKey()) {
                            case "name" -> algorithm = Resp.text(a.getValue());
                            case "m" -> m = (int) Resp.asLong(a.getValue());
                            case "ef_construction" -> efc = (int) Resp.asLong(a.getValue());
                            case "ef_runtime" -> efr = (int) Resp.asLong(a.getValue());
                            case "block_size" -> block = (int) Resp.asLong(a.getValue());
                            default -> {
                                // Future algorithm parameters are ignored.
                            }
                        }
                    }
                }
                default -> {
                    // Unknown vector index fields are ignored.
                }
            }
        }
        return new VectorIndex(algorithm, metric, dataType, dims, capacity, size, m, efc, efr, block);
    }
}
