package io.vst.valkey.resp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RESP2 / RESP3 replies from a socket through one reused buffer. Integers come back as {@link Long},
 * bulk and simple strings as {@code byte[]}, nulls as {@code null}, booleans as 1 / 0, doubles as
 * {@link Double}, aggregates as {@code List<Object>}, and an error reply as an {@link ErrorReply}
 * (returned, not thrown: one command's error does not fail the others). Not thread-safe.
 */
final class RespReader {

    /** An error reply ({@code -ERR ...} or a RESP3 blob error), with the server's text. */
    record ErrorReply(String text) {
    }

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;

    RespReader(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** The next reply; a RESP3 push message ({@code >}) is skipped, as no command of ours asks for one. */
    Object read() throws IOException {
        while (true) {
            byte type = next();
            if (type != '>') {
                return value(type);
            }
            aggregate(number());
        }
    }

    private Object value(byte type) throws IOException {
        switch (type) {
            case ':' -> {
                return number();
            }
            case '$', '=' -> {
                long n = number();
                return n < 0 ? null : bulk((int) n);
            }
            case '+' -> {
                return line();
            }
            case '-' -> {
                return new ErrorReply(new String(line(), StandardCharsets.UTF_8));
            }
            case '!' -> {
                return new ErrorReply(new String(bulk((int) number()), StandardCharsets.UTF_8));
            }
            case '_' -> {
                line();
                return null;
            }
            case '#' -> {
                return line()[0] == 't' ? 1L : 0L;
            }
            case ',', '(' -> {
                return Double.valueOf(new String(line(), StandardCharsets.US_ASCII));
            }
            case '*', '~' -> {
                long n = number();
                return n < 0 ? null : aggregate(n);
            }
            case '%', '|' -> {
                return aggregate(2 * number());
            }
            default -> throw new IOException("not a RESP reply: type byte " + (type & 0xff));
        }
    }

    private List<Object> aggregate(long n) throws IOException {
        List<Object> out = new ArrayList<>((int) Math.min(n, 1024));
        for (long i = 0; i < n; i++) {
            out.add(read());
        }
        return out;
    }

    /** A signed decimal up to CRLF. */
    private long number() throws IOException {
        long v = 0;
        boolean negative = false;
        byte b = next();
        if (b == '-') {
            negative = true;
            b = next();
        }
        while (b != '\r') {
            if (b < '0' || b > '9') {
                throw new IOException("bad number in RESP reply: byte " + (b & 0xff));
            }
            v = v * 10 + (b - '0');
            b = next();
        }
        expect('\n');
        return negative ? -v : v;
    }

    private byte[] line() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(16);
        byte b = next();
        while (b != '\r') {
            out.write(b);
            b = next();
        }
        expect('\n');
        return out.toByteArray();
    }

    private byte[] bulk(int n) throws IOException {
        byte[] out = new byte[n];
        int got = 0;
        while (got < n) {
            if (pos == limit) {
                fill();
            }
            int take = Math.min(n - got, limit - pos);
            System.arraycopy(buf, pos, out, got, take);
            pos += take;
            got += take;
        }
        expect('\r');
        expect('\n');
        return out;
    }

    private void expect(char c) throws IOException {
        if (next() != c) {
            throw new IOException("malformed RESP reply: expected " + (c == '\r' ? "CR" : "LF"));
        }
    }

    private byte next() throws IOException {
        if (pos == limit) {
            fill();
        }
        return buf[pos++];
    }

    private void fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            throw new EOFException("the server closed the connection");
        }
        pos = 0;
        limit = n;
    }
}
