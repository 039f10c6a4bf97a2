package io.vst.report;

import io.vst.VstException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory size the user wrote, with the divisor it was read with: {@code 16GiB} is 16 x 1024^3 bytes,
 * {@code 16GB} is 16 x 1000^3 bytes, a bare number is bytes.
 *
 * <pre>{@code
 * MemorySize.parse("16GiB", "--memory").bytes();   // 17179869184
 * MemorySize.parse("16GB", "--memory").meaning();  // "16GB = 16 x 1000^3 = 16,000,000,000 bytes (decimal; ...)"
 * }</pre>
 *
 * @param text what the user wrote
 * @param bytes the size in bytes
 * @param meaning how it was read, in words, with the divisor
 */
public record MemorySize(String text, double bytes, String meaning) {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)");
    private static final String UNITS = "B, KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024)";

    /**
     * Reads {@code text}; {@code where} names the option in messages.
     *
     * @throws VstException (invalid input) for anything else, naming the option and the units accepted
     */
    public static MemorySize parse(String text, String where) {
        String t = text == null ? "" : text.trim().replace("_", "").replace(",", "");
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) {
            throw bad(text, where, "is not a memory size");
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2).toUpperCase(Locale.ROOT);
        int power = "KMGT".indexOf(unit.isEmpty() ? 'X' : unit.charAt(0)) + 1;
        double bytes;
        String reading;
        if (unit.isEmpty() || unit.equals("B")) {
            bytes = number;
            reading = "bytes";
        } else if (power > 0 && unit.length() == 3 && unit.endsWith("IB")) {
            bytes = number * Math.pow(1024, power);
            reading = "1024" + superscript(power) + " (binary)";
        } else if (power > 0 && unit.length() == 2 && unit.endsWith("B")) {
            bytes = number * Math.pow(1000, power);
            reading = "1000" + superscript(power) + " (decimal; write " + m.group(1) + unit.charAt(0)
                    + "iB for 1024" + superscript(power) + ", which valkey.conf means by '" + m.group(1)
                    + unit.toLowerCase(Locale.ROOT) + "')";
        } else if (power > 0 && unit.length() == 1) {
            throw bad(text, where, "is ambiguous: write " + m.group(1) + unit + "iB (1024" + superscript(power)
                    + ") or " + m.group(1) + unit + "B (1000" + superscript(power) + ")");
        } else {
            throw bad(text, where, "has an unknown unit '" + m.group(2) + "'");
        }
        if (!(bytes > 0) || Double.isInfinite(bytes)) {
            throw bad(text, where, "is not a positive size");
        }
        String meaning = reading.equals("bytes") ? String.format(Locale.ROOT, "%,.0f bytes", bytes)
                : String.format(Locale.ROOT, "%s = %s x %s = %,.0f bytes", text.trim(), m.group(1),
                        reading.substring(0, reading.indexOf(' ')), bytes) + reading.substring(reading.indexOf(' '));
        return new MemorySize(text.trim(), bytes, meaning);
    }

    private static VstException bad(String text, String where, String what) {
        return VstException.invalidInput(where + " '" + text + "' " + what, "write a size like 16GiB or 16GB: " + UNITS);
    }

    private static String superscript(int power) {
        return power == 1 ? "" : "^" + power;
    }
}
