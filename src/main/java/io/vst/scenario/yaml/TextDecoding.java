package io.vst.scenario.yaml;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.SourceSpan;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes a scenario file's bytes as UTF-8, and says precisely why when they are not UTF-8 text: a
 * UTF-16/UTF-32 byte order mark, a NUL byte (a binary file), or the first invalid byte with its offset
 * and line:col. A UTF-8 byte order mark is accepted and dropped.
 */
final class TextDecoding {

    /** The text, or the problem that kept the bytes from being text (exactly one is set). */
    record Decoded(String text, Diagnostic problem) {
    }

    private static final String SAVE_AS_UTF8 = "save the file as UTF-8 text (scenario files are UTF-8 YAML)";

    private TextDecoding() {
    }

    static Decoded decode(byte[] bytes, String file) {
        String bom = foreignBom(bytes);
        if (bom != null) {
            return problem(SourceSpan.at(file, 1, 1), "The file is " + bom + ", not UTF-8", SAVE_AS_UTF8);
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        out.flip();
        String text = out.toString();
        if (result.isError()) {
            int offset = in.position();
            return problem(position(file, text), String.format(Locale.ROOT, "The file is not UTF-8 text: byte 0x%02X "
                    + "at byte offset %d is not valid UTF-8", bytes[offset] & 0xFF, offset), SAVE_AS_UTF8
                    + "; a binary file is not a scenario");
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            return problem(position(file, text.substring(0, nul)), "The file is binary, not text: NUL byte at byte "
                    + "offset " + (start + text.substring(0, nul).getBytes(StandardCharsets.UTF_8).length),
                    "check the path: a scenario is a UTF-8 YAML text file");
        }
        return new Decoded(text, null);
    }

    private static Decoded problem(SourceSpan at, String message, String hint) {
        return new Decoded(null, Diagnostic.error(at, message, hint));
    }

    /** UTF-32 or UTF-16 named by the byte order mark at the start, or {@code null}. */
    private static String foreignBom(byte[] b) {
        int b0 = b.length > 0 ? b[0] & 0xFF : -1;
        int b1 = b.length > 1 ? b[1] & 0xFF : -1;
        boolean zeroPair = b.length > 3 && b[2] == 0 && b[3] == 0;
        if (b0 == 0xFF && b1 == 0xFE) {
            return zeroPair ? "UTF-32 text (byte order mark FF FE 00 00 at byte 0)"
                    : "UTF-16 text (byte order mark FF FE at byte 0)";
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            return "UTF-16 text (byte order mark FE FF at byte 0)";
        }
        if (b0 == 0 && b1 == 0 && b.length > 3 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
            return "UTF-32 text (byte order mark 00 00 FE FF at byte 0)";
        }
        if (b.length > 1 && (b0 == 0) != (b1 == 0)) {
            return "UTF-16 text without a byte order mark (every other byte is zero)";
        }
        return null;
    }

    /** The line:col just after {@code before}, the text preceding the problem. */
    private static SourceSpan position(String file, String before) {
        int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        int col = before.length() - before.lastIndexOf('\n');
        return SourceSpan.at(file, line, col);
    }
}
