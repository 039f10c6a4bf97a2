package io.vst.valkey.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Replies arriving in pieces of any size come out whole and in order, equal to what the blocking
 * {@link RespReader} reads from the same bytes at once; a push message is skipped and an error reply is a
 * {@link ValkeyException} element.
 */
class RespFramesTest {

    private static final String STREAM = "*3\r\n:2\r\n$5\r\nvec:1\r\n*2\r\n$5\r\nscore\r\n$4\r\n0.25\r\n"
            + "$-1\r\n"
            + ">2\r\n$7\r\nmessage\r\n$2\r\nhi\r\n"
            + "$6\r\na\r\nb\r\n\r\n"
            + "%1\r\n+total\r\n,1.5\r\n"
            + "*0\r\n"
            + "-ERR no such index\r\n"
            + ":-7\r\n";

    /** A channel that hands out at most {@code chunk} bytes per read, 0 when it has nothing now. */
    private static final class Trickle implements ReadableByteChannel {
        private final byte[] data;
        private final SplittableRandom rnd;
        private final int chunk;
        private int pos;

        Trickle(byte[] data, long seed, int chunk) {
            this.data = data;
            this.rnd = new SplittableRandom(seed);
            this.chunk = chunk;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (pos == data.length) {
                return 0;
            }
            int n = Math.min(Math.min(dst.remaining(), data.length - pos), 1 + rnd.nextInt(chunk));
            dst.put(data, pos, n);
            pos += n;
            return n;
        }

        boolean done() {
            return pos == data.length;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static List<Object> expected(byte[] bytes) throws IOException {
        RespReader reader = new RespReader(new ByteArrayInputStream(bytes), 7);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            out.add(normal(reader.read()));
        }
        return out;
    }

    /** Byte arrays as text and error replies as their text, so values compare by content. */
    private static Object normal(Object v) {
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (v instanceof RespReader.ErrorReply e) {
            return "error: " + e.text();
        }
        if (v instanceof ValkeyException e) {
            return "error: " + e.serverMessage();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(RespFramesTest::normal).toList();
        }
        return v;
    }

    @Test
    void repliesSplitAnywhereComeOutWholeAndInOrder() throws IOException {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        List<Object> want = expected(bytes);
        for (long seed = 1; seed <= 50; seed++) {
            for (int chunk : new int[] {1, 3, 17, 4096}) {
                RespFrames frames = new RespFrames("test");
                Trickle in = new Trickle(bytes, seed, chunk);
                List<Object> got = new ArrayList<>();
                for (int guard = 0; guard < 10_000 && !(in.done() && !frames.hasNext()); guard++) {
                    frames.readFrom(in);
                    while (frames.hasNext()) {
                        got.add(normal(frames.take()));
                    }
                }
                assertThat(got).as("seed %d, chunk %d", seed, chunk).isEqualTo(want);
            }
        }
        assertThat(want).hasSize(7).element(4).isEqualTo(List.of());
    }

    @Test
    void aReplyLargerThanTheBufferGrowsIt() throws IOException {
        String big = "x".repeat(100_000);
        byte[] bytes = ("$" + big.length() + "\r\n" + big + "\r\n").getBytes(StandardCharsets.US_ASCII);
        RespFrames frames = new RespFrames("test");
        Trickle in = new Trickle(bytes, 3, 5000);
        while (!in.done()) {
            assertThat(frames.hasNext()).isFalse();
            frames.readFrom(in);
        }
        assertThat(frames.hasNext()).isTrue();
        assertThat(new String((byte[]) frames.take(), StandardCharsets.US_ASCII)).isEqualTo(big);
        assertThat(frames.hasNext()).isFalse();
    }

    @Test
    void bytesThatAreNotRespAreAnError() throws IOException {
        RespFrames frames = new RespFrames("127.0.0.1:1");
        frames.readFrom(new Trickle("HTTP/1.1 400\r\n".getBytes(StandardCharsets.US_ASCII), 1, 100));
        assertThatThrownBy(frames::hasNext).isInstanceOf(IOException.class).hasMessageContaining("127.0.0.1:1");
    }
}
