package io.vst.testsupport.proxy;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One RESP2/RESP3 value as the proxy sees it: parsed from the backend or a client, or built by the
 * search emulation and written by {@link RespWriter} in the client's protocol.
 *
 * <p>Byte strings keep their raw bytes; {@link #latin1(byte[])} maps bytes one-to-one to chars so a
 * key or field name survives a round trip through {@code String} unchanged.
 *
 * <pre>{@code
 * RespValue reply = new RespValue.Array(List.of(new RespValue.Int(1), RespValue.bulk("vec:1")));
 * }</pre>
 */
public sealed interface RespValue {

    /** {@code +text}. */
    record Simple(String text) implements RespValue { }

    /** {@code -text} (RESP3 {@code !} bulk errors are read into this too). */
    record Error(String text) implements RespValue { }

    /** {@code :n}. */
    record Int(long value) implements RespValue { }

    /** {@code $n} bulk string; RESP3 verbatim strings keep their 3-letter format in {@code format}. */
    record Bulk(byte[] bytes, String format) implements RespValue {
        /** Text of the bytes, one char per byte. */
        public String text() {
            return latin1(bytes);
        }
    }

    /** RESP2 {@code $-1}/{@code *-1} or RESP3 {@code _}; {@code array} remembers the RESP2 flavour. */
    record Null(boolean array) implements RespValue { }

    /** RESP3 {@code ,} double, written as a bulk string in RESP2; {@code text} is the exact wire text. */
    record Double(String text) implements RespValue { }

    /** RESP3 {@code #t}/{@code #f}; RESP2 integer 1/0. */
    record Bool(boolean value) implements RespValue { }

    /** RESP3 {@code (} big number; RESP2 bulk string. */
    record BigNumber(String text) implements RespValue { }

    /** Aggregates: {@code *} array, {@code %} map (items alternate key, value), {@code ~} set, {@code >} push. */
    record Array(List<RespValue> items, Kind kind) implements RespValue {
        /** A plain array. */
        public Array(List<RespValue> items) {
            this(items, Kind.ARRAY);
        }
    }

    /** Which aggregate an {@link Array} is on the wire. */
    enum Kind { ARRAY, MAP, SET, PUSH }

    /** A bulk string of the text's chars taken as bytes (one byte per char). */
    static Bulk bulk(String text) {
        return new Bulk(text.getBytes(StandardCharsets.ISO_8859_1), null);
    }

    /** A bulk string of raw bytes. */
    static Bulk bulk(byte[] bytes) {
        return new Bulk(bytes, null);
    }

    /** Bytes as a string, one char per byte, lossless. */
    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** A string's chars as bytes, one byte per char, lossless for strings made by {@link #latin1}. */
    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The text of a simple string, bulk string, error, integer or number, else {@code null}. */
    static String textOf(RespValue value) {
        if (value instanceof Bulk b) {
            return b.text();
        } else if (value instanceof Simple s) {
            return s.text();
        } else if (value instanceof Int i) {
            return Long.toString(i.value());
        } else if (value instanceof Double d) {
            return d.text();
        } else if (value instanceof BigNumber n) {
            return n.text();
        } else if (value instanceof Error e) {
            return e.text();
        }
        return null;
    }
}
