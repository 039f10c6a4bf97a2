package io.vst.rundir;

import io.vst.VstException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Reads {@code latency/<op>.hlog} (HdrHistogram interval log, format 1.3) into a {@link RunData}.
 *
 * <p>A line-by-line reader of its own rather than HdrHistogram's {@code HistogramLogReader}, whose
 * Scanner-based parsing took longer than decoding the histograms: a 10-hour run has 36,000 intervals
 * per operation.
 */
final class LatencyLog {

    private LatencyLog() {
    }

    /** Adds every complete interval of {@code text} (the file's complete lines) to {@code data}. */
    static void read(Path file, String operation, String text, RunData data) {
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("\"")) {
                continue;
            }
            String tag = "";
            String rest = line;
            if (rest.startsWith("Tag=")) {
                int comma = rest.indexOf(',');
                tag = rest.substring(4, comma < 0 ? rest.length() : comma);
                rest = comma < 0 ? "" : rest.substring(comma + 1);
            }
            String[] fields = rest.split(",");
            if (fields.length != 4) {
                throw damaged(file, lineNumber, "expected start, length, max and histogram", null);
            }
            try {
                ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(fields[3].trim()));
                data.addLatency(operation, tag, Histogram.decodeFromCompressedByteBuffer(bytes, 0));
            } catch (DataFormatException | IllegalArgumentException | IndexOutOfBoundsException e) {
                throw damaged(file, lineNumber, e.getMessage(), e);
            }
        }
    }

    private static VstException damaged(Path file, int line, String why, Throwable cause) {
        return new VstException(VstException.Kind.INVALID_INPUT, "cannot read latency log " + file + " line " + line
                + ": " + why, "the file is damaged; remove it to report the run without its latency spectra", cause);
    }
}
