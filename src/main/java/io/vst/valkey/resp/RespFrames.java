package io.vst.valkey.resp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * Replies read from a non-blocking channel: the bytes that arrived so far are kept, and
 * {@link #hasNext()} / {@link #take()} hand out the next reply once all of its bytes are in, in the value
 * shapes of {@link RespReader}; an error reply comes back as a {@link ValkeyException} element. A RESP3
 * push message is skipped. Not thread-safe: one selector thread.
 *
 * <pre>{@code
 * RespFrames in = new RespFrames("127.0.0.1:6379");
 * if (in.readFrom(channel) < 0) { ... closed ... }
 * while (in.hasNext()) { Object reply = in.take(); ... }
 * }</pre>
 */
public final class RespFrames {

    /** Marks "no complete reply yet" inside the scanner. */
    private static final int INCOMPLETE = -1;

    private final String where;
    private final Window window = new Window();
    private final RespReader reader = new RespReader(window, 16 * 1024);
    private byte[] buf = new byte[16 * 1024];
    private int start;
    private int end;
    /** The parsed reply {@link #next()} hands out next (null is a valid reply, hence the flag). */
    private Object ready;
    private boolean hasReady;

    public RespFrames(String where) {
        this.where = where;
    }

    /** Reads what the channel has now; returns the bytes read, or -1 when the peer closed it. */
    public int readFrom(ReadableByteChannel channel) throws IOException {
        int total = 0;
        while (true) {
            if (end == buf.length) {
                compactOrGrow();
            }
            int room = buf.length - end;
            int n = channel.read(ByteBuffer.wrap(buf, end, room));
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            end += n;
            total += n;
            // A read that did not fill the room took all the socket had: no second system call to learn that.
            if (n < room) {
                return total;
            }
        }
    }

    /**
     * True when a whole reply is buffered; {@link #take()} then returns it. Malformed bytes are an
     * {@link IOException}: the stream cannot be resynchronised.
     */
    public boolean hasNext() throws IOException {
        while (!hasReady) {
            int frameEnd = scan(start);
            if (frameEnd == INCOMPLETE) {
                return false;
            }
            boolean push = buf[start] == '>';
            window.set(buf, start, frameEnd);
            Object value = push ? null : reader.read();
            start = frameEnd;
            if (!push) {
                ready = value instanceof RespReader.ErrorReply e
                        ? ErrorMapper.fromServerText(e.text(), "command on " + where, null) : value;
                hasReady = true;
            }
        }
        return true;
    }

    /** The reply {@link #hasNext()} found complete. */
    public Object take() {
        if (!hasReady) {
            throw new IllegalStateException("no complete reply: call hasNext() first");
        }
        hasReady = false;
        Object r = ready;
        ready = null;
        return r;
    }

    private void compactOrGrow() {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        } else {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
    }

    /** The end (exclusive) of the value starting at {@code at}, or {@link #INCOMPLETE}. */
    private int scan(int at) throws IOException {
        if (at >= end) {
            return INCOMPLETE;
        }
        byte type = buf[at];
        int lineEnd = lineEnd(at + 1);
        if (lineEnd == INCOMPLETE) {
            return INCOMPLETE;
        }
        switch (type) {
            case ':', '+', '-', '_', '#', ',', '(' -> {
                return lineEnd;
            }
            case '$', '=', '!' -> {
                long n = number(at + 1, lineEnd - 2);
                if (n < 0) {
                    return lineEnd;
                }
                long after = lineEnd + n + 2;
                return after <= end ? (int) after : INCOMPLETE;
            }
            case '*', '~', '>', '%', '|' -> {
                long n = number(at + 1, lineEnd - 2);
                long elements = type == '%' || type == '|' ? 2 * n : n;
                int pos = lineEnd;
                for (long i = 0; i < elements; i++) {
                    pos = scan(pos);
                    if (pos == INCOMPLETE) {
                        return INCOMPLETE;
                    }
                }
                return pos;
            }
            default -> throw new IOException("not a RESP reply: type byte " + (type & 0xff) + " from " + where);
        }
    }

    /** The index just past the CRLF of the line starting at {@code from}, or {@link #INCOMPLETE}. */
    private int lineEnd(int from) {
        for (int i = from; i + 1 < end; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n') {
                return i + 2;
            }
        }
        return INCOMPLETE;
    }

    private long number(int from, int to) throws IOException {
        long v = 0;
        boolean negative = from < to && buf[from] == '-';
        for (int i = negative ? from + 1 : from; i < to; i++) {
            byte b = buf[i];
            if (b < '0' || b > '9') {
                throw new IOException("bad number in RESP reply from " + where + ": byte " + (b & 0xff));
            }
            v = v * 10 + (b - '0');
        }
        return negative ? -v : v;
    }

    /** The bytes of exactly one complete reply, for {@link RespReader}, which then never reads past it. */
    private static final class Window extends InputStream {
        private byte[] data;
        private int pos;
        private int limit;

        void set(byte[] bytes, int from, int to) {
            data = bytes;
            pos = from;
            limit = to;
        }

        @Override
        public int read() {
            return pos < limit ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= limit) {
                return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
