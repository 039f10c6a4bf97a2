package io.vst.metrics;

import static io.vst.metrics.TimelineColumns.ALLOCATOR_ACTIVE;
import static io.vst.metrics.TimelineColumns.ALLOCATOR_ALLOCATED;
import static io.vst.metrics.TimelineColumns.SEARCH_MEMORY;
import static io.vst.metrics.TimelineColumns.USED_MEMORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointAnalysisTest {

    private static final Map<String, Double> BASE = Map.of(USED_MEMORY, 1_000_000.0, SEARCH_MEMORY, 0.0);

    @Test
    void memoryPerVectorIsAgainstTheEmptyBaselineAndSplitsIndexShare() {
        Map<String, Double> now = Map.of(USED_MEMORY, 11_000_000.0, SEARCH_MEMORY, 4_000_000.0);
        CheckpointResult.PerVector pv = CheckpointAnalysis.perVector(now, BASE, 1000);
        assertThat(pv.totalBytes()).isEqualTo(10_000.0);
        assertThat(pv.indexBytes()).isEqualTo(4_000.0);
        assertThat(pv.keyspaceBytes()).isEqualTo(6_000.0);
        assertThat(CheckpointAnalysis.perVector(now, BASE, 0)).isNull();
        assertThat(CheckpointAnalysis.perVector(Map.of(USED_MEMORY, 3_000_000.0), BASE, 2).indexBytes()).isNaN();
    }

    @Test
    void clientBuffersAreLeftOutOfMemoryPerVector() {
        Map<String, Double> base = Map.of(USED_MEMORY, 1_000_000.0, TimelineColumns.MEM_CLIENTS_NORMAL, 20_000.0);
        // 30 MB more in use, 20 MB of it client buffers: 10 MB for 10,000 vectors.
        Map<String, Double> now = Map.of(USED_MEMORY, 31_000_000.0, TimelineColumns.MEM_CLIENTS_NORMAL, 20_020_000.0);
        assertThat(CheckpointAnalysis.perVector(now, base, 10_000).totalBytes()).isEqualTo(1_000.0);
        CheckpointResult.Comparison c = CheckpointAnalysis.compare("base", base, now, 0, 10_000, base);
        assertThat(c.bytesPerVectorDelta()).isEqualTo(1_000.0);
    }

    @Test
    void comparisonGivesDeltasPerVectorCostAndReclaimedShare() {
        Map<String, Double> before = Map.of(USED_MEMORY, 101_000_000.0);
        Map<String, Double> after = Map.of(USED_MEMORY, 31_000_000.0);
        CheckpointResult.Comparison c = CheckpointAnalysis.compare("loaded", before, after, 10_000, 2_500, BASE);
        assertThat(c.against()).isEqualTo("loaded");
        assertThat(c.deltas().get(USED_MEMORY).delta()).isEqualTo(-70_000_000.0);
        assertThat(c.deltas().get(USED_MEMORY).percent()).isCloseTo(-69.31, within(0.01));
        assertThat(c.bytesPerVectorDelta()).isCloseTo(70_000_000.0 / 7_500, within(1e-6));
        // 7,500 of 10,000 vectors cost 75 MB at the earlier price; 70 MB came back.
        assertThat(c.reclaimedPercent()).isCloseTo(93.33, within(0.01));
    }

    @Test
    void fragmentationReadsAllocatorRatio() {
        CheckpointResult.Fragmentation f = CheckpointAnalysis.fragmentation(
                Map.of(ALLOCATOR_ALLOCATED, 100.0, ALLOCATOR_ACTIVE, 180.0, USED_MEMORY, 100.0));
        assertThat(f.allocatorFragRatio()).isEqualTo(1.8);
        assertThat(f.allocatorFragBytes()).isEqualTo(80.0);
        assertThat(f.verdict()).startsWith("high");
        assertThat(CheckpointAnalysis.fragmentation(Map.of(ALLOCATOR_ALLOCATED, 100.0, ALLOCATOR_ACTIVE, 105.0))
                .verdict()).startsWith("healthy");
    }

    @Test
    void trendFlagsSteadyGrowthOfMemoryPerVector() {
        List<String> names = List.of("a", "b", "c", "d");
        assertThat(CheckpointAnalysis.trend(names, List.of(1000.0, 1040.0, 1090.0, 1150.0)).verdict())
                .isEqualTo("LEAK_SUSPECTED");
        assertThat(CheckpointAnalysis.trend(names, List.of(1000.0, 1010.0, 995.0, 1004.0)).verdict())
                .isEqualTo("STABLE");
        CheckpointResult.TrendVerdict few = CheckpointAnalysis.trend(List.of("a", "b"), List.of(1.0, 2.0));
        assertThat(few.verdict()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(CheckpointAnalysis.trend(names, List.of(Double.NaN, 1000.0, 1200.0, 1500.0)).checkpoints())
                .containsExactly("b", "c", "d");
    }
}
