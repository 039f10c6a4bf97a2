package io.vst.gui.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.gui.live.FeedBatch;
import io.vst.rundir.RunOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whatever ends the workbench's run thread becomes the run's failure, with a message a user can act on and no
 * Java class name: without an outcome the window would say "Running" forever.
 */
class RunThreadFailureTest {

    @Test
    void runningOutOfMemoryEndsTheRunAsFailedWithWhatToDo() {
        LiveFeed feed = new LiveFeed();
        RunController.failuresShown(feed, f -> {
            throw new OutOfMemoryError("Java heap space");
        });
        FeedBatch b = feed.dispatch(List.of());
        assertThat(b.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(b.outcomeMessage()).isEqualTo("The run failed: vst ran out of memory (Java heap space)")
                .doesNotContain("java.").doesNotContain("Error");
        assertThat(b.outcomeHint()).contains("VST_JAVA_OPTS=-Xmx");
    }

    @Test
    void anyOtherErrorEndsTheRunAsFailed() {
        LiveFeed feed = new LiveFeed();
        RunController.failuresShown(feed, f -> {
            throw new StackOverflowError("deep scenario");
        });
        FeedBatch b = feed.dispatch(List.of());
        assertThat(b.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(b.outcomeMessage()).isEqualTo("The run failed: deep scenario");
    }
}
