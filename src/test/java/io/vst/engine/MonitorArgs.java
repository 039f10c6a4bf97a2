package io.vst.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Binary arguments read back from a MONITOR line. valkey-server 8.1 writes printable bytes as they are
 * (quotes and backslashes included), {@code \n \r \t \a \b} by name and every other byte as {@code \xHH},
 * so an argument's end cannot be told from its text alone; a vector of known length can.
 */
final class MonitorArgs {

    private MonitorArgs() {
    }

    /**
     * The {@code length} bytes of the argument that follows the argument {@code name} (e.g. BLOB or vector).
     *
     * @throws AssertionError when the line has no such argument or it is not {@code length} bytes long
     */
    static byte[] after(String line, String name, int length) {
        String marker = "\"" + name + "\" \"";
        int i = line.indexOf(marker);
        if (i < 0) {
            throw new AssertionError("no " + name + " in MONITOR line " + line);
        }
        i += marker.length();
        byte[] out = new byte[length];
        if (!decode(line, i, out, 0, new java.util.HashSet<>())) {
            throw new AssertionError("the " + name + " argument is not " + length + " bytes in MONITOR line " + line);
        }
        return out;
    }

    /**
     * Fills {@code out} from {@code n} on with the text from {@code i}, ending at a closing quote. A backslash
     * sequence may be an escape or, as the server does not escape backslashes, a literal backslash: both
     * readings are tried (seen: {@code \n} that was the bytes 0x5C 0x6E of a vector, not a newline).
     */
    private static boolean decode(String line, int i, byte[] out, int n, java.util.Set<Long> failed) {
        if (n == out.length) {
            return i < line.length() && line.charAt(i) == '"' && (i + 1 == line.length() || line.charAt(i + 1) == ' ');
        }
        if (i >= line.length() || !failed.add(((long) i << 32) | n)) {
            return false;
        }
        char c = line.charAt(i);
        if (c == '\\' && i + 1 < line.length()) {
            char e = line.charAt(i + 1);
            int named = switch (e) {
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'a' -> 7;
                case 'b' -> '\b';
                default -> -1;
            };
            if (named >= 0) {
                out[n] = (byte) named;
                if (decode(line, i + 2, out, n + 1, failed)) {
                    return true;
                }
            }
            if (e == 'x' && i + 3 < line.length() && isHex(line.charAt(i + 2)) && isHex(line.charAt(i + 3))) {
                out[n] = (byte) Integer.parseInt(line.substring(i + 2, i + 4), 16);
                if (decode(line, i + 4, out, n + 1, failed)) {
                    return true;
                }
            }
        }
        out[n] = (byte) c;
        return decode(line, i + 1, out, n + 1, failed);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** Little-endian FLOAT32 bytes as floats. */
    static float[] floats(byte[] blob) {
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[blob.length / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }
}
