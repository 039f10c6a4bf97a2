package io.vst.valkey;

import io.vst.valkey.resp.Resp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsers for INFO text, MEMORY STATS and MODULE LIST replies. */
public final class InfoReplies {

    private InfoReplies() {
    }

    /** INFO text → ordered {@code field → value}; section headers and blank lines are skipped. */
    public static Map<String, String> parseInfo(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        // Line by line without a regular expression: the sampler parses an INFO reply of ~200 lines every
        // interval, and split("\r?\n") compiled its pattern at every call.
        int n = text.length();
        for (int start = 0; start < n; ) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            if (stop > start && text.charAt(start) != '#') {
                int colon = text.indexOf(':', start);
                if (colon > start && colon < stop) {
                    out.put(text.substring(start, colon), text.substring(colon + 1, stop).trim());
                }
            }
            start = end + 1;
        }
        return out;
    }

    /** MEMORY STATS → ordered map; nested maps (e.g. {@code db.0}) flattened with dotted keys. */
    static Map<String, String> parseMemoryStats(Object reply) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", reply, out);
        return out;
    }

    private static void flatten(String prefix, Object reply, Map<String, String> out) {
        for (Map.Entry<String, Object> e : Resp.asPairs(reply)) {
            String key = prefix + e.getKey();
            Object v = e.getValue();
            if (v instanceof List<?> && Resp.looksLikePairs(v)) {
                flatten(key + ".", v, out);
            } else if (v instanceof List<?>) {
                out.put(key, String.valueOf(Resp.asList(v).size()));
            } else {
                out.put(key, Resp.text(v));
            }
        }
    }

    /** MODULE LIST → {@code name → version number as the server reports it}. */
    public static Map<String, Long> parseModuleList(Object reply) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Object module : Resp.asList(reply)) {
            String name = null;
            long version = 0;
            for (Map.Entry<String, Object> e : Resp.asPairs(module)) {
                if (e.getKey().equals("name")) {
                    name = Resp.text(e.getValue());
                } else if (e.getKey().equals("ver")) {
                    version = Resp.asLong(e.getValue());
                }
            }
            if (name != null) {
                out.put(name, version);
            }
        }
        return out;
    }

    /**
     * A module version number as dotted text. Modules use two encodings of {@code major.minor.patch}:
     * {@code major<<16 | minor<<8 | patch} (valkey-search 1.2.1 reports 66049) and the older decimal
     * {@code major*10000 + minor*100 + patch} (valkey-search 1.0.3 reports 10003, RediSearch 2.6.4 20604).
     * Below 65536 the binary form would mean major 0, so it is decimal; above, it is binary when its minor and
     * patch read below 100, else decimal (80000 is 8.0.0, not 1.56.128).
     */
    public static String moduleVersionText(long ver) {
        long minor = (ver >> 8) & 0xff;
        long patch = ver & 0xff;
        if (ver >= 65536 && minor < 100 && patch < 100) {
            return (ver >> 16) + "." + minor + "." + patch;
        }
        return (ver / 10000) + "." + (ver / 100 % 100) + "." + (ver % 100);
    }
}
