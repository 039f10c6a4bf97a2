package io.vst.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import io.vst.metrics.Recorders;
import io.vst.valkey.resp.ErrorCategory;
import io.vst.valkey.resp.ValkeyException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The batch engine against an in-memory server: how many commands it keeps in flight, how it retries a
 * lost batch, how it counts error replies, and that whatever ends the step, the ids it counts written are
 * exactly the keys the server holds.
 */
class BatchEngineTest {

    private static final int IDS = 200;
    private static final int BATCH = 10;

    private static FakeContext context(FakeServer server, Object... config) {
        Map<String, Object> c = new HashMap<>(Map.of("n_threads", 1, "n_clients", 4, "batch_size", BATCH,
                "skip_verification", true, "retry_delay", 0.001));
        for (int i = 0; i < config.length; i += 2) {
            c.put((String) config[i], config[i + 1]);
        }
        return new FakeContext(server, c).with("target_vectors", IDS);
    }

    private static List<String> keys(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "vec:" + i).sorted().toList();
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Test
    void refillKeepsEveryConnectionOfTheWorkerBusyUntilTheIdsRunOut() {
        FakeServer server = new FakeServer();
        FakeContext ctx = context(server);
        WorkloadResult r = new IngestWorkload().run(ctx);

        // 20 batches on 4 connections: each sync finds its own batch and the other 3 connections' in flight,
        // until fewer than 4 batches are left to read.
        int batches = IDS / BATCH;
        List<Integer> expected = new ArrayList<>();
        for (int s = 0; s < batches; s++) {
            expected.add(Math.min(4, batches - s) * BATCH);
        }
        assertThat(server.inFlightAtSync).containsExactlyElementsOf(expected);
        assertThat(server.batchSizesAtSync).containsOnly(BATCH);
        assertThat(server.pipelinesOpened).hasValue(4);
        assertThat(r.operations()).isEqualTo(IDS);
        assertThat(server.storedKeys()).isEqualTo(keys(0, IDS)).isEqualTo(ctx.liveKeys());
        assertThat(ctx.recorders.get(Recorders.INGEST).takeInterval().count()).isEqualTo(IDS);
    }

    @Test
    void theInFlightMemoryBudgetCapsTheConnectionsAWorkerFills() {
        FakeServer server = new FakeServer();
        FakeContext ctx = context(server, "n_clients", 10);
        // 4 MiB per command, batches of 1: the 16 MiB budget holds 4 batches, whatever the 10 connections.
        BatchSettings s = new BatchSettings(Recorders.DELETE, Connections.of(ctx.config()), 1, 0, 0,
                false, 4 << 20, true, false, false);
        BatchEngine.Outcome out = BatchEngine.run(ctx, s, new ArrayFeed(IntStream.range(0, 12).asLongStream()
                .toArray()), new BatchEngine.Command() {
                    @Override
                    public void enqueue(io.vst.valkey.resp.CommandPipeline pipe, long id, float[] scratch) {
                        pipe.del(ctx.vectors.keys().key(id));
                    }

                    @Override
                    public void succeeded(long id, Object reply) {
                    }
                }, 12);
        assertThat(out.succeeded()).isEqualTo(12);
        assertThat(server.pipelinesOpened).hasValue(4);
        assertThat(server.inFlightAtSync).containsExactly(4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 2, 1);
    }

    /** A worker's Error (its heap ran out, say) fails the step in words, with what to do, not as a JDK message. */
    @Test
    void aWorkerThatRunsOutOfHeapFailsTheStepWithVstsWordsAndAFix() {
        FakeServer server = new FakeServer();
        FakeContext ctx = context(server);
        BatchSettings s = BatchSettings.of(ctx, Recorders.INGEST, "batch_size", 64);
        assertThatThrownBy(() -> BatchEngine.run(ctx, s, new ArrayFeed(IntStream.range(0, 12).asLongStream()
                .toArray()), new BatchEngine.Command() {
                    @Override
                    public void enqueue(io.vst.valkey.resp.CommandPipeline pipe, long id, float[] scratch) {
                        throw new OutOfMemoryError("Java heap space");
                    }

                    @Override
                    public void succeeded(long id, Object reply) {
                    }
                }, 12)).isInstanceOf(VstException.class)
                .hasMessage("vst ran out of memory (Java heap space): give it more heap, e.g. VST_JAVA_OPTS=-Xmx2g");
    }

