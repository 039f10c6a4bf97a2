package io.vst.testsupport.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Serialises {@link RespValue}s for a client speaking RESP2 or RESP3: RESP3-only types fall back to
 * their RESP2 forms (map → flat array, double → bulk string, boolean → integer, null → {@code $-1}).
 *
 * <pre>{@code
 * byte[] wire = RespWriter.encode(new RespValue.Simple("OK"), 2);   // "+OK\r\n"
 * }</pre>
 */
public final class RespWriter {

    private RespWriter() {
    }

    /** The wire bytes of a value for a client using the given protocol (2 or 3). */
    public static byte[] encode(RespValue value, int protocol) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(value, protocol >= 3, out);
        return out.toByteArray();
    }

    /** A command as a RESP array of bulk strings. */
    public static byte[] command(List<byte[]> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, '*', args.size());
        for (byte[] arg : args) {
            bulk(out, '$', arg);
        }
        return out.toByteArray();
    }

    private static void write(RespValue value, boolean resp3, ByteArrayOutputStream out) {
        if (value instanceof RespValue.Simple s) {
            line(out, '+', s.text());
        } else if (value instanceof RespValue.Error e) {
            line(out, '-', e.text());
        } else if (value instanceof RespValue.Int i) {
            line(out, ':', Long.toString(i.value()));
        } else if (value instanceof RespValue.Bulk b) {
            writeBulk(b, resp3, out);
        } else if (value instanceof RespValue.Null n) {
            out.writeBytes(resp3 ? RespValue.bytes("_\r\n") : RespValue.bytes(n.array() ? "*-1\r\n" : "$-1\r\n"));
        } else if (value instanceof RespValue.Double d) {
            if (resp3) {
                line(out, ',', d.text());
            } else {
                bulk(out, '$', RespValue.bytes(d.text()));
            }
        } else if (value instanceof RespValue.Bool b) {
            line(out, resp3 ? '#' : ':', resp3 ? (b.value() ? "t" : "f") : (b.value() ? "1" : "0"));
        } else if (value instanceof RespValue.BigNumber n) {
            if (resp3) {
                line(out, '(', n.text());
            } else {
                bulk(out, '$', RespValue.bytes(n.text()));
            }
        } else if (value instanceof RespValue.Array a) {
            writeAggregate(a, resp3, out);
        }
    }

    private static void writeBulk(RespValue.Bulk b, boolean resp3, ByteArrayOutputStream out) {
        if (resp3 && b.format() != null) {
            byte[] prefix = (b.format() + ":").getBytes(StandardCharsets.ISO_8859_1);
            header(out, '=', prefix.length + b.bytes().length);
            out.writeBytes(prefix);
            out.writeBytes(b.bytes());
            out.writeBytes(RespValue.bytes("\r\n"));
        } else {
            bulk(out, '$', b.bytes());
        }
    }

    private static void writeAggregate(RespValue.Array a, boolean resp3, ByteArrayOutputStream out) {
        char type = '*';
        int count = a.items().size();
        if (resp3) {
            switch (a.kind()) {
                case MAP -> {
                    type = '%';
                    count = count / 2;
                }
                case SET -> type = '~';
                case PUSH -> type = '>';
                default -> type = '*';
            }
        }
        header(out, type, count);
        for (RespValue item : a.items()) {
            write(item, resp3, out);
        }
    }

    private static void header(ByteArrayOutputStream out, char type, long count) {
        line(out, type, Long.toString(count));
    }

    private static void bulk(ByteArrayOutputStream out, char type, byte[] body) {
        header(out, type, body.length);
        out.writeBytes(body);
        out.writeBytes(RespValue.bytes("\r\n"));
    }

    private static void line(ByteArrayOutputStream out, char type, String text) {
        out.write(type);
        out.writeBytes(RespValue.bytes(text));
        out.writeBytes(RespValue.bytes("\r\n"));
    }
}
