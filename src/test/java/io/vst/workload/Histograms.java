package io.vst.workload;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.Histogram;

/** Histogram contents compared as value → count, at the precision vst records latencies with. */
final class Histograms {

    private Histograms() {
    }

    /** Microsecond latencies recorded the way {@code LatencyRecorder} stores them: 3 digits, up to an hour. */
    static Map<Long, Long> ofMicros(long... micros) {
        Histogram h = new Histogram(1, 3_600_000_000L, 3);
        for (long m : micros) {
            h.recordValue(m);
        }
        return counts(h);
    }

    static Map<Long, Long> counts(Histogram h) {
        Map<Long, Long> out = new TreeMap<>();
        for (HistogramIterationValue v : h.recordedValues()) {
            out.put(h.lowestEquivalentValue(v.getValueIteratedTo()), v.getCountAtValueIteratedTo());
        }
        return out;
    }
}
