package io.vst.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format versions 1–3) holding a 2-D float32 or float64 array in C order:
 * the magic {@code \x93NUMPY}, a version, a header length, a Python dict literal header, then the data.
 */
final class NpyReader {

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    static MappedRows open(Path file) {
        byte[] head = new byte[12];
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            if (size == 0) {
                throw Malformed.file(file, "the file is empty");
            }
            int got = in.readNBytes(head, 0, 10);
            if (got < 10 || (head[0] & 0xff) != 0x93 || !new String(head, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
                throw Malformed.at(file, 0, "not a NumPy .npy file (missing \\x93NUMPY magic)");
            }
            int major = head[6] & 0xff;
            long headerLen;
            int prefix;
            if (major == 1) {
                headerLen = (head[8] & 0xff) | (head[9] & 0xff) << 8;
                prefix = 10;
            } else if (major == 2 || major == 3) {
                if (in.readNBytes(head, 10, 2) < 2) {
                    throw Malformed.at(file, 10, "truncated header");
                }
                headerLen = (head[8] & 0xffL) | (head[9] & 0xffL) << 8 | (head[10] & 0xffL) << 16 | (head[11] & 0xffL) << 24;
                prefix = 12;
            } else {
                throw Malformed.at(file, 6, "unsupported .npy format version " + major);
            }
            if (prefix + headerLen > size) {
                throw Malformed.at(file, prefix, "header of " + headerLen + " bytes runs past the end of the file");
            }
            String header = new String(in.readNBytes((int) headerLen), StandardCharsets.ISO_8859_1);
            return map(file, size, prefix + headerLen, header);
        } catch (IOException e) {
            throw new io.vst.VstException(io.vst.VstException.Kind.INVALID_INPUT,
                    "Cannot read dataset file " + file + ": " + e.getMessage(), "check the path", e);
        }
    }

    private static MappedRows map(Path file, long size, long dataOffset, String header) {
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw Malformed.at(file, 8, "unreadable .npy header: " + header.trim());
        }
        String dtype = descr.group(1);
        MappedRows.Element elem;
        if (dtype.equals("<f4") || dtype.equals(">f4")) {
            elem = MappedRows.Element.F32;
        } else if (dtype.equals("<f8") || dtype.equals(">f8")) {
            elem = MappedRows.Element.F64;
        } else {
            throw Malformed.file(file, "unsupported dtype '" + dtype + "' (vst reads float32 '<f4' or float64 '<f8')");
        }
        ByteOrder order = dtype.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        if (fortran.group(1).equals("True")) {
            throw Malformed.file(file, "array is in Fortran (column-major) order; save it with C order "
                    + "(numpy.ascontiguousarray)");
        }
        String[] parts = shape.group(1).split(",");
        long[] dims = java.util.Arrays.stream(parts).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        if (dims.length != 2) {
            throw Malformed.file(file, "array has shape (" + shape.group(1) + "); expected 2-D (vectors, dims)");
        }
        long rows = dims[0];
        if (rows == 0 || dims[1] == 0) {
            throw Malformed.file(file, "the array is empty (shape " + rows + " x " + dims[1] + ")");
        }
        if (dims[1] > TexmexReader.MAX_DIMS) {
            throw Malformed.file(file, "dimension " + dims[1] + " exceeds " + TexmexReader.MAX_DIMS);
        }
        int d = (int) dims[1];
        long stride = (long) d * elem.bytes;
        long need = dataOffset + rows * stride;
        if (size < need) {
            long whole = (size - dataOffset) / stride;
            throw Malformed.at(file, dataOffset + whole * stride, "truncated: header declares " + rows + " x " + d
                    + " " + dtype + " (" + need + " bytes) but the file has " + size + " bytes; row " + whole
                    + " is incomplete");
        }
        return new MappedRows(file, dataOffset, rows, d, stride, 0, elem, order);
    }
}
