package io.vst.valkey.resp;

import io.vst.units.Units;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Reads the generic reply objects Jedis returns for raw commands, in both RESP2 and RESP3 shapes.
 *
 * <p>RESP2 gives bulk strings as {@code byte[]}, integers as {@link Long} and maps as flat arrays;
 * RESP3 adds {@link Double}, {@link Boolean} and maps as lists of {@link Map.Entry}. Every method here
 * accepts both so the parsers never care which protocol was negotiated.
 */
public final class Resp {

    private Resp() {
    }

    /** A scalar reply as text: bulk/simple strings decoded as UTF-8, numbers in their plain form. */
    public static String text(Object reply) {
        if (reply == null) {
            return null;
        }
        if (reply instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (reply instanceof Double d) {
            return Units.roundTrip(d);
        }
        if (reply instanceof JedisDataException error) {
            throw ErrorMapper.fromServerText(error.getMessage(), "reading a reply element", error);
        }
        return reply.toString();
    }

    public static byte[] bytes(Object reply) {
        if (reply instanceof byte[] b) {
            return b;
        }
        String t = text(reply);
        return t == null ? null : t.getBytes(StandardCharsets.UTF_8);
    }

    /** A number sent either as an integer reply or as a string ("0", "1.000000"). */
    public static long asLong(Object reply) {
        if (reply instanceof Long l) {
            return l;
        }
        if (reply instanceof Double d) {
            return d.longValue();
        }
        String t = text(reply);
        try {
            return Long.parseLong(t.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw shape("an integer", t);
        }
    }

    public static double asDouble(Object reply) {
        if (reply instanceof Double d) {
            return d;
        }
        if (reply instanceof Long l) {
            return l;
        }
        String t = text(reply);
        try {
            return Double.parseDouble(t.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw shape("a number", t);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Object> asList(Object reply) {
        if (reply instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw shape("an array", String.valueOf(text(reply)));
    }

    /** An array of strings (FT._LIST, CONFIG keys, ...). */
    public static List<String> asTextList(Object reply) {
        List<String> out = new ArrayList<>();
        for (Object o : asList(reply)) {
            out.add(text(o));
        }
        return out;
    }

    /**
     * A map reply as ordered (name, value) pairs: a RESP3 map (list of entries) or a RESP2 flat array
     * {@code [k1, v1, k2, v2, ...]}.
     */
    public static List<Map.Entry<String, Object>> asPairs(Object reply) {
        List<Object> list = asList(reply);
        List<Map.Entry<String, Object>> pairs = new ArrayList<>();
        if (!list.isEmpty() && list.get(0) instanceof Map.Entry<?, ?>) {
            for (Object o : list) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
                pairs.add(Map.entry(text(e.getKey()), nullSafe(e.getValue())));
            }
            return pairs;
        }
        if (list.size() % 2 != 0) {
            throw shape("a list of name/value pairs", "an array of odd length " + list.size());
        }
        for (int i = 0; i < list.size(); i += 2) {
            pairs.add(Map.entry(text(list.get(i)), nullSafe(list.get(i + 1))));
        }
        return pairs;
    }

    /** Whether the reply is a map (RESP3) or an array of name/value pairs whose names are strings. */
    public static boolean looksLikePairs(Object reply) {
        if (!(reply instanceof List<?> list) || list.isEmpty()) {
            return false;
        }
        if (list.get(0) instanceof Map.Entry<?, ?>) {
            return true;
        }
        return list.size() % 2 == 0 && list.get(0) instanceof byte[] && !(list.get(1) instanceof Map.Entry<?, ?>);
    }

    /** Any reply as text: arrays one element per line, nested arrays indented. */
    public static String describe(Object reply) {
        StringBuilder sb = new StringBuilder();
        appendReply(sb, reply, "");
        return sb.toString();
    }

    private static void appendReply(StringBuilder sb, Object reply, String indent) {
        if (reply instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map.Entry<?, ?> e) {
                    // A RESP3 map prints like its RESP2 flat array: name, then value.
                    appendReply(sb, e.getKey(), indent);
                    appendReply(sb, e.getValue(), e.getValue() instanceof List<?> ? indent + "  " : indent);
                } else {
                    appendReply(sb, o, o instanceof List<?> ? indent + "  " : indent);
                }
            }
            return;
        }
        if (sb.length() > 0) {
            sb.append('\n');
        }
        sb.append(indent).append(Resp.text(reply));
    }

    public static ValkeyException shape(String expected, String got) {
        return new ValkeyException(ErrorCategory.PROTOCOL,
                "Unexpected reply from the server: expected " + expected + ", got " + got, null,
                "this server version may not be supported by vst", null);
    }

    // Jedis gives a RESP null as Java null; a map value of null is kept as an empty string so that
    // Map.entry (which rejects nulls) can hold it.
    private static Object nullSafe(Object o) {
        return o == null ? new byte[0] : o;
    }
}
