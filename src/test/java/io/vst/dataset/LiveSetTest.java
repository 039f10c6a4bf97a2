package io.vst.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.BitSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LiveSetTest {

    @Test
    void addRemoveContainsAndSnapshot() {
        LiveSet live = new LiveSet(1);
        assertThat(live.add(5)).isTrue();
        assertThat(live.add(5)).isFalse();
        live.addRange(100, 110);
        assertThat(live.size()).isEqualTo(11);
        assertThat(live.remove(103)).isTrue();
        assertThat(live.remove(103)).isFalse();
        assertThat(live.contains(103)).isFalse();
        assertThat(live.contains(104)).isTrue();
        assertThat(live.contains(1_000_000)).isFalse();
        assertThat(live.snapshot()).containsExactly(5, 100, 101, 102, 104, 105, 106, 107, 108, 109);
    }

    @Test
    void addAllAddsTheSetBitsInAscendingOrderAndCountsOnlyTheNewOnes() {
        LiveSet live = new LiveSet(1);
        live.add(7);
        BitSet ids = new BitSet();
        ids.set(3);
        ids.set(7);
        ids.set(12);
        assertThat(live.addAll(ids)).isEqualTo(2);
        assertThat(live.insertionOrder()).containsExactly(7, 3, 12);
        assertThat(live.addAll(ids)).isZero();
        assertThat(live.addAll(new BitSet())).isZero();
    }

    @Test
    void oldestAndNewestFollowInsertionOrderIncludingReAdds() {
        LiveSet live = new LiveSet(1);
        for (long id : new long[] {30, 10, 20, 40, 50}) {
            live.add(id);
        }
        live.remove(10);
        live.add(10); // re-added: now the newest
        assertThat(live.insertionOrder()).containsExactly(30, 20, 40, 50, 10);
        assertThat(live.take(2, RemovalStrategy.OLDEST)).containsExactly(30, 20);
        assertThat(live.take(2, RemovalStrategy.NEWEST)).containsExactly(10, 50);
        assertThat(live.snapshot()).containsExactly(40);
        assertThat(live.take(5, RemovalStrategy.NEWEST)).containsExactly(40);
        assertThat(live.size()).isZero();
    }

    @Test
    void randomIsSeededUniformAndWithoutRepeats() {
        LiveSet a = new LiveSet(42);
        LiveSet b = new LiveSet(42);
        a.addRange(0, 10_000);
        b.addRange(0, 10_000);
        long[] ta = a.take(5_000, RemovalStrategy.RANDOM);
        assertThat(b.take(5_000, RemovalStrategy.RANDOM)).containsExactly(ta);
        assertThat(Arrays.stream(ta).distinct().count()).isEqualTo(5_000);
        long low = Arrays.stream(ta).filter(id -> id < 5_000).count();
        assertThat(low).isBetween(2_300L, 2_700L);
        assertThat(a.size()).isEqualTo(5_000);
        assertThat(Arrays.stream(a.snapshot()).noneMatch(id -> Arrays.stream(ta).anyMatch(t -> t == id))).isTrue();
    }

    @Test
    void expansionPriorityTakesHighestExpansionFirst() {
        long n = 100;
        LiveSet live = new LiveSet(3);
        live.addRange(0, 300); // originals 0..99, expansion 1 = 100..199, expansion 2 = 200..299
        long[] first = live.take(150, RemovalStrategy.EXPANSION_PRIORITY);
        assertThat(Arrays.stream(first).limit(100).allMatch(id -> VectorIds.expansion(id, n) == 2)).isTrue();
        assertThat(Arrays.stream(first).skip(100).allMatch(id -> VectorIds.expansion(id, n) == 1)).isTrue();
        assertThat(live.snapshot()).hasSize(150);
        assertThat(Arrays.stream(live.snapshot()).allMatch(id -> id < 150)).isTrue();
    }

    @Test
    void tenMillionIdsChurnCheaply() {
        LiveSet live = new LiveSet(9);
        long start = System.nanoTime();
        live.addRange(0, 10_000_000);
        live.take(3_000_000, RemovalStrategy.RANDOM);
        live.take(1_000_000, RemovalStrategy.OLDEST);
        live.addRange(10_000_000, 11_000_000);
        live.take(1_000_000, RemovalStrategy.NEWEST);
        long[] snap = live.snapshot();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(snap).hasSize(6_000_000);
        assertThat(LongStream.of(snap).max().orElseThrow()).isLessThan(10_000_000);
        assertThat(seconds).as("10M-id churn took %.1f s", seconds).isLessThan(20);
    }
}
