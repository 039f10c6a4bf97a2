package io.vst.scenario;

import java.util.Locale;

/** Number formatting for messages and docs: integers without ".0", others as written. */
public final class Numbers {

    private Numbers() {
    }

    public static String format(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) d);
        }
        return String.format(Locale.ROOT, "%s", d);
    }
}
