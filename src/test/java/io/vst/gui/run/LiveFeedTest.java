package io.vst.gui.run;

import io.vst.rundir.LogLevel;
import static org.assertj.core.api.Assertions.assertThat;

import io.vst.engine.RunPlan;
import io.vst.gui.live.FeedBatch;
import io.vst.gui.live.LiveView;
import io.vst.metrics.Sample;
import io.vst.rundir.RunOutcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Engine events pile up in the feed and come out in one batch, in order; the log backlog is bounded. */
class LiveFeedTest {

    @Test
    void drainHandsOverEverythingOnceInOrder() {
        LiveFeed feed = new LiveFeed();
        feed.runStarted(null, Path.of("runs/x"));
        for (int i = 0; i < 5; i++) {
            feed.sampleTaken(new Sample(Instant.EPOCH.plusSeconds(i), i, "load", Map.of("used_memory_bytes", 1.0 * i)));
        }
        feed.log(LogLevel.INFO, "hello");
        feed.runFinished(RunOutcome.COMPLETED, null);
        FeedBatch b = feed.drain();
        assertThat(b.runDirectory()).isEqualTo(Path.of("runs/x"));
        assertThat(b.samples()).extracting(Sample::elapsedSeconds).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
        assertThat(b.log()).singleElement().asString().endsWith("INFO hello");
        assertThat(b.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(feed.drain().isEmpty()).isTrue();
    }

    @Test
    void logBacklogIsBoundedAndKeepsTheNewest() {
        LiveFeed feed = new LiveFeed();
        int n = LiveFeed.MAX_PENDING_LOG + 250;
        for (int i = 0; i < n; i++) {
            feed.log(LogLevel.INFO, "line " + i);
        }
        FeedBatch b = feed.drain();
        assertThat(b.log()).hasSize(LiveFeed.MAX_PENDING_LOG);
        assertThat(b.log().get(b.log().size() - 1)).endsWith("line " + (n - 1));
        assertThat(feed.droppedLogLines()).isEqualTo(250);
    }

    @Test
    void dispatchHandsEachBatchToEveryViewOnceAndAnEmptyOneToNone() {
        LiveFeed feed = new LiveFeed();
        Recording a = new Recording();
        Recording b = new Recording();
        feed.log(LogLevel.INFO, "one");
        feed.sampleTaken(new Sample(Instant.EPOCH, 1, "load", Map.of("used_memory_bytes", 1.0)));
        FeedBatch first = feed.dispatch(List.of(a, b));
        FeedBatch empty = feed.dispatch(List.of(a, b));
        feed.log(LogLevel.INFO, "two");
        FeedBatch second = feed.dispatch(List.of(a, b));
        assertThat(empty.isEmpty()).isTrue();
        assertThat(a.seen).containsExactly(first, second);
        assertThat(b.seen).containsExactly(first, second);
        assertThat(first.log()).singleElement().asString().endsWith("INFO one");
        assertThat(first.samples()).hasSize(1);
        assertThat(second.log()).singleElement().asString().endsWith("INFO two");
        assertThat(second.samples()).isEmpty();
    }

    private static final class Recording implements LiveView {
        final List<FeedBatch> seen = new ArrayList<>();

        @Override
        public void runStarting(RunPlan plan) {
            seen.clear();
        }

        @Override
        public void apply(FeedBatch batch) {
            seen.add(batch);
        }
    }
}
