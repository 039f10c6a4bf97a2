package io.vst.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vst.VstException;
import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which readings the capacity fit rests on, on runs whose memory follows lines set here: the fit must give
 * back the lines that generated the readings, whatever unsettled readings and shrinks lie around them.
 */
class CapacityPlanTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    /** The generating lines: bytes at 0 vectors and per vector of each part. */
    private static final double KEYSPACE_0 = 200_000;
    private static final double KEYSPACE_PER = 450;
    private static final double INDEX_0 = 40_000;
    private static final double INDEX_PER = 800;
    private static final double OVERHEAD_0 = 900_000;
    private static final double OVERHEAD_PER = 50;
    private static final double CLIENTS = 30_000;

    private final RunData run = new RunData("synthetic");
    private double elapsed;
    /** Client buffers of the next readings (the run's connections, not its vectors). */
    private double clients = CLIENTS;
    /** The old key table of a rehash in progress in the next readings (INFO mem_overhead_db_hashtable_rehashing). */
    private double rehashing;

    /** A reading of a server holding {@code held} vectors while vst counts {@code live}. */
    private Map<String, Double> figures(long live, long held, double extraUsed) {
        Map<String, Double> f = new LinkedHashMap<>();
        double keyspace = KEYSPACE_0 + KEYSPACE_PER * held + extraUsed;
        double index = INDEX_0 + INDEX_PER * held;
        double overhead = OVERHEAD_0 + OVERHEAD_PER * held + clients + rehashing;
        f.put(TimelineColumns.USED_MEMORY, keyspace + index + overhead);
        f.put(TimelineColumns.USED_MEMORY_DATASET, keyspace + index);
        f.put(TimelineColumns.USED_MEMORY_OVERHEAD, overhead);
        f.put(TimelineColumns.SEARCH_MEMORY, index);
        f.put(TimelineColumns.MEM_CLIENTS_NORMAL, clients);
        f.put(TimelineColumns.HASHTABLE_REHASHING, rehashing);
        f.put(TimelineColumns.ALLOCATOR_ALLOCATED, keyspace + index + overhead);
        f.put(TimelineColumns.ALLOCATOR_ACTIVE, (keyspace + index + overhead) * 1.02);
        f.put(TimelineColumns.USED_MEMORY_RSS, (keyspace + index + overhead) * 1.3);
        f.put(TimelineColumns.MEM_FRAG_RATIO, 1.3);
        f.put(TimelineColumns.ALLOCATOR_FRAG_RATIO, 1.02);
        f.put(TimelineColumns.DBSIZE, (double) held + 7);
        f.put(TimelineColumns.LIVE_VECTORS, (double) live);
        f.put(TimelineColumns.SEARCH_MUTATION_QUEUE, 0.0);
        f.put(TimelineColumns.SEARCH_BACKFILL_PERCENT, 1.0);
        return f;
    }

    private void sample(String step, long live, long held, double extraUsed) {
        elapsed += 0.25;
        run.addSample(new Sample(T0.plusMillis((long) (elapsed * 1000)), elapsed, step, figures(live, held, extraUsed)));
    }

    private void checkpoint(String name, long live, double extraUsed) {
        sample(name, live, live, extraUsed);
        Sample s = run.samples().get(run.samples().size() - 1);
        run.addCheckpoint(new CheckpointResult(name, null, s.time(), s.elapsedSeconds(), live, s.values(), Map.of(),
                null, null, null, null, false, List.of(), Map.of()));
    }

    private void growTo(long from, long to, String step) {
        // Mid-ingest: the server holds 2,000 writes vst has not counted yet; such readings must stay out.
        sample(step, (from + to) / 2, (from + to) / 2 + 2000, 0);
        sample("", to, to, 0);
        checkpoint("at_" + to, to, 0);
    }

    /** Two readings before the first step, then growth to {@code top} in steps of 5,000. */
    private void growInSteps(long top) {
        sample("", 0, 0, 0);
        sample("", 0, 0, 0);
        for (long n = 5000; n <= top; n += 5000) {
            growTo(n - 5000, n, "grow_" + n);
        }
    }

    @Test
    void fitGivesBackTheGeneratingLinesOfEveryPart() {
        growInSteps(20_000);
        CapacityPlan plan = CapacityPlan.of(run);

        assertThat(plan.points().unsettled()).isEqualTo(4);
        assertThat(plan.points().checkpointsInGrowth()).isEqualTo(4);
        assertThat(plan.points().distinctCounts()).isEqualTo(5);
        double per = KEYSPACE_PER + INDEX_PER + OVERHEAD_PER;
        assertThat(plan.used().perUnit()).isCloseTo(per, within(1e-6));
        assertThat(plan.used().fixed()).isCloseTo(KEYSPACE_0 + INDEX_0 + OVERHEAD_0 + CLIENTS, within(1e-3));
        assertThat(plan.perVector().fixed()).isCloseTo(KEYSPACE_0 + INDEX_0 + OVERHEAD_0, within(1e-3));
        Map<String, CapacityFit> parts = new LinkedHashMap<>();
        plan.components().forEach(c -> parts.put(c.name(), c.fit()));
        assertThat(parts).containsOnlyKeys("keyspace", "search_index", "server_overhead", "client_buffers",
                "allocator_waste");
        assertThat(parts.get("keyspace").perUnit()).isCloseTo(KEYSPACE_PER, within(1e-6));
        assertThat(parts.get("search_index").perUnit()).isCloseTo(INDEX_PER, within(1e-6));
        assertThat(parts.get("server_overhead").perUnit()).isCloseTo(OVERHEAD_PER, within(1e-6));
        assertThat(parts.get("client_buffers").perUnit()).isCloseTo(0, within(1e-9));
        assertThat(parts.get("allocator_waste").perUnit()).isCloseTo(0.02 * per, within(1e-6));
        // An exact line: the prediction is the line itself, its interval has no width.
        CapacityFit.Estimate at = plan.predict(60_000);
        assertThat(at.value()).isCloseTo(KEYSPACE_0 + INDEX_0 + OVERHEAD_0 + CLIENTS + per * 60_000, within(1e-2));
        assertThat(at.high() - at.low()).isCloseTo(0, within(1e-2));
        assertThat(plan.vectorsFor(at.value()).value()).isCloseTo(60_000, within(1e-6));
        assertThat(plan.afterShrinks()).isEmpty();
    }

    @Test
    void theOldKeyTableOfARehashInProgressIsLeftOutOfEveryLine() {
        sample("", 0, 0, 0);
        sample("", 0, 0, 0);
        // A reading at 10,000 and the checkpoint at 20,000 were taken while the server still held the old
        // bucket array of its key table (8 bytes a bucket): memory no vector needs, freed when the rehash ends.
        for (long n = 5000; n <= 20_000; n += 5000) {
            rehashing = n == 10_000 || n == 20_000 ? 8.0 * Long.highestOneBit(n) : 0;
            growTo(n - 5000, n, "grow_" + n);
        }
        rehashing = 0;
        CapacityPlan plan = CapacityPlan.of(run);

        double per = KEYSPACE_PER + INDEX_PER + OVERHEAD_PER;
        assertThat(plan.used().perUnit()).isCloseTo(per, within(1e-6));
        assertThat(plan.perVector().perUnit()).isCloseTo(per, within(1e-6));
        Map<String, CapacityFit> parts = new LinkedHashMap<>();
        plan.components().forEach(c -> parts.put(c.name(), c.fit()));
        assertThat(parts.get("server_overhead").perUnit()).isCloseTo(OVERHEAD_PER, within(1e-6));
        assertThat(parts.get("server_overhead").fixed()).isCloseTo(OVERHEAD_0, within(1e-3));
        CapacityFit.Estimate at = plan.predict(60_000);
        assertThat(at.value()).isCloseTo(KEYSPACE_0 + INDEX_0 + OVERHEAD_0 + CLIENTS + per * 60_000, within(1e-2));
        assertThat(at.high() - at.low()).isCloseTo(0, within(1e-2));
    }

    @Test
    void clientBuffersAreAddedAsTheLargestCountHeldThemNotGrownWithTheVectors() {
        // Before the first step only the sampler is connected; the writers' connections come with it.
        clients = 20_000;
        sample("", 0, 0, 0);
        sample("", 0, 0, 0);
        clients = 80_000;
        for (long n = 5000; n <= 20_000; n += 5000) {
            growTo(n - 5000, n, "grow_" + n);
        }
        CapacityPlan plan = CapacityPlan.of(run);

        // A line through the client buffers rises (the step from 20,000 to 80,000 bytes at the start) ...
        Map<String, CapacityFit> parts = new LinkedHashMap<>();
        plan.components().forEach(c -> parts.put(c.name(), c.fit()));
        assertThat(parts.get("client_buffers").perUnit()).isPositive();
        // ... but the prediction is the line without them plus what the connections held at 20,000 vectors.
        double per = KEYSPACE_PER + INDEX_PER + OVERHEAD_PER;
        double vectorsAndServer = KEYSPACE_0 + INDEX_0 + OVERHEAD_0 + per * 60_000;
        assertThat(plan.clientBuffers()).isCloseTo(80_000, within(1e-9));
        assertThat(plan.predict(60_000).value()).isCloseTo(vectorsAndServer + 80_000, within(1e-2));
        assertThat(plan.vectorsFor(vectorsAndServer + 80_000).value()).isCloseTo(60_000, within(1e-6));
        assertThat(CapacityReport.text(run, plan, 60_000L, null)).contains("plus the 78.13 KiB of client buffers "
                + "this run's connections held at 20,000 vectors");
        assertThat(CapacityReport.json(run, plan, 60_000L, null)).containsEntry("client_buffers_bytes", 80_000.0);
    }

    @Test
    void theRangeAllowsTheLargestStepSeenOnEitherSideOfTheLine() {
        sample("", 0, 0, 0);
        // Readings off the line by +d, -2d, +d at 5,000, 10,000 and 15,000: deviations whose own least-squares
        // line is zero (they sum to 0 and are balanced about 10,000), so the fitted line is the generating one.
        double d = 40_000;
        for (long n = 5000; n <= 20_000; n += 5000) {
            double extra = n == 10_000 ? -2 * d : n == 20_000 ? 0 : d;
            sample("grow_" + n, n - 2500, n - 500, 0);
            checkpoint("at_" + n, n, extra);
        }
        CapacityPlan plan = CapacityPlan.of(run);

        double per = KEYSPACE_PER + INDEX_PER + OVERHEAD_PER;
        double fixed = KEYSPACE_0 + INDEX_0 + OVERHEAD_0;
        assertThat(plan.perVector().perUnit()).isCloseTo(per, within(1e-6));
        assertThat(plan.stepLow()).isCloseTo(-2 * d / (fixed + per * 10_000), within(1e-12));
        assertThat(plan.stepHigh()).isCloseTo(d / (fixed + per * 5_000), within(1e-12));
        double allowance = 2 * d / (fixed + per * 10_000);
        assertThat(plan.stepAllowance()).isCloseTo(allowance, within(1e-12));
        // Above the line as far as the readings fell below it, and below it as far: 60,000 may sit on either side.
        // The steps are those of the memory without client buffers, so the allowance applies to that part.
        CapacityFit.Estimate at = plan.predict(60_000);
        double line = fixed + per * 60_000;
        assertThat(at.value()).isCloseTo(CLIENTS + line, within(1e-3));
        assertThat(at.low()).isLessThanOrEqualTo(CLIENTS + line * (1 - allowance) + 1e-3);
        assertThat(at.high()).isGreaterThanOrEqualTo(CLIENTS + line * (1 + allowance) - 1e-3);
        CapacityFit.Estimate n = plan.vectorsFor(CLIENTS + line);
        assertThat(n.value()).isCloseTo(60_000, within(1e-6));
        assertThat(n.low()).isLessThanOrEqualTo((line / (1 + allowance) - fixed) / per + 1e-6);
        assertThat(n.high()).isGreaterThanOrEqualTo((line / (1 - allowance) - fixed) / per - 1e-6);
    }

    @Test
    void readingsAfterTheFirstShrinkStayOutOfTheFitAndShowWhatStayedAbove() {
        growInSteps(15_000);
        // After deleting down to 5,000 the server keeps 300,000 bytes it held for the deleted vectors.
        sample("shrink", 5000, 5000, 300_000);
        checkpoint("shrunk", 5000, 300_000);
        growTo(5000, 15000, "regrow");
        CapacityPlan plan = CapacityPlan.of(run);

        assertThat(plan.maxLive()).isEqualTo(15000);
        assertThat(plan.used().perUnit()).isCloseTo(KEYSPACE_PER + INDEX_PER + OVERHEAD_PER, within(1e-6));
        assertThat(plan.afterShrinks()).extracting(CapacityPlan.ShrinkReading::name).containsExactly("shrunk", "at_15000");
        CapacityPlan.ShrinkReading shrunk = plan.afterShrinks().get(0);
        assertThat(shrunk.live()).isEqualTo(5000);
        assertThat(shrunk.excess()).isCloseTo(300_000, within(1e-3));
        assertThat(CapacityReport.shrinkLine(shrunk)).contains("'shrunk'").contains("5,000 vectors")
                .contains("+292.97 KiB").contains("mem_fragmentation_ratio 1.30");
    }

    @Test
    void aRunWithoutReadingsAtThreeCountsIsRefusedWithWhatToDo() {
        sample("", 0, 0, 0);
        sample("grow", 2500, 4500, 0);
        checkpoint("at_5000", 5000, 0);

        assertThatThrownBy(() -> CapacityPlan.of(run)).isInstanceOf(VstException.class)
                .hasMessageContaining("2 different vector counts").hasMessageContaining("3 or more")
                .satisfies(e -> assertThat(((VstException) e).hint()).contains("capacity_probe"));
    }
}
