package io.vst.cli;

import java.util.Locale;

/** Durations for people: {@code 75.2} → {@code "1:15"}, {@code 3725} → {@code "1:02:05"}. */
final class Durations {

    private Durations() {
    }

    static String clock(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0) {
            return "?";
        }
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
