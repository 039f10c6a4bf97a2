package io.vst.units;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Every figure vst shows, written one way: {@code Units.bytes(1536)} is {@code "1.50 KiB"},
 * {@code Units.duration(185)} is {@code "3 min 05 s"}, {@code Units.count(1234567)} is {@code "1,234,567"}.
 * Text for people never says "NaN": a figure that is not a finite number reads {@value #NOT_AVAILABLE}.
 * Files keep their own forms, {@link #cell} for CSV and {@link #roundTrip} for values that
 * must parse back to the same double. All of it is {@link Locale#ROOT}.
 */
public final class Units {

    /** What people see for a figure that is missing or not a finite number. */
    public static final String NOT_AVAILABLE = "n/a";

    private static final String[] BINARY = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final double KIB = 1024;

    /** Six significant digits, a tie rounded away from zero, as {@code %.6g} rounds. */
    private static final MathContext SIX_DIGITS = new MathContext(6, RoundingMode.HALF_UP);

    private Units() {
    }

    /**
     * Bytes on binary divisors with IEC labels: {@code 1023 → "1023 B"}, {@code 1024 → "1.00 KiB"},
     * {@code 5.5 × 2^20 → "5.50 MiB"}; two decimals above a KiB, whole bytes below; the sign is kept.
     */
    public static String bytes(double bytes) {
        if (!Double.isFinite(bytes)) {
            return NOT_AVAILABLE;
        }
        double abs = Math.abs(bytes);
        long whole = Math.round(abs);
        // No sign on a value that rounds to zero: -0.4 bytes reads "0 B", never "-0 B".
        String sign = bytes < 0 && whole > 0 ? "-" : "";
        if (whole < KIB) {
            return sign + whole + " B";
        }
        int unit = 0;
        double v = abs / KIB;
        // Step up when the shown value would read 1024.00 (1 MiB - 1 byte is 1.00 MiB, not 1024.00 KiB).
        while (Math.round(v * 100) >= KIB * 100 && unit < BINARY.length - 1) {
            v /= KIB;
            unit++;
        }
        return String.format(Locale.ROOT, "%s%.2f %s", sign, v, BINARY[unit]);
    }

    /** A change in bytes, always signed: {@code "+1.50 KiB"}, {@code "-512 B"}, {@code "+0 B"}. */
    public static String bytesDelta(double bytes) {
        if (!Double.isFinite(bytes)) {
            return NOT_AVAILABLE;
        }
        String text = bytes(bytes);
        return text.startsWith("-") ? text : "+" + text;
    }

    /**
     * A duration in one style: {@code "850 ms"} under a second, {@code "12.4 s"} under a minute,
     * {@code "3 min 05 s"} under an hour, {@code "2 h 04 min"} above; each rounded to its last digit shown,
     * so 59.95 s reads {@code "1 min 00 s"}. Negative or not finite reads {@value #NOT_AVAILABLE}.
     */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return NOT_AVAILABLE;
        }
        long millis = Math.round(seconds * 1000);
        if (millis < 1000) {
            return millis + " ms";
        }
        long tenths = Math.round(seconds * 10);
        if (tenths < 600) {
            return String.format(Locale.ROOT, "%d.%d s", tenths / 10, tenths % 10);
        }
        long whole = Math.round(seconds);
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
        }
        long minutes = Math.round(seconds / 60);
        return String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
    }

    /** A count with thousands grouping: {@code 1234567 → "1,234,567"}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A count held in a double, rounded to a whole number: {@code 1234.6 → "1,235"}. */
    public static String count(double n) {
        return Double.isFinite(n) ? String.format(Locale.ROOT, "%,.0f", n) : NOT_AVAILABLE;
    }

    /** Operations per second: {@code "12,345 ops/s"}; under 100 with one decimal, {@code "2.5 ops/s"}. */
    public static String rate(double perSecond) {
        if (!Double.isFinite(perSecond)) {
            return NOT_AVAILABLE;
        }
        return String.format(Locale.ROOT, Math.abs(perSecond) < 99.95 ? "%.1f ops/s" : "%,.0f ops/s", perSecond);
    }

    /** A percentage already in percent, one decimal: {@code 12.34 → "12.3%"}. */
    public static String percent(double percent) {
        return Double.isFinite(percent) ? String.format(Locale.ROOT, "%.1f%%", percent) : NOT_AVAILABLE;
    }

    /** A change in percent, always signed: {@code "+4.2%"}, {@code "-0.5%"}. */
    public static String percentDelta(double percent) {
        return Double.isFinite(percent) ? String.format(Locale.ROOT, "%+.1f%%", percent) : NOT_AVAILABLE;
    }

    /**
     * A number as the user or the server wrote it, for messages: whole numbers without a fraction
     * ({@code 1800.0 → "1800"}), others in the shortest form that reads back the same ({@code "0.25"}).
     */
    public static String plain(double v) {
        return Double.isFinite(v) ? roundTrip(v) : NOT_AVAILABLE;
    }

    /**
     * A measured number for messages: whole numbers without a fraction, others to {@code places} decimals
     * ({@code decimal(12.34567, 3) → "12.346"}).
     */
    public static String decimal(double v, int places) {
        if (!Double.isFinite(v)) {
            return NOT_AVAILABLE;
        }
        return isWhole(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%." + places + "f", v);
    }

    /**
     * The form of a number in machine text that must parse back to the same double: whole numbers without
     * a fraction, others as {@link Double#toString}; NaN and infinities in Java's spelling.
     */
    public static String roundTrip(double v) {
        return isWhole(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * A number as the run directory's CSV files write it: whole numbers without a fraction, others
     * to six significant digits without trailing zeros ({@code 1.23456789 → "1.23457"}), NaN and infinities
     * as an empty field.
     */
    public static String cell(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        if (isWhole(v)) {
            return Long.toString((long) v);
        }
        // What %.6g writes, less its trailing zeros: the shortest decimal that reads back as v (the digits
        // Formatter starts from too) rounded to six digits; plain from 1e-4 up to 1e6, else "1.23457e+06".
        // BigDecimal instead of Formatter and a regex because the sampler writes cells once a second, so
        // this code stays cold and Formatter's cost there was ~0.1 ms a cell (UnitsTest checks the equality).
        BigDecimal d = new BigDecimal(Double.toString(v)).round(SIX_DIGITS).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent >= -4 && exponent < 6) {
            return d.toPlainString();
        }
        String digits = d.unscaledValue().abs().toString();
        StringBuilder b = new StringBuilder(12);
        if (d.signum() < 0) {
            b.append('-');
        }
        b.append(digits.charAt(0));
        if (digits.length() > 1) {
            b.append('.').append(digits, 1, digits.length());
        }
        b.append(exponent < 0 ? "e-" : "e+");
        if (Math.abs(exponent) < 10) {
            b.append('0');
        }
        return b.append(Math.abs(exponent)).toString();
    }

    private static boolean isWhole(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15;
    }
}
