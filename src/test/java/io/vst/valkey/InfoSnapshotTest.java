package io.vst.valkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfoSnapshotTest {

    @Test
    void sumsMeasuresKeepsSharedTextAndDropsWhatCannotBeSummed() {
        Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
        nodes.put("a:1", Map.of("used_memory", "100", "process_id", "11", "mem_allocator", "jemalloc-5.3.0",
                "mem_fragmentation_ratio", "1.10", "db0", "keys=10,expires=1,avg_ttl=5",
                "cmdstat_hset", "calls=4,usec=40,usec_per_call=10.00,rejected_calls=0,failed_calls=1"));
        nodes.put("b:2", Map.of("used_memory", "250", "process_id", "12", "mem_allocator", "jemalloc-5.3.0",
                "mem_fragmentation_ratio", "1.30", "db0", "keys=10,expires=1,avg_ttl=5",
                "cmdstat_hset", "calls=6,usec=90,usec_per_call=15.00,rejected_calls=0,failed_calls=0"));
        InfoSnapshot s = InfoSnapshot.of(nodes);
        assertThat(s.aggregate()).containsEntry("used_memory", "350")
                .containsEntry("mem_allocator", "jemalloc-5.3.0")
                .containsEntry("db0", "keys=20,expires=2")
                .containsEntry("cmdstat_hset", "calls=10,usec=130,rejected_calls=0,failed_calls=1")
                .doesNotContainKey("process_id")
                .doesNotContainKey("mem_fragmentation_ratio");
        assertThat(s.aggregateLong("used_memory", -1)).isEqualTo(350);
        assertThat(InfoSnapshot.subfields("keys=3,expires=0")).containsExactly(Map.entry("keys", "3"),
                Map.entry("expires", "0"));
    }

    @Test
    void singleNodeAggregateIsTheNodeItself() {
        Map<String, String> node = Map.of("process_id", "7", "mem_fragmentation_ratio", "1.5");
        InfoSnapshot s = InfoSnapshot.of(Map.of("h:1", node));
        assertThat(s.aggregate()).isEqualTo(node);
    }
}
