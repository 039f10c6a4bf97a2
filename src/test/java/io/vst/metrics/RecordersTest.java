package io.vst.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordersTest {

    private static List<String> names(Recorders r) {
        return r.all().stream().map(LatencyRecorder::operation).toList();
    }

    @Test
    void theStandardFourComeFirstThenOthersByNameAsTheyAreCreated() {
        Recorders run = new Recorders();
        assertThat(names(run)).containsExactly("ingest", "query", "update", "delete");
        run.get("zeta");
        run.get("alpha");
        assertThat(names(run)).containsExactly("ingest", "query", "update", "delete", "alpha", "zeta");
        assertThat(run.get("alpha")).isSameAs(run.all().get(4));
        assertThatThrownBy(() -> run.all().add(new LatencyRecorder("x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aStepHoldsOnlyWhatItUsedAndFeedsTheRun() {
        Recorders run = new Recorders();
        Recorders step = run.forStep();
        assertThat(step.all()).isEmpty();
        step.get("delete").recordNanos(2_000_000);
        step.get("custom").recordNanos(3_000_000);
        assertThat(names(step)).containsExactly("delete", "custom");
        assertThat(names(run)).containsExactly("ingest", "query", "update", "delete", "custom");
        assertThat(run.get("custom").takeInterval().count()).isEqualTo(1);
    }

    @Test
    void recordersCreatedFromManyThreadsAreAllListedOnce() throws Exception {
        Recorders run = new Recorders();
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        run.get("op" + (100 + i));   // every thread asks for the same 50
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> names = names(run);
        assertThat(names).hasSize(4 + perThread).doesNotHaveDuplicates();
        assertThat(names.subList(4, names.size())).isSorted();
        for (LatencyRecorder r : run.all()) {
            assertThat(run.get(r.operation())).isSameAs(r);
        }
    }
}
