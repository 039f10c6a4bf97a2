package io.vst.engine;

import java.util.Locale;

/** Human text for durations and byte counts in plans and reports. */
public final class RunPlanText {

    private RunPlanText() {
    }

    /** e.g. {@code 45s}, {@code 12m 05s}, {@code 2h 03m}, {@code 0.4s}. */
    public static String of(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    /** Binary units: {@code 512 B}, {@code 3.1 MiB}, {@code 25.4 GiB}. */
    public static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
