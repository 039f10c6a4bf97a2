package io.vst.metrics;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the run's timeline: server and client figures at one instant.
 *
 * @param time when the sample was taken (UTC)
 * @param elapsedSeconds seconds since the run started
 * @param step the name of the step running at that time ("" between steps)
 * @param values figures by {@link TimelineColumns} name; a figure that could not be read is absent
 */
public record Sample(Instant time, double elapsedSeconds, String step, Map<String, Double> values) {

    public Sample {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The figure named {@code column}, or NaN when it was not read. */
    public double get(String column) {
        Double v = values.get(column);
        return v == null ? Double.NaN : v;
    }

    public boolean has(String column) {
        Double v = values.get(column);
        return v != null && !v.isNaN();
    }
}
