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
 * An ingest from a far start_index costs vst heap for every id below it: the run refuses it up front, with the
 * heap it would need, rather than failing at its first write with the heap exhausted.
 */
class IdHeapTest {

    private static final String SCENARIO = """
            name: far
            dataset: synthetic-8
            steps:
              - {name: load, type: workload, workload: ingest, parameters: {target_vectors: 1000, start_index: %d}}
            """;

    @Test
    void anIngestFromAFarStartIndexIsRefusedWithTheHeapItNeeds() {
        RunPlan far = EngineHarness.plan(String.format(Locale.ROOT, SCENARIO, 300_000_000));
        assertThatThrownBy(() -> RunPlanEstimates.requireHeapForIds(far, 512L << 20))
                .isInstanceOfSatisfying(VstException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VstException.Kind.INVALID_INPUT);
                    assertThat(e.hint()).contains("VST_JAVA_OPTS=-Xmx3g");
                })
                .hasMessage("Step 'load' writes ids up to 300,001,000 (start_index 300,000,000): vst's record of the"
                        + " live vectors needs about 1.54 GiB of its heap for them, more than the 512.00 MiB it has can spare");
        assertThatCode(() -> RunPlanEstimates.requireHeapForIds(far, 3L << 30)).doesNotThrowAnyException();
        RunPlan near = EngineHarness.plan(String.format(Locale.ROOT, SCENARIO, 1_000_000));
        assertThatCode(() -> RunPlanEstimates.requireHeapForIds(near, 512L << 20)).doesNotThrowAnyException();
    }

    /** The figure the refusal uses, against the JVM's own count of the heap the live set took. */
    @Test
    void theLiveSetTakesAboutItsStatedHeapPerIdBelowTheHighest() {
        long id = 20_000_000;
        double perId = heapPerId("one id", id + 1, live -> {
            live.begin(id);
            live.addAcknowledged(id);
        }, 1);
        assertThat(perId).as("heap bytes per id, against LiveSet.HEAP_BYTES_PER_ID")
                .isBetween(LiveSet.HEAP_BYTES_PER_ID * 0.8, LiveSet.HEAP_BYTES_PER_ID * 1.1);
    }

    /**
     * An ingest reserves its range first: a thousand ids written after a far start take the heap the refusal
     * assumes. Grown id by id instead, the arrays doubled past the range at the second id (seen: a 2.2 GB
     * position array after a 1.1 GB one, and a run given the -Xmx the refusal named ran out of heap).
     */
    @Test
    void idsWrittenFromAFarStartAfterAReserveTakeTheStatedHeap() {
        long start = 20_000_000;
        double perId = heapPerId("after a reserve", start + 1000, live -> {
            live.reserve(start + 1000);
            for (long id = start; id < start + 1000; id++) {
                live.begin(id);
                live.addAcknowledged(id);
            }
        }, 1000);
        assertThat(perId).as("heap bytes per id, against LiveSet.HEAP_BYTES_PER_ID")
                .isBetween(LiveSet.HEAP_BYTES_PER_ID * 0.8, LiveSet.HEAP_BYTES_PER_ID * 1.1);
    }

    /**
     * The heap a new live set takes once {@code fill} has written to it, per id below {@code idsBelow}, as the
     * JVM counts its heap after a collection on either side; {@code live} vectors are then live.
     */
    private static double heapPerId(String what, long idsBelow, Consumer<LiveSet> fill, int live) {
        MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
        long before = used(heap);
        LiveSet set = new LiveSet(1);
        fill.accept(set);
        long after = used(heap);
        assertThat(set.size()).isEqualTo(live);
        double perId = (after - before) / (double) idsBelow;
        System.out.printf(Locale.ROOT, "live set heap, %s: %.2f bytes per id below %,d%n", what, perId, idsBelow);
        return perId;
    }

    private static long used(MemoryMXBean heap) {
        System.gc();
        return heap.getHeapMemoryUsage().getUsed();
    }
}
