package io.vst.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shuffle's permutation: a bijection of [0, n) for any n, seeded, in O(1) memory. */
class PermutationTest {

    private static void assertBijection(long n, long seed) {
        Permutation p = new Permutation(n, seed);
        BitSet seen = new BitSet((int) n);
        for (long x = 0; x < n; x++) {
            long y = p.apply(x);
            assertThat(y).as("n=%d seed=%d x=%d", n, seed, x).isBetween(0L, n - 1);
            assertThat(seen.get((int) y)).as("n=%d seed=%d: %d hit twice", n, seed, y).isFalse();
            seen.set((int) y);
        }
        assertThat(seen.cardinality()).isEqualTo((int) n);
    }

    @Test
    void everySizeIsPermutedExactly() {
        for (long n = 1; n <= 300; n++) {
            assertBijection(n, 42);
        }
        for (long n : new long[] {1023, 1024, 1025, 5000, 20_000, 65_536, 65_537, 1_000_003}) {
            assertBijection(n, 7);
        }
    }

    @Test
    void theSameSeedGivesTheSameOrderAndAnotherSeedAnother() {
        Permutation a = new Permutation(20_000, 1);
        Permutation b = new Permutation(20_000, 1);
        Permutation c = new Permutation(20_000, 2);
        int same = 0;
        int fixed = 0;
        for (long x = 0; x < 20_000; x++) {
            assertThat(b.apply(x)).isEqualTo(a.apply(x));
            same += a.apply(x) == c.apply(x) ? 1 : 0;
            fixed += a.apply(x) == x ? 1 : 0;
        }
        // A random permutation agrees with another (or the identity) in about 1 place.
        assertThat(same).isLessThan(20);
        assertThat(fixed).isLessThan(20);
    }

    @Test
    void twoToTheThirtyOneRowsArePermutedInConstantMemory() {
        long n = 1L << 31;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        Permutation p = new Permutation(n, 99);
        long sum = 0;
        for (long x = n - 100_000; x < n; x++) {
            sum += p.apply(x);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        // An array or bitmap of n would be 256 MB at the least.
        assertThat(allocated).as("bytes allocated for 100,000 images of a 2^31 permutation").isLessThan(1 << 20);
        assertThat(sum).isPositive();
        Set<Long> images = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            long y = p.apply(i * 10_007L);
            assertThat(y).isBetween(0L, n - 1);
            images.add(y);
        }
        assertThat(images).as("images of 200,000 distinct positions").hasSize(200_000);
    }

    @Test
    void theLargestRangesStayInRange() {
        for (long n : new long[] {Long.MAX_VALUE, (1L << 62) + 3, (1L << 63) - 2}) {
            Permutation p = new Permutation(n, 3);
            for (long x : new long[] {0, 1, n / 2, n - 1}) {
                assertThat(p.apply(x)).isBetween(0L, n - 1);
            }
        }
        assertThatThrownBy(() -> new Permutation(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Permutation(10, 1).apply(10)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void anIngestOrderRepeatsTheRowOrderOverExpansionBlocks() {
        IdSequence order = IdSequence.forIngest(0, 1000, 5000, true, 11);
        Set<Long> firstBlock = new HashSet<>();
        for (long pos = 0; pos < 1000; pos++) {
            long id = order.idAt(pos);
            firstBlock.add(id);
            assertThat(order.idAt(pos + 1000)).isEqualTo(1000 + id);
        }
        assertThat(firstBlock).hasSize(1000);
        IdSequence unbounded = IdSequence.forIngest(500, Long.MAX_VALUE, 300, true, 11);
        Set<Long> span = new HashSet<>();
        for (long pos = 0; pos < 300; pos++) {
            span.add(unbounded.idAt(pos));
        }
        assertThat(span).hasSize(300).allMatch(id -> id >= 500 && id < 800);
        assertThat(IdSequence.forIngest(500, Long.MAX_VALUE, 300, false, 11).idAt(0)).isEqualTo(500);
    }
}
