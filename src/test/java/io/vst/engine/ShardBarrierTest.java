package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import io.vst.workload.StopSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shards' meeting point on a real valkey-server: its keys, its expiries, a late shard, a reused group. */
class ShardBarrierTest {

    private static ValkeyTestServer server;
    private static ValkeyClient client;

    @BeforeAll
    static void start() {
        server = ValkeyTestServer.start();
        client = ValkeyClient.connect(server.endpoint(), 4);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void flush() {
        client.command("FLUSHALL");
    }

    @Test
    void noShardPassesUntilAllHaveArrivedAndTheEndLeavesOnlyAShortLivedKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch lastMayCome = new CountDownLatch(1);
        List<Future<Boolean>> passed = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                ShardSpec spec = ShardSpec.parse(i + "/3", "g1", 30);
                boolean last = i == 2;
                passed.add(pool.submit(() -> {
                    if (last) {
                        lastMayCome.await(10, TimeUnit.SECONDS);
                    }
                    ShardBarrier b = new ShardBarrier(client, spec);
                    StopSignal stop = StopSignal.root();
                    assertThat(b.awaitStep(0, "load", stop)).isTrue();
                    assertThat(b.awaitStep(1, "query", stop)).isTrue();
                    return b.awaitEnd(stop);
                }));
            }
            // Two shards wait at step 0 while the third has not come: the counter reads 2 and stays there.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!"2".equals(client.command("GET", "vst:shard:{g1}:step:0")) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(300);
            assertThat(client.command("GET", "vst:shard:{g1}:step:0")).isEqualTo("2");
            assertThat(client.command("EXISTS", "vst:shard:{g1}:step:1")).isEqualTo("0");
            long ttl = Long.parseLong(client.command("TTL", "vst:shard:{g1}:step:0"));
            assertThat(ttl).isBetween(ShardBarrier.STEP_EXPIRY_SECONDS - 60, ShardBarrier.STEP_EXPIRY_SECONDS);
            lastMayCome.countDown();
            for (Future<Boolean> f : passed) {
                assertThat(f.get(20, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        // After the end shard 0 deleted the step keys; the end key expires within a minute.
        assertThat(client.scanKeys(ShardBarrier.PREFIX)).containsExactly("vst:shard:{g1}:end");
        assertThat(Long.parseLong(client.command("TTL", "vst:shard:{g1}:end")))
                .isBetween(1L, ShardBarrier.END_EXPIRY_SECONDS);
    }

    @Test
    void aGroupNameAnEarlierRunUsedIsRefused() {
        client.command("SET", "vst:shard:{used}:step:0", "2");
        ShardBarrier b = new ShardBarrier(client, ShardSpec.parse("0/2", "used", 5));
        assertThatThrownBy(() -> b.awaitStep(0, "load", StopSignal.root()))
                .isInstanceOfSatisfying(VstException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VstException.Kind.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("3 shards arrived at step 0 ('load') of group 'used'")
                            .contains("the group name was used by another run");
                    assertThat(e.hint()).contains("new --shard-group");
                });
    }

    @Test
    void aStoppedShardStopsWaiting() {
        ShardBarrier b = new ShardBarrier(client, ShardSpec.parse("0/2", "stopped", 30));
        StopSignal stop = StopSignal.root();
        stop.stop("user");
        assertThat(b.awaitStep(0, "load", stop)).isFalse();
    }
}
