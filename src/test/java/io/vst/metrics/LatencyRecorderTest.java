package io.vst.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void intervalsHoldWhatWasRecordedSinceTheLastOne() {
        LatencyRecorder r = new LatencyRecorder("query");
        r.recordNanos(2_000_000);
        r.recordBatch(5_000_000, 10);
        r.recordError();
        LatencyRecorder.Interval first = r.takeInterval();
        assertThat(first.count()).isEqualTo(11);
        assertThat(first.errors()).isEqualTo(1);
        assertThat(first.histogram().getMaxValue()).isBetween(4_990L, 5_010L);
        LatencyRecorder.Interval second = r.takeInterval();
        assertThat(second.count()).isZero();
        assertThat(second.errors()).isZero();
        // The histograms are recycled from one interval to the next: each must hold its own records only.
        for (int i = 1; i <= 4; i++) {
            r.recordBatch(i * 1_000_000L, i);
            LatencyRecorder.Interval next = r.takeInterval();
            assertThat(next.count()).isEqualTo(i);
            assertThat(next.histogram().getMinValue()).isBetween(i * 999L, i * 1_001L);
            assertThat(next.histogram().getMaxValue()).isBetween(i * 999L, i * 1_001L);
            // An interval with nothing recorded is empty, and the one after it holds the next record only.
            r.recordError();
            LatencyRecorder.Interval idle = r.takeInterval();
            assertThat(idle.count()).isZero();
            assertThat(idle.errors()).isEqualTo(1);
        }
        r.recordNanos(7_000_000);
        assertThat(r.takeInterval().histogram().getMaxValue()).isBetween(6_990L, 7_010L);
    }

    @Test
    void recordsFromManyThreadsWhileIntervalsAreTakenAreEachCountedOnce() throws Exception {
        LatencyRecorder r = new LatencyRecorder("ingest");
        int threads = 4;
        int perThread = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    r.recordBatch(1_000_000, 2);
                }
            }));
        }
        long total = 0;
        while (!done.stream().allMatch(Future::isDone)) {
            total += r.takeInterval().count();
        }
        pool.shutdown();
        total += r.takeInterval().count();
        total += r.takeInterval().count();
        assertThat(total).isEqualTo(2L * threads * perThread);
    }

    @Test
    void stepRecordersAlsoFeedTheRunRecorders() {
        Recorders run = new Recorders();
        Recorders step = run.forStep();
        step.get(Recorders.INGEST).recordBatch(1_000_000, 100);
        step.get("custom").recordNanos(1_000);
        assertThat(run.get(Recorders.INGEST).takeInterval().count()).isEqualTo(100);
        assertThat(run.get("custom").takeInterval().count()).isEqualTo(1);
        assertThat(step.get(Recorders.INGEST).takeInterval().count()).isEqualTo(100);
    }

    @Test
    void coordinatedOmissionCorrectionChargesTheWait() {
        LatencyRecorder r = new LatencyRecorder("query");
        long intended = 1_000_000_000L;
        r.recordFromIntendedStart(intended, intended + 250_000_000L);
        assertThat(r.takeInterval().histogram().getMaxValue()).isBetween(249_000L, 251_000L);
    }
}
