package io.vst.gui.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.VstException;
import io.vst.gui.live.FeedBatch;
import io.vst.rundir.RunOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whatever ends the workbench's run thread becomes the run's failure, with a message a user can act on and no
 * Java class name: without an outcome the window would say "Running" forever. The words are the ones the CLI
 * prints for the same failure.
 */
class RunThreadFailureTest {

    private static final String SEE_THE_LOG = "see the Log tab and vst.log in the run directory";

    @Test
    void runningOutOfMemoryEndsTheRunAsFailedWithWhatToDo() {
        FeedBatch b = endedBy(new OutOfMemoryError("Java heap space"));
        assertThat(b.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(b.outcomeMessage()).isEqualTo("The run failed: vst ran out of memory (Java heap space)")
                .doesNotContain("java.").doesNotContain("Error");
        assertThat(b.outcomeHint()).isEqualTo("give it more heap, e.g. VST_JAVA_OPTS=-Xmx2g");
        assertThat(b.log()).singleElement().asString()
                .endsWith(" run failed: vst ran out of memory (Java heap space): give it more heap, e.g. VST_JAVA_OPTS=-Xmx2g");
    }

    @Test
    void anyOtherErrorEndsTheRunAsFailed() {
        FeedBatch b = endedBy(new StackOverflowError("deep scenario"));
        assertThat(b.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(b.outcomeMessage()).isEqualTo("The run failed: internal error: the call stack overflowed");
        assertThat(b.outcomeHint()).isEqualTo(SEE_THE_LOG);
        FeedBatch linkage = endedBy(new NoClassDefFoundError("org/jfree/chart/JFreeChart"));
        assertThat(linkage.outcomeMessage()).isEqualTo("The run failed: org/jfree/chart/JFreeChart");
    }

    @Test
    void anExceptionEndsTheRunAsFailedWithItsMessageOrInternalError() {
        FeedBatch b = endedBy(new IllegalStateException("queue closed"));
        assertThat(b.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(b.outcomeMessage()).isEqualTo("The run failed: queue closed");
        assertThat(b.outcomeHint()).isEqualTo(SEE_THE_LOG);
        assertThat(b.log()).singleElement().asString().endsWith(" run failed: queue closed");
        assertThat(endedBy(new NullPointerException()).outcomeMessage()).isEqualTo("The run failed: internal error");
    }

    @Test
    void vstsOwnFailureKeepsItsMessageAndHint() {
        FeedBatch b = endedBy(new VstException(VstException.Kind.RUNTIME, "no index 'x'", "create it first"));
        assertThat(b.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(b.outcomeMessage()).isEqualTo("no index 'x'");
        assertThat(b.outcomeHint()).isEqualTo("create it first");
        assertThat(b.log()).singleElement().asString().endsWith(" run failed: no index 'x' (create it first)");
    }

    private static FeedBatch endedBy(Throwable t) {
        LiveFeed feed = new LiveFeed();
        RunController.failuresShown(feed, f -> {
            if (t instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) t;
        });
        return feed.dispatch(List.of());
    }
}
