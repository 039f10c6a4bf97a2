package io.vst.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * TEXMEX {@code .fvecs} (float32), {@code .bvecs} (uint8, widened to float) and {@code .ivecs}
 * (int32) files: records of a little-endian int32 {@code d} followed by {@code d} values, no file
 * header, so N = size / (4 + d·elem).
 */
final class TexmexReader {

    /** Largest dimension accepted; valkey-search's hard limit is 64,000. */
    static final int MAX_DIMS = 65_536;

    private TexmexReader() {
    }

    static MappedRows.Element elementFor(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".bvecs")) {
            return MappedRows.Element.U8;
        }
        if (n.endsWith(".ivecs")) {
            return MappedRows.Element.I32;
        }
        return MappedRows.Element.F32;
    }

    /** Maps a TEXMEX file after checking its size, first and last record headers. */
    static MappedRows open(Path file) {
        MappedRows.Element elem = elementFor(file);
        long size;
        int d;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
            if (size == 0) {
                throw Malformed.file(file, "the file is empty");
            }
            if (size < 4) {
                throw Malformed.at(file, 0, "file of " + size + " bytes is shorter than one record header");
            }
            d = readInt(ch, 0);
            if (d <= 0 || d > MAX_DIMS) {
                throw Malformed.at(file, 0, "first record declares dimension " + d + " (expected 1.." + MAX_DIMS
                        + "); is this really a " + file.getFileName().toString().replaceAll(".*\\.", ".") + " file?");
            }
            long record = 4L + (long) d * elem.bytes;
            if (size % record != 0) {
                long whole = size / record;
                throw Malformed.at(file, whole * record, "truncated or mixed record sizes: size " + size
                        + " is not a multiple of the record size " + record + " (d=" + d + "); record " + whole
                        + " is incomplete");
            }
            long n = size / record;
            long last = (n - 1) * record;
            int lastD = readInt(ch, last);
            if (lastD != d) {
                throw Malformed.at(file, last, "mixed record sizes: record " + (n - 1) + " declares d=" + lastD
                        + ", the first declares d=" + d);
            }
            return new MappedRows(file, 0, n, d, record, 4, elem, ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new io.vst.VstException(io.vst.VstException.Kind.INVALID_INPUT,
                    "Cannot read dataset file " + file + ": " + e.getMessage(), "check the path", e);
        }
    }

    /** Checks every record header (or {@code limit} evenly spread ones) declares the same d. */
    static void checkHeaders(Path file, MappedRows rows, long limit) {
        long n = rows.rows();
        long step = Math.max(1, n / Math.max(1, limit));
        for (long r = 0; r < n; r += step) {
            int d = rows.headerInt(r);
            if (d != rows.dims()) {
                throw Malformed.at(file, rows.byteOffset(r) - 4, "mixed record sizes: record " + r
                        + " declares d=" + d + ", the first declares d=" + rows.dims());
            }
        }
    }

    /** Loads an {@code .ivecs} ground-truth file (small: queries × k) into memory. */
    static GroundTruth groundTruth(Path file) {
        try (MappedRows rows = open(file)) {
            int[][] ids = new int[(int) rows.rows()][rows.dims()];
            for (int q = 0; q < ids.length; q++) {
                rows.readInts(q, ids[q]);
            }
            return new GroundTruth(rows.dims(), ids, null);
        }
    }

    static boolean isTexmex(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".fvecs") || n.endsWith(".bvecs") || n.endsWith(".ivecs");
    }

    private static int readInt(FileChannel ch, long pos) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new IOException("unexpected end of file at byte offset " + pos);
            }
        }
        return b.getInt(0);
    }

    static boolean exists(Path p) {
        return p != null && Files.isRegularFile(p);
    }
}
