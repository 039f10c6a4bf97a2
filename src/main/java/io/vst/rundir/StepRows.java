package io.vst.rundir;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/** Reads steps.csv rows back into {@link StepRecord}s (the inverse of {@link RunDirectory#append(StepRecord)}). */
final class StepRows {

    private StepRows() {
    }

    /** The step of one row, or null when the row does not parse (a foreign or damaged file). */
    static StepRecord parse(CSVRecord r) {
        if (!r.isConsistent()) {
            return null;
        }
        try {
            return new StepRecord(r.get("name"), r.get("type"), r.get("workload"), StepStatus.parse(r.get("status")),
                    Instant.parse(r.get("started_at")), Instant.parse(r.get("ended_at")), active(r), asLong(r.get("operations")),
                    asLong(r.get("errors")), asLong(r.get("live_vectors_after")), number(r.get("time_to_searchable_s")),
                    number(r.get("recall")), latency(r.get("latency_ms")), r.get("detail"));
        } catch (DateTimeParseException | IllegalArgumentException malformed) {
            return null;
        }
    }

    /** The active_s column; NaN in files written before it existed. */
    private static double active(CSVRecord r) {
        return r.isMapped("active_s") ? number(r.get("active_s")) : Double.NaN;
    }

    /** Parses {@code "ingest:n=20000,p50=12.9,p90=40.1,p99=76.3,p999=76.3,max=76.3 query:n=..."} (p90 optional). */
    static Map<String, StepRecord.LatencySummary> latency(String text) {
        Map<String, StepRecord.LatencySummary> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.trim().split(" +")) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                continue;
            }
            Map<String, String> kv = new LinkedHashMap<>();
            for (String pair : part.substring(colon + 1).split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    kv.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            out.put(part.substring(0, colon), new StepRecord.LatencySummary(asLong(kv.get("n")), number(kv.get("p50")),
                    number(kv.get("p90")), number(kv.get("p99")), number(kv.get("p999")), number(kv.get("max"))));
        }
        return out;
    }

    static double number(String s) {
        return s == null || s.isBlank() ? Double.NaN : Double.parseDouble(s);
    }

    static long asLong(String s) {
        return s == null || s.isBlank() ? 0 : Math.round(Double.parseDouble(s));
    }
}
