package io.vst.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The kinds of stop the engine tells apart, read from what a {@link StopSignal} says. */
class StopReasonTest {

    @Test
    void aPassedDeadlineReadsAsDeadline() {
        StopSignal scenario = StopSignal.root().child(0.02);
        assertThat(scenario.sleep(5_000)).as("woken by its deadline").isTrue();
        assertThat(scenario.reason()).isEqualTo("deadline");
        assertThat(StopReason.parse(scenario.reason())).isEqualTo(StopReason.DEADLINE);
        // a step under the scenario sees the scenario's deadline as its reason
        assertThat(StopReason.parse(scenario.child(0).reason())).isEqualTo(StopReason.DEADLINE);
    }

    @Test
    void userStopsReadAsInterruptedAndTheRestAsOther() {
        StopSignal root = StopSignal.root();
        root.stop("interrupted by Ctrl-C");
        assertThat(StopReason.parse(root.reason())).isEqualTo(StopReason.INTERRUPTED);
        StopSignal limit = StopSignal.root();
        limit.stop("used_memory 900 MB above max_memory_usage_mb 800");
        assertThat(StopReason.parse(limit.reason())).isEqualTo(StopReason.OTHER);
        assertThat(StopReason.parse(StopSignal.root().reason())).as("not stopped").isEqualTo(StopReason.OTHER);
    }
}
