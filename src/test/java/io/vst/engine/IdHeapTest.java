package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import io.vst.dataset.LiveSet;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * vst's record of the live vectors holds every id from the lowest written to the highest. One ingest from a far
 * start_index takes only its own ids' room; ingests far apart from each other are refused up front, with the heap
 * they would need, rather than failing at the second one's first write with the heap exhausted.
 */
class IdHeapTest {

    private static final String ONE = """
            name: far
            dataset: synthetic-8
            steps:
              - {name: load, type: workload, workload: ingest, parameters: {target_vectors: 1000, start_index: %d}}
            """;

    private static final String TWO = """
            name: apart
            dataset: synthetic-8
            steps:
              - {name: first, type: workload, workload: ingest, parameters: {target_vectors: 1000, start_index: %d}}
              - {name: second, type: workload, workload: ingest, parameters: {target_vectors: 1000, start_index: %d}}
            """;

    @Test
    void ingestsFarApartAreRefusedWithTheHeapTheyNeed() {
        RunPlan apart = EngineHarness.plan(String.format(Locale.ROOT, TWO, 0, 300_000_000));
        assertThatThrownBy(() -> RunPlanEstimates.requireHeapForIds(apart, 512L << 20))
                .isInstanceOfSatisfying(VstException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VstException.Kind.INVALID_INPUT);
                    assertThat(e.hint()).contains("start_index").contains("VST_JAVA_OPTS=-Xmx3g");
                })
                .hasMessage("Step 'second' writes ids up to 300,001,000 (start_index 300,000,000) and step 'first'"
                        + " from 0: vst's record of the live vectors holds every id between, about 1.54 GiB of its"
                        + " heap, more than the 512.00 MiB it has can spare");
        assertThatCode(() -> RunPlanEstimates.requireHeapForIds(apart, 3L << 30)).doesNotThrowAnyException();
        RunPlan reversed = EngineHarness.plan(String.format(Locale.ROOT, TWO, 300_000_000, 0));
        assertThatThrownBy(() -> RunPlanEstimates.requireHeapForIds(reversed, 512L << 20))
                .hasMessageStartingWith("Step 'first' writes ids up to 300,001,000 (start_index 300,000,000) and step"
                        + " 'second' from 0");
        RunPlan near = EngineHarness.plan(String.format(Locale.ROOT, TWO, 0, 1_000_000));
        assertThatCode(() -> RunPlanEstimates.requireHeapForIds(near, 512L << 20)).doesNotThrowAnyException();
    }

    @Test
    void oneIngestFromAFarStartIndexIsNotRefused() {
        RunPlan far = EngineHarness.plan(String.format(Locale.ROOT, ONE, 300_000_000));
        assertThatCode(() -> RunPlanEstimates.requireHeapForIds(far, 512L << 20)).doesNotThrowAnyException();
    }

    /** The figure the refusal uses, against the JVM's own count of the heap the live set took. */
    @Test
    void theLiveSetTakesAboutItsStatedHeapPerIdBetweenTheLowestAndTheHighest() {
        long id = 20_000_000;
        double perId = heapPerId("two ids 20M apart", id + 1, live -> {
            live.begin(0);
            live.addAcknowledged(0);
            live.begin(id);
            live.addAcknowledged(id);
        }, 2);
        assertThat(perId).as("heap bytes per id, against LiveSet.HEAP_BYTES_PER_ID")
                .isBetween(LiveSet.HEAP_BYTES_PER_ID * 0.8, LiveSet.HEAP_BYTES_PER_ID * 1.1);
    }

    /**
     * A thousand ids written from a far start, after the ingest's reserve, take kilobytes: the arrays start at the
     * first id. Indexed from 0 they took 5.5 bytes for every id below the start (110 MB here, and 55 MB in the
     * ingest benchmark's 200,000 ids from 10,000,000, resident beside the server it measures).
     */
    @Test
    void idsWrittenFromAFarStartTakeTheRoomOfThoseIdsOnly() {
        long start = 20_000_000;
        long bytes = heapTaken(live -> {
            live.reserve(start, start + 1000);
            for (long id = start; id < start + 1000; id++) {
                live.begin(id);
                live.addAcknowledged(id);
            }
        }, 1000);
        System.out.printf(Locale.ROOT, "live set heap, 1,000 ids from %,d: %,d bytes%n", start, bytes);
        assertThat(bytes).as("heap of 1,000 ids from %,d", start).isLessThan(64 * 1024);
    }

    /** The same ids written from the highest down: the arrays move down a few times, and keep little room. */
    @Test
    void idsWrittenDownwardsFromAFarStartTakeLittleRoom() {
        long start = 20_000_000;
        long bytes = heapTaken(live -> {
            for (long id = start + 9_999; id >= start; id--) {
                live.begin(id);
                live.addAcknowledged(id);
            }
        }, 10_000);
        System.out.printf(Locale.ROOT, "live set heap, 10,000 ids down to %,d: %,d bytes%n", start, bytes);
        assertThat(bytes).as("heap of 10,000 ids written downwards").isLessThan(10_000 * 16 + 64 * 1024);
    }

    /**
     * The heap a new live set takes once {@code fill} has written to it, per id below {@code idsBelow}, as the
     * JVM counts its heap after a collection on either side; {@code live} vectors are then live.
     */
    private static double heapPerId(String what, long idsBelow, Consumer<LiveSet> fill, int live) {
        double perId = heapTaken(fill, live) / (double) idsBelow;
        System.out.printf(Locale.ROOT, "live set heap, %s: %.2f bytes per id below %,d%n", what, perId, idsBelow);
        return perId;
    }

    /** The heap a new live set holds once {@code fill} has written to it, as the JVM counts it. */
    private static long heapTaken(Consumer<LiveSet> fill, int live) {
        MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
        long before = used(heap);
        LiveSet set = new LiveSet(1);
        fill.accept(set);
        long after = used(heap);
        assertThat(set.size()).isEqualTo(live);
        return after - before;
    }

    private static long used(MemoryMXBean heap) {
        System.gc();
        return heap.getHeapMemoryUsage().getUsed();
    }
}
