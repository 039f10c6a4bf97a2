package io.vst.workload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every distinct error a step's commands got, with how often and where it first happened
 * ({@code detailed_error_reporting}). Bounded: after {@link #MAX_DISTINCT} distinct messages the rest are
 * counted together. Thread-safe.
 */
final class ErrorTally {

    static final int MAX_DISTINCT = 20;

    private record First(Instant at, String key) {
    }

    private final boolean on;
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, First> firsts = new LinkedHashMap<>();
    private long others;

    ErrorTally(boolean on) {
        this.on = on;
    }

    synchronized void add(String message, String key) {
        if (!on) {
            return;
        }
        String m = message == null ? "(no message)" : message;
        long[] c = counts.get(m);
        if (c == null) {
            if (counts.size() >= MAX_DISTINCT) {
                others++;
                return;
            }
            c = new long[1];
            counts.put(m, c);
            firsts.put(m, new First(Instant.now(), key));
        }
        c[0]++;
    }

    /** e.g. {@code 3 x "WRONGTYPE ..." (first at 2026-...Z on key vec:5)}; empty when there was none or off. */
    synchronized String report() {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            First f = firsts.get(e.getKey());
            parts.add(String.format(Locale.ROOT, "%,d x \"%s\" (first at %s on key %s)", e.getValue()[0], e.getKey(),
                    f.at(), f.key()));
        }
        if (others > 0) {
            parts.add(String.format(Locale.ROOT, "%,d more of other kinds", others));
        }
        return String.join("; ", parts);
    }
}
