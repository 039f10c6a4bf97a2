package io.vst.testsupport.proxy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the hashes an index covers straight from the backend ({@code SCAN MATCH prefix* TYPE hash},
 * then pipelined {@code HGETALL}), so every emulated answer reflects the real keys at that moment.
 */
public final class DocumentScan {

    private static final int BATCH = 1000;

    private DocumentScan() {
    }

    /** Every hash under the definition's prefixes; fails when the scan takes longer than {@code budget}. */
    public static List<HashDocument> scan(RespConnection link, IndexDefinition definition, Duration budget)
            throws IOException {
        return read(link, new ArrayList<>(keys(link, definition, budget, Integer.MAX_VALUE)));
    }

    /** Whether at least one hash lies under the definition's prefixes. */
    public static boolean anyKey(RespConnection link, IndexDefinition definition, Duration budget) throws IOException {
        return !keys(link, definition, budget, 1).isEmpty();
    }

    private static Set<String> keys(RespConnection link, IndexDefinition definition, Duration budget, int enough)
            throws IOException {
        long deadline = System.nanoTime() + budget.toNanos();
        Set<String> keys = new LinkedHashSet<>();
        List<String> patterns = definition.prefixes().isEmpty() ? List.of("*")
                : definition.prefixes().stream().map(p -> escapeGlob(p) + "*").toList();
        for (String pattern : patterns) {
            String cursor = "0";
            do {
                if (System.nanoTime() > deadline) {
                    throw new IOException("scanning keys for index " + definition.name() + " took over " + budget);
                }
                RespValue reply = link.call("SCAN", cursor, "MATCH", pattern, "COUNT", Integer.toString(BATCH),
                        "TYPE", "hash");
                if (!(reply instanceof RespValue.Array page) || page.items().size() != 2
                        || !(page.items().get(1) instanceof RespValue.Array found)) {
                    throw new IOException("unexpected SCAN reply " + reply);
                }
                cursor = RespValue.textOf(page.items().get(0));
                found.items().forEach(k -> keys.add(RespValue.textOf(k)));
            } while (!"0".equals(cursor) && keys.size() < enough);
        }
        return keys;
    }

    private static List<HashDocument> read(RespConnection link, List<String> keys) throws IOException {
        List<HashDocument> documents = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += BATCH) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + BATCH));
            List<List<byte[]>> commands = batch.stream()
                    .map(k -> List.of(RespValue.bytes("HGETALL"), RespValue.bytes(k))).toList();
            List<RespReader.RawValue> replies = link.pipeline(commands);
            for (int i = 0; i < batch.size(); i++) {
                if (replies.get(i).value() instanceof RespValue.Array pairs && !pairs.items().isEmpty()) {
                    Map<String, byte[]> fields = new LinkedHashMap<>();
                    for (int p = 0; p + 1 < pairs.items().size(); p += 2) {
                        fields.put(RespValue.textOf(pairs.items().get(p)),
                                ((RespValue.Bulk) pairs.items().get(p + 1)).bytes());
                    }
                    documents.add(new HashDocument(batch.get(i), fields));
                }
            }
        }
        return documents;
    }

    private static String escapeGlob(String prefix) {
        StringBuilder escaped = new StringBuilder();
        for (char c : prefix.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
