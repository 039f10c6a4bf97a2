package io.vst.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A signal stops when it, or any signal above it, is stopped or past its deadline; never from below or aside. */
class StopSignalTest {

    @Test
    void aStopAtAnyLevelOfTheChainStopsTheSignalsBelowItOnly() {
        for (int level = 0; level < 4; level++) {
            StopSignal[] chain = new StopSignal[4];
            chain[0] = StopSignal.root();
            for (int i = 1; i < chain.length; i++) {
                chain[i] = chain[i - 1].child(0);
            }
            StopSignal sibling = chain[2].child(0);
            chain[level].stop("level " + level);
            for (int i = 0; i < chain.length; i++) {
                assertThat(chain[i].isStopped()).as("signal %d after a stop at level %d", i, level).isEqualTo(i >= level);
            }
            assertThat(sibling.isStopped()).as("a sibling under level 2, stop at level %d", level).isEqualTo(level <= 2);
            assertThat(chain[3].reason()).isEqualTo("level " + level);
        }
    }

    @Test
    void aPassedDeadlineHighUpTheChainStopsTheLeaf() throws InterruptedException {
        StopSignal scenario = StopSignal.root().child(0.01);
        StopSignal leaf = scenario.child(0).child(0).child(60);
        StopSignal other = StopSignal.root().child(0).child(0).child(60);
        Thread.sleep(30);
        assertThat(leaf.isStopped()).isTrue();
        assertThat(leaf.timedOut()).as("its own deadline (60 s) has not passed").isFalse();
        assertThat(other.isStopped()).isFalse();
    }

    @Test
    void aSignalMadeUnderAStoppedOneIsStoppedAndAStoppedSiblingStopsNobodyElse() {
        StopSignal run = StopSignal.root();
        StopSignal step = run.child(0);
        StopSignal sibling = run.child(0).child(0);
        step.child(0).stop("monitor done");
        for (int i = 0; i < 3; i++) {
            assertThat(step.isStopped()).as("call %d: a child's stop does not stop its parent", i).isFalse();
            assertThat(sibling.isStopped()).as("call %d", i).isFalse();
        }
        run.stop("interrupted by Ctrl-C");
        assertThat(sibling.isStopped()).isTrue();
        StopSignal late = run.child(0).child(30);
        assertThat(late.isStopped()).as("made after the run stopped").isTrue();
        assertThat(late.reason()).isEqualTo("interrupted by Ctrl-C");
    }
}
