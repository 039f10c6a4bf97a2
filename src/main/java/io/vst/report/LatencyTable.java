package io.vst.report;

import java.util.Locale;

/** Names of percentile columns: 50 → {@code p50_ms}, 99.9 → {@code p999_ms}, 99.99 → {@code p9999_ms}. */
final class LatencyTable {

    private LatencyTable() {
    }

    static String column(double percentile) {
        return "p" + label(percentile).replace(".", "").replace("%", "") + "_ms";
    }

    /** 50 → {@code 50%}, 99.9 → {@code 99.9%}. */
    static String label(double percentile) {
        String s = String.format(Locale.ROOT, "%.4f", percentile).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }
}
