package io.vst.report;

import io.vst.units.Units;
import java.util.Locale;
import org.jfree.chart.labels.XYToolTipGenerator;

/**
 * A chart's values in words, by the unit of its {@link TimeCharts.Definition}: bytes in IEC units, rates in
 * ops/s, latencies in µs or ms, counts grouped. Hover texts of the workbench's charts come from here.
 *
 * <pre>{@code
 * ChartValues.format(TimeCharts.BYTES, 1536)   // "1.50 KiB"
 * ChartValues.format("ms", 0.25)               // "250 µs"
 * }</pre>
 */
public final class ChartValues {

    private ChartValues() {
    }

    /** {@code value} in the chart unit {@code unit} as people read it. Any thread. */
    public static String format(String unit, double value) {
        if (!Double.isFinite(value)) {
            return Units.NOT_AVAILABLE;
        }
        return switch (unit) {
            case TimeCharts.BYTES -> Units.bytes(value);
            case TimeCharts.OPS -> Units.rate(value);
            case TimeCharts.MS -> latency(value);
            case TimeCharts.COUNT -> Units.count(value);
            case TimeCharts.RATIO -> String.format(Locale.ROOT, "%.3f", value);
            case TimeCharts.RECALL -> String.format(Locale.ROOT, "%.4f", value);
            default -> Units.plain(value);
        };
    }

    /** A latency in milliseconds: {@code "250 µs"} under a millisecond, {@code "12.35 ms"}, then seconds. */
    static String latency(double ms) {
        if (Math.abs(ms) < 1) {
            return String.format(Locale.ROOT, "%.0f µs", ms * 1000);
        }
        if (Math.abs(ms) < 1000) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        return Units.duration(ms / 1000);
    }

    /**
     * Hover texts for a time chart: {@code "used_memory: 1.50 GiB at 1 min 05 s"}. {@code multiplier} turns a
     * plotted value back into the unit (1024² for a chart in MiB). Any thread.
     */
    public static XYToolTipGenerator tooltips(String unit, double multiplier) {
        return (data, series, item) -> data.getSeriesKey(series) + ": "
                + format(unit, data.getYValue(series, item) * multiplier) + " at "
                + Units.duration(data.getXValue(series, item));
    }
}
