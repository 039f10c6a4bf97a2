package io.vst.valkey;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsers for INFO text, MEMORY STATS and MODULE LIST replies. */
final class InfoReplies {

    private InfoReplies() {
    }

    /** INFO text → ordered {@code field → value}; section headers and blank lines are skipped. */
    static Map<String, String> parseInfo(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
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
    static Map<String, Long> parseModuleList(Object reply) {
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
     * A module version number as dotted text: valkey modules encode {@code major.minor.patch} as
     * {@code major*65536 + minor*256 + patch} (valkey-search 1.2.1 reports 66049).
     */
    static String moduleVersionText(long ver) {
        return (ver >> 16) + "." + ((ver >> 8) & 0xff) + "." + (ver & 0xff);
    }
}
