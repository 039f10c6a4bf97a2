package io.vst.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.metrics.Recorders;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Open-loop schedules on a fake clock: operation {@code i} is due at {@code start + i / rate}, and its
 * latency runs from then to its answer, so a server slower than the schedule is charged the queueing it
 * causes (coordinated omission corrected). The fake server takes a known time per answer.
 */
class OpenLoopPacingTest {

    private static final long MS = 1_000_000L;
    private static final int N = 20;

    /** Query workload at 200 q/s (one every 5 ms) on one connection to a server answering in {@code serviceMs}. */
    private static Run queries(long serviceMs) {
        FakeClock clock = new FakeClock();
        FakeServer server = new FakeServer();
        FakeContext ctx = new FakeContext(server, Map.of("n_threads", 1, "n_clients", 1)).preload(100)
                .with("queries_per_second", 200.0).with("query_k", 5).maxOperations(N);
        List<Long> sent = new CopyOnWriteArrayList<>();
        server.answer = q -> {
            sent.add(clock.nanoTime());
            clock.advance(serviceMs * MS);
            return server.exact(q);
        };
        WorkloadResult r = new QueryWorkload(clock).run(ctx);
        assertThat(r.operations()).isEqualTo(N);
        return new Run(sent, Histograms.counts(ctx.recorders.get(Recorders.QUERY).takeInterval().histogram()));
    }

    private record Run(List<Long> sentAt, Map<Long, Long> latencies) {
    }

    @Test
    void queriesUnderAFastServerGoOutOnePeriodApartAndTakeTheServiceTime() {
        Run run = queries(2);
        assertThat(run.sentAt()).containsExactlyElementsOf(
                IntStream.range(0, N).mapToObj(i -> FakeClock.T0 + i * 5 * MS).toList());
        assertThat(run.latencies()).isEqualTo(Histograms.ofMicros(IntStream.range(0, N).mapToLong(i -> 2_000).toArray()));
    }

    @Test
    void queriesBehindASlowServerAreChargedFromTheirIntendedStart() {
        Run run = queries(8);
        // sent back to back, every 8 ms; query i was due at 5i ms and answered at 8(i + 1) ms
        assertThat(run.sentAt()).containsExactlyElementsOf(
                IntStream.range(0, N).mapToObj(i -> FakeClock.T0 + i * 8 * MS).toList());
        assertThat(run.latencies()).isEqualTo(Histograms.ofMicros(
                IntStream.range(0, N).mapToLong(i -> (8L * (i + 1) - 5L * i) * 1_000).toArray()));
    }

    /** Mixed ingest-only at 1,000 ops/s in batches of 10 (one batch every 10 ms), each batch taking {@code ms}. */
    private static Run mixedIngest(long serviceMs) {
        FakeClock clock = new FakeClock();
        FakeServer server = new FakeServer();
        FakeContext ctx = new FakeContext(server, Map.of("n_threads", 1)).with("ingest_ratio", 1.0)
                .with("ingest_batch_size", 10).with("target_ops_per_second", 1000.0).maxOperations(10L * N);
        List<Long> synced = new CopyOnWriteArrayList<>();
        server.afterSync = n -> {
            synced.add(clock.nanoTime());
            clock.advance(serviceMs * MS);
        };
        WorkloadResult r = new MixedWorkload(clock).run(ctx);
        assertThat(r.operations()).isEqualTo(10L * N);
        assertThat(server.storedKeys()).hasSize(10 * N).isEqualTo(ctx.liveKeys());
        return new Run(synced, Histograms.counts(ctx.recorders.get(Recorders.INGEST).takeInterval().histogram()));
    }

    @Test
    void mixedBatchesFollowTheOperationScheduleAndEachOperationTakesItsBatchLatency() {
        Run run = mixedIngest(4);
        assertThat(run.sentAt()).containsExactlyElementsOf(
                IntStream.range(0, N).mapToObj(i -> FakeClock.T0 + i * 10 * MS).toList());
        assertThat(run.latencies()).isEqualTo(Histograms.ofMicros(IntStream.range(0, 10 * N).mapToLong(i -> 4_000)
                .toArray()));
    }

    @Test
    void mixedBatchesBehindASlowServerAreChargedFromTheirIntendedStart() {
        Run run = mixedIngest(15);
        assertThat(run.sentAt()).containsExactlyElementsOf(
                IntStream.range(0, N).mapToObj(i -> FakeClock.T0 + i * 15 * MS).toList());
        // batch b was due at 10b ms and answered at 15(b + 1) ms; each of its 10 vectors is charged that
        assertThat(run.latencies()).isEqualTo(Histograms.ofMicros(IntStream.range(0, 10 * N)
                .mapToLong(i -> (15L * (i / 10 + 1) - 10L * (i / 10)) * 1_000).toArray()));
    }
}
