package io.vst.testsupport.proxy;

import io.vst.testsupport.proxy.IndexDefinition.Attribute;
import io.vst.testsupport.proxy.IndexDefinition.TagAttribute;
import io.vst.testsupport.proxy.IndexDefinition.VectorAttribute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the {@code FT.INFO} reply in valkey-search 1.2.1's field order and types: a flat array under
 * both protocols, attributes sorted by name, counts that the module sends as strings kept as bulk
 * strings, {@code default_score} a double (bulk {@code "1"} in RESP2, {@code ,1} in RESP3).
 */
final class FtInfoReply {

    /** Capacity grows in blocks of this many vectors for HNSW (the module's {@code hnsw-block-size}). */
    private static final int HNSW_GROWTH = 10_240;

    private FtInfoReply() {
    }

    static RespValue build(IndexDefinition definition, IndexStats stats, boolean backfilling) {
        List<RespValue> items = new ArrayList<>();
        pair(items, "index_name", simple(definition.name()));
        List<RespValue> prefixes = definition.prefixes().stream().map(FtInfoReply::simple).toList();
        pair(items, "index_definition", array(simple("key_type"), simple("HASH"), simple("prefixes"),
                new RespValue.Array(prefixes), simple("default_score"), new RespValue.Double("1"),
                simple("score_field"), simple("")));
        List<RespValue> attributes = definition.attributes().stream()
                .sorted(Comparator.comparing(Attribute::alias))
                .map(a -> attribute(a, stats.attributes().get(a.alias()))).toList();
        pair(items, "attributes", new RespValue.Array(attributes));
        pair(items, "num_docs", new RespValue.Int(stats.numDocs()));
        pair(items, "num_records", new RespValue.Int(stats.numRecords()));
        pair(items, "total_term_occurrences", new RespValue.Int(0));
        pair(items, "num_terms", new RespValue.Int(0));
        pair(items, "hash_indexing_failures", RespValue.bulk(Long.toString(stats.failures())));
        pair(items, "backfill_in_progress", RespValue.bulk(backfilling ? "1" : "0"));
        pair(items, "backfill_complete_percent", RespValue.bulk(backfilling ? "0.000000" : "1.000000"));
        pair(items, "mutation_queue_size", RespValue.bulk("0"));
        pair(items, "recent_mutations_queue_delay", RespValue.bulk("0 sec"));
        pair(items, "state", simple(backfilling ? "backfill_in_progress" : "ready"));
        pair(items, "language", simple("english"));
        return new RespValue.Array(items);
    }

    private static RespValue attribute(Attribute attribute, IndexStats.AttributeStats stats) {
        List<RespValue> items = new ArrayList<>();
        pair(items, "identifier", simple(attribute.identifier()));
        pair(items, "attribute", simple(attribute.alias()));
        pair(items, "user_indexed_memory", new RespValue.Int(stats.memory()));
        RespValue size = RespValue.bulk(Long.toString(stats.size()));
        if (attribute instanceof VectorAttribute vector) {
            pair(items, "type", simple("VECTOR"));
            RespValue algorithm = vector.hnsw()
                    ? array(simple("name"), simple("HNSW"), simple("m"), new RespValue.Int(vector.m()),
                            simple("ef_construction"), new RespValue.Int(vector.efConstruction()),
                            simple("ef_runtime"), new RespValue.Int(vector.efRuntime()))
                    : array(simple("name"), simple("FLAT"), simple("block_size"),
                            new RespValue.Int(vector.blockSize()));
            pair(items, "index", array(simple("capacity"), new RespValue.Int(capacity(vector, stats.size())),
                    simple("dimensions"), new RespValue.Int(vector.dimensions()),
                    simple("distance_metric"), simple(vector.metric().name()), simple("size"), size,
                    simple("data_type"), simple("FLOAT32"), simple("algorithm"), algorithm));
        } else if (attribute instanceof TagAttribute tag) {
            pair(items, "type", simple("TAG"));
            pair(items, "SEPARATOR", simple(tag.separator()));
            pair(items, "CASESENSITIVE", simple(tag.caseSensitive() ? "1" : "0"));
            pair(items, "size", size);
        } else {
            pair(items, "type", simple("NUMERIC"));
            pair(items, "size", size);
        }
        return new RespValue.Array(items);
    }

    /** The initial capacity, grown in whole blocks once the vectors outnumber it (fixture 39: 20000 → 20480). */
    static long capacity(VectorAttribute vector, long size) {
        long initial = vector.initialCapacity();
        if (size <= initial) {
            return initial;
        }
        long block = vector.hnsw() ? HNSW_GROWTH : vector.blockSize();
        return initial + (size - initial + block - 1) / block * block;
    }

    private static void pair(List<RespValue> items, String name, RespValue value) {
        items.add(simple(name));
        items.add(value);
    }

    private static RespValue simple(String text) {
        return new RespValue.Simple(text);
    }

    private static RespValue array(RespValue... items) {
        return new RespValue.Array(List.of(items));
    }
}
