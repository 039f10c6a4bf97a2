package io.vst.metrics;

import java.util.Locale;

/** Human-readable byte counts (binary units), for messages and reports. */
public final class Bytes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Bytes() {
    }

    /** {@code 1536} → {@code "1.50 KiB"}; negative values keep their sign; NaN → {@code "n/a"}. */
    public static String human(double bytes) {
        if (Double.isNaN(bytes)) {
            return "n/a";
        }
        double abs = Math.abs(bytes);
        int unit = 0;
        while (abs >= 1024 && unit < UNITS.length - 1) {
            abs /= 1024;
            unit++;
        }
        String sign = bytes < 0 ? "-" : "";
        return unit == 0 ? String.format(Locale.ROOT, "%s%.0f B", sign, abs)
                : String.format(Locale.ROOT, "%s%.2f %s", sign, abs, UNITS[unit]);
    }
}