    @Test
    void twoWorkersHoldThreeAndTwoOfFiveConnectionsAndWriteEveryIdOnce() {
        FakeServer server = new FakeServer();
        FakeContext ctx = context(server, "n_threads", 2, "n_clients", 5);
        // The first reply waits (bounded) for both workers to fill their connections, or one would do it all.
        server.afterSync = n -> {
            for (int i = 0; i < 5_000 && server.pipelinesOpened.get() < 5; i++) {
                sleepMillis(1);
            }
        };
        WorkloadResult r = new IngestWorkload().run(ctx);
        assertThat(server.pipelinesOpened).hasValue(5);
        assertThat(server.inFlightAtSync).allMatch(n -> n <= 5 * BATCH);
        assertThat(server.sends.values()).allMatch(n -> n.get() == 1);
        assertThat(r.operations()).isEqualTo(IDS);
        assertThat(server.storedKeys()).isEqualTo(keys(0, IDS)).isEqualTo(ctx.liveKeys());
    }

    @Test
    void aLostBatchIsSentAgainOnAFreshConnectionUntilItIsAnswered() {
        FakeServer server = new FakeServer();
        server.fault = (key, attempt) -> key.equals("vec:20") && attempt <= 2
                ? FakeServer.error(ErrorCategory.CONNECTION, "connection reset") : null;
        FakeContext ctx = context(server, "max_retries", 3);
        WorkloadResult r = new IngestWorkload().run(ctx);

        for (int id = 0; id < IDS; id++) {
            assertThat(server.sends.get("vec:" + id)).as("sends of vec:%d", id).hasValue(id / BATCH == 2 ? 3 : 1);
        }
        assertThat(server.pipelinesOpened).hasValue(4 + 2);
        assertThat(r.operations()).isEqualTo(IDS);
        assertThat(r.errors()).isZero();
        assertThat(server.storedKeys()).isEqualTo(keys(0, IDS)).isEqualTo(ctx.liveKeys());
        assertThat(ctx.log).filteredOn(l -> l.startsWith("WARN")).containsExactly(
                "WARN ingest: connection reset; retrying the batch of 10 (attempt 1 of 3) in 0.0 s",
                "WARN ingest: connection reset; retrying the batch of 10 (attempt 2 of 3) in 0.0 s");
    }

    @Test
    void aBatchLostMoreOftenThanMaxRetriesFailsTheStepAndTheBatchesStillInFlightAreCounted() {
        FakeServer server = new FakeServer();
        server.fault = (key, attempt) -> key.equals("vec:20")
                ? FakeServer.error(ErrorCategory.CONNECTION, "connection reset") : null;
        FakeContext ctx = context(server, "max_retries", 3);
        assertThatThrownBy(() -> new IngestWorkload().run(ctx)).isInstanceOf(ValkeyException.class)
                .hasMessage("connection reset");

        assertThat(server.sends.get("vec:20")).hasValue(1 + 3);
        // batches 0-1 were answered, 3-5 were in flight beside the lost one: the server holds them.
        assertThat(server.storedKeys()).isEqualTo(ctx.liveKeys());
        assertThat(ctx.liveKeys()).hasSize(5 * BATCH).doesNotContain("vec:20");
        // The lost batch's ids stay in flight for recall (the server may hold some of them); no other id does.
        io.vst.dataset.LiveSet live = ctx.vectors.live();
        long view = live.view();
        for (int id = 0; id < IDS; id++) {
            assertThat(live.settledSince(view, id)).as("vec:%d settled", id).isEqualTo(id / BATCH != 2);
        }
    }

    /** After the step no id is left marked in flight: every batch sent was answered and recorded. */
    private static void assertNothingInFlight(FakeContext ctx) {
        io.vst.dataset.LiveSet live = ctx.vectors.live();
        assertThat(live.busySince(live.view())).as("ids still marked in flight").isFalse();
    }

    @Test
    void errorRepliesAreCountedPerKindAndTheStepGoesOnUnderContinueOnError() {
        FakeServer server = new FakeServer();
        String oom = "OOM command not allowed when used memory > 'maxmemory'.";
        String wrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
        server.errorReply = key -> {
            int id = Integer.parseInt(key.substring(4));
            if (id % 7 == 3) {
                return FakeServer.error(ErrorCategory.OOM, oom);
            }
            return id % 11 == 5 ? FakeServer.error(ErrorCategory.SERVER_ERROR, wrongType) : null;
        };
        FakeContext ctx = context(server, "continue_on_error", true, "detailed_error_reporting", true);
        WorkloadResult r = new IngestWorkload().run(ctx);

        long oomIds = IntStream.range(0, IDS).filter(i -> i % 7 == 3).count();
        long wrongTypeIds = IntStream.range(0, IDS).filter(i -> i % 7 != 3 && i % 11 == 5).count();
        assertThat(r.errors()).isEqualTo(oomIds + wrongTypeIds);
        assertThat(r.operations()).isEqualTo(IDS - oomIds - wrongTypeIds);
        assertThat(r.detail()).contains(oomIds + " x \"" + oom + "\"").contains("on key vec:3)")
                .contains(wrongTypeIds + " x \"" + wrongType + "\"").contains("on key vec:5)");
        assertThat(ctx.recorders.get(Recorders.INGEST).takeInterval().errors()).isEqualTo(oomIds + wrongTypeIds);
        assertThat(server.storedKeys()).hasSize((int) r.operations()).isEqualTo(ctx.liveKeys());
    }

