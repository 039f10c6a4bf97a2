package io.vst.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a query's view counts as settled while writes and deletes are in flight (DESIGN.md section 8). */
class LiveSetChurnTest {

    private static LiveSet tenLive() {
        LiveSet live = new LiveSet(7);
        live.addRange(0, 10);
        return live;
    }

    @Test
    void aWriteAnsweredBeforeTheViewIsSettledAndOneInFlightIsNot() {
        LiveSet live = tenLive();
        live.begin(10);
        live.addAcknowledged(10);
        live.begin(11);
        long view = live.view();
        assertThat(live.settledSince(view, 10)).isTrue();
        assertThat(live.settledSince(view, 11)).isFalse();
        live.addAcknowledged(11);
        // Answered after the view: the query may or may not have seen it, for good.
        assertThat(live.settledSince(view, 11)).isFalse();
        assertThat(live.settledSince(live.view(), 11)).isTrue();
        assertThat(live.settledSnapshot(view)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void aWriteSentAfterTheViewUnsettlesItsId() {
        LiveSet live = tenLive();
        long view = live.view();
        assertThat(live.busySince(view)).isFalse();
        live.begin(4);
        assertThat(live.busySince(view)).isTrue();
        live.end(4);
        assertThat(live.settledSince(view, 4)).isFalse();
        assertThat(live.settledSince(view, 5)).isTrue();
        assertThat(live.settledSnapshot(view)).containsExactly(0, 1, 2, 3, 5, 6, 7, 8, 9);
    }

    @Test
    void idsTakenForRemovalStayPresentUntilTheirDeleteIsAnswered() {
        LiveSet live = tenLive();
        long[] taken = live.takeForRemoval(3, RemovalStrategy.OLDEST);
        assertThat(taken).containsExactly(0, 1, 2);
        assertThat(live.size()).isEqualTo(7);
        assertThat(live.contains(0)).isFalse();
        long before = live.view();
        assertThat(live.settledSnapshot(before)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        live.begin(0);
        live.begin(1);
        assertThat(live.settledSnapshot(live.view())).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
        live.removalAcknowledged(0);
        live.removalFailed(1);
        live.keep(taken, 2);
        long after = live.view();
        assertThat(live.settledSnapshot(after)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(live.snapshot()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(live.settledSince(before, 0)).isFalse();
        assertThat(live.settledSince(before, 2)).isTrue();
    }

    @Test
    void overlappingOperationsOnOneIdLeaveItUnsettledUntilOneRunsAlone() {
        LiveSet live = tenLive();
        live.begin(3);
        live.begin(3);
        live.end(3);
        live.end(3);
        long view = live.view();
        // Two updates raced: which one the server kept is unknown.
        assertThat(live.settledSince(view, 3)).isFalse();
        assertThat(live.settledSnapshot(view)).doesNotContain(3L);
        live.begin(3);
        live.end(3);
        assertThat(live.settledSince(live.view(), 3)).isTrue();
    }

    @Test
    void clearingUnsettlesEveryViewTakenBefore() {
        LiveSet live = tenLive();
        long view = live.view();
        live.begin(2);
        live.clear();
        assertThat(live.size()).isZero();
        assertThat(live.settledSince(view, 5)).isFalse();
        assertThat(live.settledSince(view, 500)).isFalse();
        long later = live.view();
        assertThat(live.settledSince(later, 2)).isTrue();
        assertThat(live.settledSnapshot(later)).isEmpty();
    }

    @Test
    void idsTakenForRemovalCountAsPresentUntilTheirDeletesAreAnswered() {
        LiveSet live = tenLive();
        long[] gone = live.takeForRemoval(4, RemovalStrategy.OLDEST);
        // The server still holds all ten keys: none of the deletes has been answered.
        assertThat(live.size()).isEqualTo(6);
        assertThat(live.presentCount()).isEqualTo(10);
        live.removalAcknowledged(gone[0]);
        live.removalFailed(gone[1]);
        assertThat(live.presentCount()).isEqualTo(9);
        live.keep(gone, 2);
        assertThat(live.size()).isEqualTo(9);
        assertThat(live.presentCount()).isEqualTo(9);
        live.takeForRemoval(3, RemovalStrategy.NEWEST);
        live.clear();
        assertThat(live.presentCount()).isZero();
    }
}
