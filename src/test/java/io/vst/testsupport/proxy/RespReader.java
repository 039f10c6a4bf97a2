package io.vst.testsupport.proxy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RESP2/RESP3 values and client commands (RESP arrays of bulk strings, or inline lines) from a
 * stream. While {@link #readRaw()} runs, every consumed byte is also kept, so a reply can be relayed
 * verbatim once its end is known.
 *
 * <pre>{@code
 * RespReader reader = new RespReader(socket.getInputStream());
 * List<byte[]> command = reader.readCommand();   // null at end of stream
 * }</pre>
 */
public final class RespReader {

    private static final int MAX_AGGREGATE = 10_000_000;
    private static final int MAX_BULK = 512 * 1024 * 1024;
    private static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private ByteArrayOutputStream capture;

    /** A reader over a stream it does not own. */
    public RespReader(InputStream in) {
        this.in = in;
    }

    /** A value together with the exact bytes it was read from. */
    public record RawValue(RespValue value, byte[] raw) { }

    /** True when bytes are already buffered or readable without blocking (drives flush batching). */
    public boolean hasBufferedInput() throws IOException {
        return position < limit || in.available() > 0;
    }

    /**
     * The next client command as raw argument bytes, or {@code null} at a clean end of stream. An empty
     * inline line yields an empty list, which callers skip.
     */
    public List<byte[]> readCommand() throws IOException {
        if (!fill()) {
            return null;
        }
        if (buffer[position] != '*') {
            return splitInline(readLine());
        }
        position++;
        long count = parseLong(readLine());
        if (count < 0 || count > MAX_AGGREGATE) {
            throw new RespProtocolException("invalid multibulk length");
        }
        List<byte[]> args = new ArrayList<>((int) Math.min(count, 1024));
        for (long i = 0; i < count; i++) {
            int type = readByte();
            if (type != '$') {
                throw new RespProtocolException("expected '$', got '" + (char) type + "'");
            }
            long length = parseLong(readLine());
            if (length < 0 || length > MAX_BULK) {
                throw new RespProtocolException("invalid bulk length");
            }
            args.add(readBulkBody((int) length));
        }
        return args;
    }

    /** The next value with its raw bytes. */
    public RawValue readRaw() throws IOException {
        capture = new ByteArrayOutputStream();
        try {
            RespValue value = read();
            return new RawValue(value, capture.toByteArray());
        } finally {
            capture = null;
        }
    }

    /** The next value; RESP3 attributes are read and dropped. */
    public RespValue read() throws IOException {
        int type = readByte();
        switch (type) {
            case '+':
                return new RespValue.Simple(RespValue.latin1(readLine()));
            case '-':
                return new RespValue.Error(RespValue.latin1(readLine()));
            case ':':
                return new RespValue.Int(parseLong(readLine()));
            case ',':
                return new RespValue.Double(RespValue.latin1(readLine()));
            case '(':
                return new RespValue.BigNumber(RespValue.latin1(readLine()));
            case '#':
                byte[] flag = readLine();
                return new RespValue.Bool(flag.length == 1 && flag[0] == 't');
            case '_':
                readLine();
                return new RespValue.Null(false);
            case '$':
            case '=':
            case '!':
                return readBulkLike(type);
            case '*':
            case '%':
            case '~':
            case '>':
            case '|':
                return readAggregate(type);
            default:
                throw new RespProtocolException("unknown reply type '" + (char) type + "'");
        }
    }

    private RespValue readBulkLike(int type) throws IOException {
        long length = parseLong(readLine());
        if (length == -1) {
            return new RespValue.Null(false);
        }
        if (length < 0 || length > MAX_BULK) {
            throw new RespProtocolException("invalid bulk length");
        }
        byte[] body = readBulkBody((int) length);
        if (type == '!') {
            return new RespValue.Error(RespValue.latin1(body));
        }
        if (type == '=' && body.length >= 4) {
            byte[] text = java.util.Arrays.copyOfRange(body, 4, body.length);
            return new RespValue.Bulk(text, RespValue.latin1(java.util.Arrays.copyOf(body, 3)));
        }
        return new RespValue.Bulk(body, null);
    }

    private RespValue readAggregate(int type) throws IOException {
        long count = parseLong(readLine());
        if (count == -1) {
            return new RespValue.Null(true);
        }
        if (count < 0 || count > MAX_AGGREGATE) {
            throw new RespProtocolException("invalid aggregate length");
        }
        long items = (type == '%' || type == '|') ? count * 2 : count;
        List<RespValue> values = new ArrayList<>((int) Math.min(items, 1024));
        for (long i = 0; i < items; i++) {
            values.add(read());
        }
        if (type == '|') {
            // An attribute decorates the reply that follows it; the caller wants that reply.
            return read();
        }
        RespValue.Kind kind = switch (type) {
            case '%' -> RespValue.Kind.MAP;
            case '~' -> RespValue.Kind.SET;
            case '>' -> RespValue.Kind.PUSH;
            default -> RespValue.Kind.ARRAY;
        };
        return new RespValue.Array(values, kind);
    }

    private byte[] readBulkBody(int length) throws IOException {
        byte[] body = new byte[length];
        int copied = 0;
        while (copied < length) {
            if (!fill()) {
                throw new EOFException("connection closed inside a bulk string");
            }
            int n = Math.min(length - copied, limit - position);
            System.arraycopy(buffer, position, body, copied, n);
            keep(position, n);
            position += n;
            copied += n;
        }
        if (readByte() != '\r' || readByte() != '\n') {
            throw new RespProtocolException("bulk string not terminated by CRLF");
        }
        return body;
    }

    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = readByte();
            if (b == '\r') {
                if (readByte() != '\n') {
                    throw new RespProtocolException("line not terminated by CRLF");
                }
                return line.toByteArray();
            }
            if (b == '\n') {
                // Inline commands may end with a bare LF, as with the server itself.
                return line.toByteArray();
            }
            line.write(b);
            if (line.size() > MAX_LINE) {
                throw new RespProtocolException("too big inline request");
            }
        }
    }

    private int readByte() throws IOException {
        if (!fill()) {
            throw new EOFException("connection closed inside a value");
        }
        keep(position, 1);
        return buffer[position++] & 0xff;
    }

    private void keep(int from, int length) {
        if (capture != null) {
            capture.write(buffer, from, length);
        }
    }

    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private static long parseLong(byte[] text) throws RespProtocolException {
        try {
            return Long.parseLong(RespValue.latin1(text));
        } catch (NumberFormatException e) {
            throw new RespProtocolException("invalid number '" + RespValue.latin1(text) + "'");
        }
    }

    private static List<byte[]> splitInline(byte[] line) throws RespProtocolException {
        List<byte[]> args = new ArrayList<>();
        String text = RespValue.latin1(line);
        StringBuilder current = null;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                current = current == null ? new StringBuilder() : current;
            } else if (Character.isWhitespace(c)) {
                if (current != null) {
                    args.add(RespValue.bytes(current.toString()));
                    current = null;
                }
            } else {
                current = current == null ? new StringBuilder() : current;
                current.append(c);
            }
        }
        if (quoted) {
            throw new RespProtocolException("unbalanced quotes in request");
        }
        if (current != null) {
            args.add(RespValue.bytes(current.toString()));
        }
        return args;
    }
}
