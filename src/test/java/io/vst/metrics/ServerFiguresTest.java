package io.vst.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.valkey.InfoSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerFiguresTest {

    private static Map<String, String> node(long used, long rss, long allocated, long active, long keys) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("used_memory", Long.toString(used));
        m.put("used_memory_rss", Long.toString(rss));
        m.put("allocator_allocated", Long.toString(allocated));
        m.put("allocator_active", Long.toString(active));
        m.put("mem_fragmentation_ratio", String.format(java.util.Locale.ROOT, "%.2f", rss / (double) used));
        m.put("db0", "keys=" + keys + ",expires=0,avg_ttl=0");
        // The old bucket array of a key-table rehash in progress: 8 bytes for each of the keys' old buckets.
        m.put("mem_overhead_db_hashtable_rehashing", Long.toString(keys > 15 ? 8 * 16 : 0));
        return m;
    }

    @Test
    void clusterFiguresAreSummedAndRatiosDerivedFromTheSums() {
        Map<String, Map<String, String>> perNode = new LinkedHashMap<>();
        perNode.put("a:1", node(100, 300, 90, 100, 10));
        perNode.put("b:2", node(200, 300, 180, 270, 20));
        InfoSnapshot snap = InfoSnapshot.of(perNode);
        Map<String, Double> f = ServerFigures.from(snap, snap, null, null, Double.NaN);
        assertThat(f.get(TimelineColumns.USED_MEMORY)).isEqualTo(300.0);
        assertThat(f.get(TimelineColumns.MEM_FRAG_RATIO)).isEqualTo(2.0);
        assertThat(f.get(TimelineColumns.ALLOCATOR_FRAG_RATIO)).isEqualTo(370.0 / 270.0);
        assertThat(f.get(TimelineColumns.DBSIZE)).isEqualTo(30.0);
        assertThat(f.get(TimelineColumns.HASHTABLE_REHASHING)).isEqualTo(128.0);
        assertThat(f).doesNotContainKey(TimelineColumns.PROCESS_RSS);
    }

    @Test
    void unreadableFiguresAreLeftOut() {
        assertThat(ServerFigures.number("n/a")).isNaN();
        assertThat(ServerFigures.number(" 12 ")).isEqualTo(12.0);
        Map<String, String> one = Map.of("used_memory", "nonsense");
        InfoSnapshot snap = InfoSnapshot.of(Map.of("x:1", one));
        assertThat(ServerFigures.from(snap, null, null, null, 5.0))
                .doesNotContainKey(TimelineColumns.USED_MEMORY).containsEntry(TimelineColumns.PROCESS_RSS, 5.0);
    }

    @Test
    void searchFiguresComeFromTheRecordedInfoSearchReply() throws Exception {
        com.fasterxml.jackson.databind.JsonNode fixture = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                java.nio.file.Path.of("src/test/resources/fixtures/valkey-search/32-info-search.resp2.json").toFile());
        Map<String, String> search = new LinkedHashMap<>();
        for (String line : fixture.get("reply").asText().split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                search.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        Map<String, Double> f = ServerFigures.from(null, null, search, null, Double.NaN);
        assertThat(f).containsEntry(TimelineColumns.SEARCH_MEMORY, 9_423_704.0)
                .containsEntry(TimelineColumns.SEARCH_RECLAIMABLE, 16.0)
                .containsEntry(TimelineColumns.SEARCH_INDEXING_ACTIVE, 0.0)
                .containsEntry(TimelineColumns.SEARCH_SUCCESSFUL_REQUESTS, 976.0)
                .containsEntry(TimelineColumns.SEARCH_FAILED_REQUESTS, 8.0)
                .containsEntry(TimelineColumns.SEARCH_HNSW_P50, 30.207)
                .containsEntry(TimelineColumns.SEARCH_HNSW_P999, 913.407)
                .containsEntry(TimelineColumns.SEARCH_FLAT_P99, 630.783);
    }
}
