package io.vst.valkey.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ClientSettings;
import io.vst.valkey.ValkeyClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The raw RESP pipeline of a standalone server, checked against what the server stores (read back with
 * HGET through Jedis) and bytes built float by float with {@link ByteBuffer#putFloat}.
 */
class RespPipelineTest {

    private static final long SEED = 20261201L;
    private static ValkeyTestServer server;

    @BeforeAll
    static void startServer() {
        server = ValkeyTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The reference encoding: one putFloat per value. */
    private static byte[] reference(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    private static float[] random(SplittableRandom rnd, int dims) {
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        // Values whose bytes include CR, LF and '$' must pass through a bulk string untouched.
        v[0] = Float.intBitsToFloat(0x0D0A240D);
        return v;
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void vectorsWrittenFromFloatsAreStoredByteForByte(boolean resp3) {
        String prefix = "rp" + resp3 + ":";
        SplittableRandom rnd = new SplittableRandom(SEED);
        int n = 300;
        float[][] vectors = new float[n][];
        try (ValkeyClient client = ValkeyClient.connect(server.endpoint(), ClientSettings.of(2).withResp3(resp3))) {
            float[] scratch = new float[1536];
            List<Object> replies;
            try (CommandPipeline p = client.pipeline()) {
                assertThat(p).isInstanceOf(RespPipeline.class);
                for (int i = 0; i < n; i++) {
                    vectors[i] = random(rnd, 1536);
                    System.arraycopy(vectors[i], 0, scratch, 0, 1536);
                    // The pipeline reads the floats at once: the caller reuses one array for all vectors.
                    p.hsetVector(bytes(prefix + i), bytes("vector"), scratch, bytes("tag"), bytes("t" + i % 3));
                }
                // 300 x 6 KiB is several output buffers: replies of every flushed part come back in order.
                replies = p.sync();
            }
            assertThat(replies).hasSize(n).allMatch(r -> Long.valueOf(2).equals(r));
            for (int i = 0; i < n; i += 37) {
                assertThat(client.readVector(prefix + i)).as("vector %d", i).isEqualTo(reference(vectors[i]));
                assertThat(client.command("HGET", prefix + i, "tag")).isEqualTo("t" + i % 3);
            }
            assertThat(client.scanKeys(prefix)).hasSize(n);
        }
    }

    @Test
    void vectorsOfOtherFieldsLengthsAndArgumentCountsOnOnePipelineAreEachStoredAsWritten() {
        SplittableRandom rnd = new SplittableRandom(SEED + 3);
        // Every change of field name, vector length and extra arguments from one command to the next, and back.
        String[] fields = {"vector", "vector", "v", "embedding_field", "vector", "v"};
        int[] dims = {128, 128, 128, 3, 1536, 128};
        boolean[] tagged = {false, true, true, false, false, false};
        byte[] reused = bytes("vector");
        float[][] written = new float[fields.length][];
        try (ValkeyClient client = ValkeyClient.connect(server.endpoint(), 2)) {
            try (CommandPipeline p = client.pipeline()) {
                for (int i = 0; i < fields.length; i++) {
                    written[i] = random(rnd, dims[i]);
                    // One field array for every "vector", its bytes changed in place once: the pipeline must not
                    // keep the name it saw before.
                    byte[] field = fields[i].equals("vector") ? reused : bytes(fields[i]);
                    if (i == 4) {
                        reused[0] = 'w';
                        fields[i] = "wector";
                    }
                    if (tagged[i]) {
                        p.hsetVector(bytes("mix:" + i), field, written[i], bytes("tag"), bytes("t" + i));
                    } else {
                        p.hsetVector(bytes("mix:" + i), field, written[i]);
                    }
                }
                assertThat(p.sync()).containsExactly(1L, 2L, 2L, 1L, 1L, 1L);
            }
            try (CommandPipeline read = client.pipeline()) {
                for (int i = 0; i < fields.length; i++) {
                    read.hget(bytes("mix:" + i), bytes(fields[i]));
                    read.hget(bytes("mix:" + i), bytes("tag"));
                }
                List<Object> back = read.sync();
                for (int i = 0; i < fields.length; i++) {
                    assertThat((byte[]) back.get(2 * i)).as("command %d's %s", i, fields[i]).isEqualTo(reference(written[i]));
                    assertThat(back.get(2 * i + 1)).as("command %d's tag", i).isEqualTo(tagged[i] ? bytes("t" + i) : null);
                    assertThat(client.command("HLEN", "mix:" + i)).isEqualTo(tagged[i] ? "2" : "1");
                }
            }
        }
    }

    @Test
    void aValueLargerThanTheBufferIsWrittenWhole() {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        float[] huge = random(rnd, RespPipeline.OUTPUT_BYTES / 4 * 2 + 3);
        byte[] blob = new byte[RespPipeline.OUTPUT_BYTES + 1000];
        rnd.nextBytes(blob);
        try (ValkeyClient client = ValkeyClient.connect(server.endpoint(), 2)) {
            try (CommandPipeline p = client.pipeline()) {
                p.hsetVector(bytes("big:f"), bytes("vector"), huge);
                p.hset(bytes("big:b"), bytes("vector"), blob);
                assertThat(p.sync()).containsExactly(1L, 1L);
            }
            assertThat(client.readVector("big:f")).isEqualTo(reference(huge));
            assertThat(client.readVector("big:b")).isEqualTo(blob);
        }
    }

    @ParameterizedTest(name = "resp3={0}")
    @ValueSource(booleans = {true, false})
    void repliesOfEveryCommandAndErrorsInPlace(boolean resp3) {
        String p0 = "rr" + resp3 + ":";
        try (ValkeyClient client = ValkeyClient.connect(server.endpoint(), ClientSettings.of(2).withResp3(resp3))) {
            client.command("SET", p0 + "string", "x");
            try (CommandPipeline p = client.pipeline()) {
                p.hset(bytes(p0 + "h"), bytes("vector"), bytes("abc"));
                p.hset(bytes(p0 + "string"), bytes("vector"), bytes("abc"));
                p.hget(bytes(p0 + "h"), bytes("vector"));
                p.hget(bytes(p0 + "absent"), bytes("vector"));
                p.exists(bytes(p0 + "h"));
                p.exists(bytes(p0 + "absent"));
                p.del(bytes(p0 + "h"));
                p.exists(bytes(p0 + "h"));
                List<Object> r = p.sync();
                assertThat(r).hasSize(8);
                assertThat(r.get(0)).isEqualTo(1L);
                assertThat(r.get(1)).isInstanceOfSatisfying(ValkeyException.class, e -> {
                    assertThat(e.serverMessage()).startsWith("WRONGTYPE");
                    assertThat(e.category()).isEqualTo(ErrorCategory.SERVER_ERROR);
                });
                assertThat(r.get(2)).isEqualTo(bytes("abc"));
                assertThat(r.get(3)).isNull();
                assertThat(r.subList(4, 8)).containsExactly(1L, 0L, 1L, 0L);
                // The pipeline stays usable after an error reply.
                p.exists(bytes(p0 + "string"));
                assertThat(p.sync()).containsExactly(1L);
            }
            assertThat(client.command("GET", p0 + "string")).isEqualTo("x");
        }
    }

    @Test
    void flushSendsTheWholeBatchBeforeItsRepliesAreRead() throws InterruptedException {
        String prefix = "fl:";
        int n = 30;   // 30 x 6 KiB: less than one output buffer, so without flush() none of it is sent
        float[] v = random(new SplittableRandom(SEED + 2), 1536);
        try (ValkeyClient client = ValkeyClient.connect(server.endpoint(), 2);
             ValkeyClient watcher = ValkeyClient.connect(server.endpoint(), 1)) {
            try (CommandPipeline p = client.pipeline()) {
                for (int i = 0; i < n; i++) {
                    p.hsetVector(bytes(prefix + i), bytes("vector"), v);
                }
                p.flush();
                // The server, read on another connection, holds every key before any reply is read.
                long seen = 0;
                for (int tries = 0; tries < 200 && seen < n; tries++) {
                    seen = watcher.scanKeys(prefix).size();
                    if (seen < n) {
                        Thread.sleep(10);
                    }
                }
                assertThat(seen).as("keys on the server after flush(), before sync()").isEqualTo(n);
                assertThat(p.sync()).hasSize(n).containsOnly(1L);
            }
            assertThat(watcher.readVector(prefix + (n - 1))).isEqualTo(reference(v));
        }
    }

    @Test
    void aServerThatGoesAwayIsATransientFailure() {
        try (ValkeyTestServer own = ValkeyTestServer.start();
             ValkeyClient client = ValkeyClient.connect(own.endpoint(), 2)) {
            CommandPipeline p = client.pipeline();
            p.hset(bytes("gone:1"), bytes("vector"), bytes("abc"));
            assertThat(p.sync()).containsExactly(1L);
            own.close();
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1000; i++) {
                    p.hset(bytes("gone:" + i), bytes("vector"), new byte[6144]);
                }
                p.sync();
            }).isInstanceOfSatisfying(ValkeyException.class, e -> assertThat(e.isTransient()).isTrue());
            p.close();
        }
    }

    @Test
    void pipelinesAreBoundedByThePoolSize() {
        try (ValkeyClient client = ValkeyClient.connect(server.endpoint(), ClientSettings.of(1).withSocketTimeoutMillis(300))) {
            CommandPipeline first = client.pipeline();
            long t0 = System.nanoTime();
            assertThatThrownBy(client::pipeline).isInstanceOfSatisfying(ValkeyException.class,
                    e -> assertThat(e.getMessage()).contains("busy"));
            assertThat((System.nanoTime() - t0) / 1e6).isGreaterThanOrEqualTo(250);
            first.close();
            try (CommandPipeline second = client.pipeline()) {
                second.exists(bytes("nothing"));
                assertThat(second.sync()).containsExactly(0L);
            }
        }
    }
}
