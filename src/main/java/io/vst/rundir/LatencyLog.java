package io.vst.rundir;

import io.vst.VstException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Reads {@code latency/<op>.hlog} (HdrHistogram interval log, format 1.3): into a {@link RunData}, or as its
 * interval histograms in file order, each with its tag and absolute start and end timestamps set as
 * HdrHistogram's {@code HistogramLogReader} sets them (the log's times are relative to its {@code StartTime}
 * when the first is more than a year before it, as vst writes them, absolute otherwise, unless a
 * {@code BaseTime} says).
 *
 * <p>A line-by-line reader of its own rather than {@code HistogramLogReader}, whose Scanner-based parsing
 * took longer than decoding the histograms: a 10-hour run has 36,000 intervals per operation.
 */
public final class LatencyLog {

    private static final double YEAR_SECONDS = 365 * 24 * 3600.0;

    private LatencyLog() {
    }

    /** Adds every complete interval of {@code text} (the file's complete lines) to {@code data}. */
    static void read(Path file, String operation, String text, RunData data) {
        for (Histogram h : intervals(file, text)) {
            data.addLatency(operation, h.getTag() == null ? "" : h.getTag(), h);
        }
    }

    /**
     * The intervals of {@code text}, the complete lines of {@code file} (see
     * {@link RunDataReader#completeLines}); tag null where the line has none.
     *
     * @throws VstException (invalid input) naming the file and line when a line does not parse
     */
    public static List<Histogram> intervals(Path file, String text) {
        List<Histogram> out = new ArrayList<>();
        double startTime = Double.NaN;
        double baseTime = Double.NaN;
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.startsWith("#[StartTime: ") || line.startsWith("#[BaseTime: ")) {
                double seconds = seconds(file, lineNumber, line);
                startTime = line.startsWith("#[StartTime: ") ? seconds : startTime;
                baseTime = line.startsWith("#[BaseTime: ") ? seconds : baseTime;
                continue;
            }
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("\"")) {
                continue;
            }
            String tag = null;
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
                double logged = Double.parseDouble(fields[0].trim());
                double length = Double.parseDouble(fields[1].trim());
                startTime = Double.isNaN(startTime) ? logged : startTime;
                if (Double.isNaN(baseTime)) {
                    baseTime = logged < startTime - YEAR_SECONDS ? startTime : 0.0;
                }
                ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(fields[3].trim()));
                Histogram h = Histogram.decodeFromCompressedByteBuffer(bytes, 0);
                double start = logged + baseTime;
                h.setStartTimeStamp((long) (start * 1000.0));
                h.setEndTimeStamp((long) ((start + length) * 1000.0));
                h.setTag(tag);
                out.add(h);
            } catch (DataFormatException | IllegalArgumentException | IndexOutOfBoundsException e) {
                throw damaged(file, lineNumber, e.getMessage(), e);
            }
        }
        return out;
    }

    /** The seconds of a {@code #[StartTime: ...]} or {@code #[BaseTime: ...]} line. */
    private static double seconds(Path file, int lineNumber, String line) {
        String rest = line.substring(line.indexOf(':') + 1).trim();
        int space = rest.indexOf(' ');
        try {
            return Double.parseDouble(space < 0 ? rest : rest.substring(0, space));
        } catch (NumberFormatException e) {
            throw damaged(file, lineNumber, e.getMessage(), e);
        }
    }

    private static VstException damaged(Path file, int line, String why, Throwable cause) {
        return new VstException(VstException.Kind.INVALID_INPUT, "cannot read latency log " + file + " line " + line
                + ": " + why, "the file is damaged; remove it to report the run without its latency spectra", cause);
    }
}
