package io.vst.metrics;

import static io.vst.metrics.TimelineColumns.ALLOCATOR_ACTIVE;
import static io.vst.metrics.TimelineColumns.ALLOCATOR_ALLOCATED;
import static io.vst.metrics.TimelineColumns.ALLOCATOR_RESIDENT;
import static io.vst.metrics.TimelineColumns.MEM_FRAG_RATIO;
import static io.vst.metrics.TimelineColumns.SEARCH_MEMORY;
import static io.vst.metrics.TimelineColumns.USED_MEMORY;
import static io.vst.metrics.TimelineColumns.USED_MEMORY_RSS;
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
        CheckpointResult.Comparison c = CheckpointAnalysis.compare("base", base, now, 0, 10_000, base, null, null);
        assertThat(c.bytesPerVectorDelta()).isEqualTo(1_000.0);
    }

    @Test
    void aRehashInProgressIsLeftOutOfMemoryPerVectorAndOfTheComparison() {
        // 20,000 vectors of 900 B each; at the second checkpoint the key table is rehashing and its old
        // 131,072-byte bucket array is still in used_memory. The vectors cost the same at both checkpoints.
        Map<String, Double> base = Map.of(USED_MEMORY, 1_000_000.0, TimelineColumns.HASHTABLE_REHASHING, 0.0);
        Map<String, Double> first = Map.of(USED_MEMORY, 1_000_000.0 + 10_000 * 900.0,
                TimelineColumns.HASHTABLE_REHASHING, 0.0);
        Map<String, Double> rehashing = Map.of(USED_MEMORY, 1_000_000.0 + 20_000 * 900.0 + 131_072,
                TimelineColumns.HASHTABLE_REHASHING, 131_072.0);
        assertThat(CheckpointAnalysis.perVector(first, base, 10_000).totalBytes()).isEqualTo(900.0);
        assertThat(CheckpointAnalysis.perVector(rehashing, base, 20_000).totalBytes()).isEqualTo(900.0);
        CheckpointResult.Comparison c = CheckpointAnalysis.compare("first", first, rehashing, 10_000, 20_000, base,
                null, null);
        assertThat(c.bytesPerVectorDelta()).isEqualTo(900.0);
        assertThat(c.deltas().get(TimelineColumns.HASHTABLE_REHASHING).delta()).isEqualTo(131_072.0);
        // A server that does not report the figure (before Valkey 8) is read as no rehash.
        assertThat(CheckpointAnalysis.perVector(Map.of(USED_MEMORY, 1_900_000.0), Map.of(USED_MEMORY, 1_000_000.0),
                1_000).totalBytes()).isEqualTo(900.0);
    }

    @Test
    void comparisonGivesDeltasPerVectorCostAndReclaimedShare() {
        Map<String, Double> before = Map.of(USED_MEMORY, 101_000_000.0);
        Map<String, Double> after = Map.of(USED_MEMORY, 31_000_000.0);
        CheckpointResult.Comparison c = CheckpointAnalysis.compare("loaded", before, after, 10_000, 2_500, BASE, null, null);
        assertThat(c.against()).isEqualTo("loaded");
        assertThat(c.deltas().get(USED_MEMORY).delta()).isEqualTo(-70_000_000.0);
        assertThat(c.deltas().get(USED_MEMORY).percent()).isCloseTo(-69.31, within(0.01));
        assertThat(c.bytesPerVectorDelta()).isCloseTo(70_000_000.0 / 7_500, within(1e-6));
        // 7,500 of 10,000 vectors cost 75 MB at the earlier price; 70 MB came back.
        assertThat(c.reclaimedPercent()).isCloseTo(93.33, within(0.01));
    }

    private static final double MIB = 1024.0 * 1024.0;

    private static CheckpointResult named(String name, String tag) {
        return new CheckpointResult(name, tag, java.time.Instant.EPOCH, 0, 0, Map.of(), Map.of(), null, null, null,
                null, false, List.of(), Map.of());
    }

    @Test
    void compareWithFindsACheckpointByNameByTagAndByStepName() {
        List<CheckpointResult> history = List.of(named("baseline_checkpoint", "baseline"), named("snap_0", "iter_0"),
                named("snap_1", "iter_1"), named("check[0]", null), named("check[1]", null), named("watch#1", null),
                named("watch#2", null), named("again", "baseline"));
        assertThat(CheckpointAnalysis.find(history, "baseline_checkpoint").name()).isEqualTo("baseline_checkpoint");
        assertThat(CheckpointAnalysis.find(history, "snap_1").name()).isEqualTo("snap_1");
        assertThat(CheckpointAnalysis.find(history, "iter_0").name()).isEqualTo("snap_0");
        assertThat(CheckpointAnalysis.find(history, "baseline").name()).as("latest with the tag").isEqualTo("again");
        assertThat(CheckpointAnalysis.find(history, "check").name()).isEqualTo("check[1]");
        assertThat(CheckpointAnalysis.find(history, "watch").name()).isEqualTo("watch#2");
        assertThat(CheckpointAnalysis.find(history, "snap")).isNull();
        assertThat(CheckpointAnalysis.find(history, "nothing")).isNull();
    }

    @Test
    void comparisonCoversThroughputLatencyAndRecall() {
        Map<String, Double> before = Map.of("query_ops_per_s", 2000.0, "query_p99_ms", 4.0, "recall", 0.95);
        Map<String, Double> after = Map.of("query_ops_per_s", 1500.0, "query_p99_ms", 6.0, "recall", 0.90,
                "ingest_ops_per_s", 10.0);
        CheckpointResult.Comparison c = CheckpointAnalysis.compare("a", Map.of(), Map.of(), 0, 0, BASE, before, after);
        assertThat(c.performance().get("query_ops_per_s").percent()).isEqualTo(-25.0);
        assertThat(c.performance().get("query_p99_ms").delta()).isEqualTo(2.0);
        assertThat(c.performance().get("recall").delta()).isCloseTo(-0.05, within(1e-12));
        assertThat(c.performance()).as("only figures both sides have").doesNotContainKey("ingest_ops_per_s");
    }

    @Test
    void fragmentationReadsAllocatorRatio() {
        CheckpointResult.Fragmentation f = CheckpointAnalysis.fragmentation(Map.of(ALLOCATOR_ALLOCATED, 100 * MIB,
                ALLOCATOR_ACTIVE, 180 * MIB, USED_MEMORY, 100 * MIB));
        assertThat(f.allocatorFragRatio()).isEqualTo(1.8);
        assertThat(f.allocatorFragBytes()).isEqualTo(80 * MIB);
        assertThat(f.verdict()).startsWith("high: allocator fragmentation 1.800");
        assertThat(CheckpointAnalysis.fragmentation(Map.of(ALLOCATOR_ALLOCATED, 100 * MIB, ALLOCATOR_ACTIVE,
                105 * MIB)).verdict()).startsWith("healthy");
    }

    @Test
    void fragmentationWeighsRssAgainstUsedMemoryAndSaysWhereItSits() {
        // The allocator is tidy (1.02) but the process holds 2x used_memory: 150 MiB of retained pages.
        Map<String, Double> figures = Map.of(USED_MEMORY, 200 * MIB, USED_MEMORY_RSS, 400 * MIB,
                MEM_FRAG_RATIO, 2.0, ALLOCATOR_ALLOCATED, 200 * MIB, ALLOCATOR_ACTIVE, 204 * MIB,
                ALLOCATOR_RESIDENT, 354 * MIB);
        CheckpointResult.Fragmentation f = CheckpointAnalysis.fragmentation(figures);
        assertThat(f.rssFragRatio()).isEqualTo(2.0);
        assertThat(f.rssFragBytes()).isEqualTo(200 * MIB);
        assertThat(f.allocatorRetainedBytes()).isEqualTo(150 * MIB);
        assertThat(f.outsideAllocatorBytes()).isEqualTo(46 * MIB);
        assertThat(f.verdict()).startsWith("high: RSS fragmentation 2.000 (200.00 MiB) above used_memory")
                .contains("150.00 MiB retained by the allocator").contains("MEMORY PURGE");
        // A nearly empty server: a large ratio from start-up memory alone is not fragmentation.
        Map<String, Double> empty = Map.of(USED_MEMORY, 1 * MIB, USED_MEMORY_RSS, 11 * MIB, MEM_FRAG_RATIO, 11.0,
                ALLOCATOR_ALLOCATED, 1 * MIB, ALLOCATOR_ACTIVE, 1.05 * MIB);
        assertThat(CheckpointAnalysis.fragmentation(empty).verdict()).startsWith("healthy");
        assertThat(CheckpointAnalysis.fragmentation(Map.of()).verdict()).startsWith("unknown");
    }

    @Test
    void trendFlagsSteadyGrowthOfMemoryPerVector() {
        List<String> names = List.of("a", "b", "c", "d");
        List<Double> t = List.of(0.0, 600.0, 1200.0, 1800.0);
        List<Double> mem = List.of(1e6, 1e6, 1e6, 1e6);
        assertThat(CheckpointAnalysis.trend(names, t, mem, List.of(1000.0, 1040.0, 1090.0, 1150.0)).verdict())
                .isEqualTo(MemoryTrend.LEAK_SUSPECTED);
        assertThat(CheckpointAnalysis.trend(names, t, mem, List.of(1000.0, 1010.0, 995.0, 1004.0)).verdict())
                .isEqualTo(MemoryTrend.STABLE);
        CheckpointResult.TrendVerdict few = CheckpointAnalysis.trend(List.of("a", "b"), List.of(0.0, 1.0),
                List.of(1.0, 2.0), List.of(1.0, 2.0));
        assertThat(few.verdict()).isEqualTo(MemoryTrend.INSUFFICIENT_DATA);
        assertThat(CheckpointAnalysis.trend(names, t, mem, List.of(Double.NaN, 1000.0, 1200.0, 1500.0)).checkpoints())
                .containsExactly("b", "c", "d");
    }

    @Test
    void checkpointsSpanningLessThanTenMinutesGiveNoPerHourFit() {
        List<String> names = List.of("a", "b", "c");
        List<Double> mem = List.of(33.4e6, 29.9e6, 33.9e6);
        List<Double> perVector = List.of(5078.0, 17348.0, 5187.0);
        CheckpointResult.TrendVerdict quick = CheckpointAnalysis.trend(names, List.of(5.0, 9.0, 15.0), mem, perVector);
        assertThat(CheckpointAnalysis.showsPerHourFit(quick)).isFalse();
        assertThat(quick.explanation()).contains("no per-hour fit: the checkpoints span 10 s, under 600 s")
                .doesNotContain("per hour;");
        CheckpointResult.TrendVerdict tenMinutes = CheckpointAnalysis.trend(names, List.of(0.0, 300.0, 600.0), mem,
                perVector);
        assertThat(CheckpointAnalysis.showsPerHourFit(tenMinutes)).isTrue();
        assertThat(tenMinutes.explanation()).contains("per vector per hour");
    }

    @Test
    void trendGivesGrowthPerHourAndPerVectorAsLeastSquaresFits() {
        // Known points: seconds since the start, memory (bytes), memory per vector (bytes).
        double[] seconds = {0, 900, 1800, 3600, 5400, 7200};
        double[] memory = {50e6, 50.4e6, 51.3e6, 52.1e6, 53.9e6, 54.6e6};
        double[] perVector = {1000, 1003, 1011, 1016, 1031, 1034};
        List<String> names = List.of("c1", "c2", "c3", "c4", "c5", "c6");
        CheckpointResult.TrendVerdict t = CheckpointAnalysis.trend(names, boxed(seconds), boxed(memory),
                boxed(perVector));
        double[] hours = new double[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            hours[i] = seconds[i] / 3600;
        }
        assertFitMatchesNormalEquations(t.memoryPerHour(), hours, memory);
        assertFitMatchesNormalEquations(t.perVectorPerHour(), hours, perVector);
        assertThat(t.explanation()).contains("per vector per hour").contains("R²");
    }

    @Test
    void aFitOfExactPointsHasNoError() {
        LinearFit f = LinearFit.of(new double[] {0, 1, 2, 3}, new double[] {10, 12, 14, 16});
        assertThat(f.slope()).isEqualTo(2.0);
        assertThat(f.intercept()).isEqualTo(10.0);
        assertThat(f.rSquared()).isEqualTo(1.0);
        assertThat(f.slopeStdError()).isEqualTo(0.0);
        assertThat(LinearFit.of(new double[] {5, 5, 5}, new double[] {1, 2, 3}).slope()).isNaN();
    }

    /**
     * Checks a fit against the textbook solution computed here apart: the normal equations
     * [n Σx; Σx Σx²]·[a b] = [Σy Σxy] solved by Cramer's rule, R² = 1 − SSE/SST, and
     * se(b) = √(SSE/(n−2) / (Σx² − (Σx)²/n)).
     */
    private static void assertFitMatchesNormalEquations(LinearFit fit, double[] x, double[] y) {
        int n = x.length;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            sxy += x[i] * y[i];
        }
        double det = n * sxx - sx * sx;
        double a = (sy * sxx - sx * sxy) / det;
        double b = (n * sxy - sx * sy) / det;
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            sse += Math.pow(y[i] - a - b * x[i], 2);
            sst += Math.pow(y[i] - sy / n, 2);
        }
        double tolerance = 1e-9 * Math.max(1, Math.abs(b));
        assertThat(fit.points()).isEqualTo(n);
        assertThat(fit.slope()).isCloseTo(b, within(tolerance));
        assertThat(fit.intercept()).isCloseTo(a, within(1e-9 * Math.max(1, Math.abs(a))));
        assertThat(fit.rSquared()).isCloseTo(1 - sse / sst, within(1e-9));
        assertThat(fit.slopeStdError()).isCloseTo(Math.sqrt(sse / (n - 2) / (sxx - sx * sx / n)), within(tolerance));
    }

    private static List<Double> boxed(double[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }
}