    @Test
    void theFirstErrorReplyEndsTheStepAndEveryBatchAlreadySentIsCounted() {
        FakeServer server = new FakeServer();
        server.errorReply = key -> key.equals("vec:42")
                ? FakeServer.error(ErrorCategory.OOM, "OOM command not allowed") : null;
        FakeContext ctx = context(server);
        assertThatThrownBy(() -> new IngestWorkload().run(ctx)).isInstanceOf(ValkeyException.class)
                .hasMessage("OOM command not allowed");
        // batch 4 holds vec:42; batches 5-7 were in flight beside it and the server wrote them
        assertThat(server.storedKeys()).isEqualTo(ctx.liveKeys());
        assertThat(ctx.liveKeys()).hasSize(8 * BATCH - 1).doesNotContain("vec:42");
        // Every key the server was sent is live but the refused one, and no id is left marked in flight.
        assertThat(ctx.liveKeys()).hasSize(server.sends.size() - 1);
        assertNothingInFlight(ctx);
    }

    @Test
    void aStopMidStepSendsNoNewBatchButReadsEveryBatchInFlight() {
        FakeServer server = new FakeServer();
        FakeContext ctx = context(server);
        server.afterSync = n -> {
            if (n == 7) {
                ctx.stop.stop("user stop");
            }
        };
        WorkloadResult r = new IngestWorkload().run(ctx);
        // 7 batches read when the stop came, 3 more were in flight on the other connections
        assertThat(server.inFlightAtSync).hasSize(10);
        assertThat(r.operations()).isEqualTo(10 * BATCH);
        assertThat(server.storedKeys()).isEqualTo(keys(0, 10 * BATCH)).isEqualTo(ctx.liveKeys());
        assertThat(server.sends).hasSize(10 * BATCH);
        assertNothingInFlight(ctx);
    }

    @Test
    void aStoppedShrinkLeavesLiveExactlyWhatTheServerStillHolds() {
        FakeServer server = new FakeServer();
        FakeContext ctx = context(server).preload(IDS).with("target_vectors", 50);
        server.afterSync = n -> {
            if (n == 1 + 5) {
                ctx.stop.stop("user stop");
            }
        };
        WorkloadResult r = new ShrinkWorkload().run(ctx);
        assertThat(r.operations()).isEqualTo(8 * BATCH);
        assertThat(server.storedKeys()).hasSize(IDS - 8 * BATCH).isEqualTo(ctx.liveKeys());
    }

    @Test
    void theConnectionsAreOpenBeforeTheFirstBatchSoTheTimeOfWorkHoldsNoHandshake() {
        // The step's time of work starts at the first pausePoint (StepContext): every handshake must come before it.
        FakeServer server = new FakeServer();
        FakeContext ctx = context(server);
        List<Long> openAtFirstBatch = new ArrayList<>();
        ctx.pause = () -> {
            if (openAtFirstBatch.isEmpty()) {
                openAtFirstBatch.add(server.pipelinesOpened.get());
            }
        };
        new IngestWorkload().run(ctx);
        assertThat(openAtFirstBatch).containsExactly(4L);
        assertThat(server.pipelinesOpened).hasValue(4);
        assertThat(server.storedKeys()).isEqualTo(keys(0, IDS));
    }

    @Test
    void noMoreConnectionsAreOpenedThanTheStepHasBatches() {
        // 25 vectors in batches of 10 are 3 batches: the fourth connection would only handshake.
        FakeServer server = new FakeServer();
        FakeContext ctx = context(server).with("target_vectors", 25);
        new IngestWorkload().run(ctx);
        assertThat(server.pipelinesOpened).hasValue(3);
        assertThat(server.storedKeys()).isEqualTo(keys(0, 25));
    }

    @Test
    void withoutPoolingEveryBatchHasAConnectionOfItsOwn() {
        FakeServer server = new FakeServer();
        FakeContext ctx = context(server, "use_connection_pooling", false);
        new IngestWorkload().run(ctx);
        assertThat(server.pipelinesOpened).hasValue(IDS / BATCH);
        assertThat(server.idleCloses).hasValue(IDS / BATCH);
        assertThat(server.storedKeys()).isEqualTo(ctx.liveKeys());
    }
}
