package io.vst.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The live set's arrays start at the lowest id it was given, not at 0. A set given ids far from 0, lower ones
 * arriving later, must answer exactly as one given the same ids moved down to start near 0 (whose arrays start at
 * 0 and never move), and its live ids must be those of a plain sorted set fed the same operations.
 */
class LiveSetBaseTest {

    /** Far ids: the first writes land at FAR + 50,000 and later ones reach down to FAR. */
    private static final long FAR = 300_000_000L;
    private static final long SPAN = 100_000;

    @Test
    void aSetOfFarIdsAnswersAsTheSameIdsNearZeroAndAsASortedSet() {
        LiveSet far = new LiveSet(5);
        LiveSet near = new LiveSet(5);
        TreeSet<Long> model = new TreeSet<>();
        SplittableRandom random = new SplittableRandom(11);
        List<long[]> pendingRemovals = new ArrayList<>();
        // Rounds from the middle of the span down to its start, so the far set's base moves down many times.
        for (int round = 0; round < 40; round++) {
            long low = SPAN / 2 - round * (SPAN / 2 / 40);
            for (int i = 0; i < 500; i++) {
                long id = low + random.nextLong(SPAN / 2);
                if (model.contains(id)) {
                    continue; // live, or its delete in flight: an ingest does not write it again
                }
                far.begin(FAR + id);
                near.begin(id);
                far.addAcknowledged(FAR + id);
                near.addAcknowledged(id);
                model.add(id);
            }
            RemovalStrategy strategy = RemovalStrategy.values()[round % RemovalStrategy.values().length];
            long[] fromFar = far.takeForRemoval(120, strategy);
            long[] fromNear = near.takeForRemoval(120, strategy);
            assertThat(minus(fromFar, FAR)).as("round %d, %s", round, strategy).containsExactly(fromNear);
            // Their deletes are sent now and answered in the next round, after lower ids moved the arrays.
            for (int j = 0; j < fromNear.length; j++) {
                far.begin(fromFar[j]);
                near.begin(fromNear[j]);
            }
            pendingRemovals.add(fromNear);
            assertThat(far.presentCount()).isEqualTo(near.presentCount()).isEqualTo(model.size());
            // The previous round's deletes are answered: a third fail; this round's stay in flight.
            long view = far.view();
            long nearView = near.view();
            if (pendingRemovals.size() > 1) {
                long[] older = pendingRemovals.remove(0);
                for (int j = 0; j < older.length; j++) {
                    if (j % 3 == 0) {
                        far.removalFailed(FAR + older[j]);
                        near.removalFailed(older[j]);
                    } else {
                        far.removalAcknowledged(FAR + older[j]);
                        near.removalAcknowledged(older[j]);
                        model.remove(older[j]);
                    }
                }
            }
            assertThat(minus(far.settledSnapshot(view), FAR)).containsExactly(near.settledSnapshot(nearView));
            assertThat(minus(far.snapshot(), FAR)).containsExactly(near.snapshot());
            assertThat(minus(far.insertionOrder(), FAR)).containsExactly(near.insertionOrder());
            long[] live = near.snapshot();
            long[] pending = pendingRemovals.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            assertThat(union(live, pending)).as("present ids, against a sorted set")
                    .containsExactly(model.stream().mapToLong(Long::longValue).toArray());
            for (int k = 0; k < 50; k++) {
                long id = random.nextLong(SPAN);
                assertThat(far.contains(FAR + id)).isEqualTo(near.contains(id));
                assertThat(far.settledSince(view, FAR + id)).isEqualTo(near.settledSince(nearView, id));
            }
        }
        assertThat(far.contains(FAR - 1)).isFalse();
        assertThat(far.contains(0)).isFalse();
        assertThat(far.settledSince(far.view(), FAR - 1_000_000)).as("an id never written").isTrue();
    }

    @Test
    void idsThatComeLowerAndLowerAreAllKept() {
        LiveSet live = new LiveSet(1);
        for (long id = FAR + 9_999; id >= FAR; id--) {
            live.begin(id);
            live.addAcknowledged(id);
        }
        live.add(FAR - 64 * 1000 - 3);
        assertThat(live.size()).isEqualTo(10_001);
        long[] snap = live.snapshot();
        assertThat(snap[0]).isEqualTo(FAR - 64 * 1000 - 3);
        assertThat(snap[1]).isEqualTo(FAR);
        assertThat(snap[snap.length - 1]).isEqualTo(FAR + 9_999);
        assertThat(live.take(1, RemovalStrategy.OLDEST)).containsExactly(FAR + 9_999);
        assertThat(live.take(1, RemovalStrategy.EXPANSION_PRIORITY)).containsExactly(FAR + 9_998);
        assertThat(live.take(1, RemovalStrategy.NEWEST)).containsExactly(FAR - 64 * 1000 - 3);
    }

    private static long[] minus(long[] ids, long offset) {
        return Arrays.stream(ids).map(id -> id - offset).toArray();
    }

    private static long[] union(long[] a, long[] b) {
        return LongStream.concat(Arrays.stream(a), Arrays.stream(b)).sorted().toArray();
    }
}
