package io.vst.dataset;

import io.vst.VstException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Rows of a file, never held in heap. Each row is {@code header} bytes followed by {@code dims}
 * elements; rows are {@code stride} bytes apart starting at {@code offset}. Regions up to
 * {@link #MAP_LIMIT} are memory-mapped read-only in segments of at most ~1 GiB (a single mapping is
 * limited to 2 GiB). Larger regions are read with positional reads into per-thread buffers: random
 * rows of a 30 GB mapping measured ~7 ms each (every page fault reads a whole read-around window),
 * against ~20 µs with a positional read of just the row.
 */
final class MappedRows implements RowMatrix {

    /** Element type stored in the file; every type is widened to float32 on read. */
    enum Element {
        F32(4), F64(8), U8(1), I32(4);

        final int bytes;

        Element(int bytes) {
            this.bytes = bytes;
        }
    }

    private static final long SEGMENT_TARGET = 1L << 30;
    /** Regions larger than this are read with positional reads instead of mappings. */
    static final long MAP_LIMIT = 4L << 30;

    private final Path file;
    private volatile FileChannel channel;
    private final boolean mapped;
    private final ThreadLocal<ByteBuffer> rowBuffers;
    private volatile boolean closed;
    private final long offset;
    private final long rows;
    private final int dims;
    private final long stride;
    private final int header;
    private final Element element;
    private final ByteOrder order;
    private final long rowsPerSegment;
    private final ByteBuffer[] segments;

    MappedRows(Path file, long offset, long rows, int dims, long stride, int header, Element element,
               ByteOrder order) {
        this(file, offset, rows, dims, stride, header, element, order, MAP_LIMIT);
    }

    /** As above, mapping only when the region is at most {@code mapLimit} bytes. */
    MappedRows(Path file, long offset, long rows, int dims, long stride, int header, Element element,
               ByteOrder order, long mapLimit) {
        this.file = file;
        this.offset = offset;
        this.rows = rows;
        this.dims = dims;
        this.stride = stride;
        this.header = header;
        this.element = element;
        this.order = order;
        this.rowsPerSegment = Math.max(1, SEGMENT_TARGET / stride);
        this.mapped = rows * stride <= mapLimit;
        int count = mapped ? (int) ((rows + rowsPerSegment - 1) / rowsPerSegment) : 0;
        this.segments = new ByteBuffer[count];
        this.rowBuffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect((int) stride).order(order));
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            for (int s = 0; s < count; s++) {
                long first = s * rowsPerSegment;
                long n = Math.min(rowsPerSegment, rows - first);
                MappedByteBuffer buf = channel.map(FileChannel.MapMode.READ_ONLY, offset + first * stride, n * stride);
                segments[s] = buf.order(order);
            }
        } catch (IOException e) {
            throw new VstException(VstException.Kind.INVALID_INPUT, "Cannot map " + file + ": " + e.getMessage(),
                    "check that the file exists and is readable", e);
        }
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public int dims() {
        return dims;
    }

    Path file() {
        return file;
    }

    /** True for TEXMEX-style rows that start with an int32 dimension header. */
    boolean hasRecordHeader() {
        return header == 4;
    }

    /** Byte offset of row {@code row}'s first element in the file. */
    long byteOffset(long row) {
        return offset + row * stride + header;
    }

    @Override
    public String locate(long row) {
        return "row " + row + " (byte offset " + byteOffset(row) + ")";
    }

    /** The int32 header of a row (TEXMEX records start with their dimension). */
    int headerInt(long row) {
        ByteBuffer seg = rowBytes(row);
        return seg.getInt(mapped ? (int) ((row % rowsPerSegment) * stride) : 0);
    }

    /** The buffer holding row {@code row}: its mapped segment, or this thread's buffer filled by a read. */
    private ByteBuffer rowBytes(long row) {
        if (mapped) {
            return segments[(int) (row / rowsPerSegment)];
        }
        ByteBuffer buf = rowBuffers.get();
        buf.clear();
        long at = offset + row * stride;
        try {
            while (buf.hasRemaining()) {
                int n = channel().read(buf, at + buf.position());
                if (n < 0) {
                    throw Malformed.at(file, at + buf.position(), "unexpected end of file reading row " + row);
                }
            }
        } catch (java.nio.channels.ClosedByInterruptException e) {
            // an interrupted reader closes the channel for every thread: reopen it for the others
            reopen();
            Thread.currentThread().interrupt();
            throw VstException.runtime("Reading " + file + " was interrupted", e);
        } catch (IOException e) {
            throw VstException.runtime("Cannot read row " + row + " of " + file + ": " + e.getMessage(), e);
        }
        return buf;
    }

    private FileChannel channel() throws IOException {
        FileChannel ch = channel;
        return ch.isOpen() ? ch : reopen();
    }

    private synchronized FileChannel reopen() {
        try {
            if (closed) {
                throw new IllegalStateException(file + " is closed");
            }
            if (!channel.isOpen()) {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
            return channel;
        } catch (IOException e) {
            throw VstException.runtime("Cannot reopen " + file + ": " + e.getMessage(), e);
        }
    }

    private int rowPosition(long row) {
        return (mapped ? (int) ((row % rowsPerSegment) * stride) : 0) + header;
    }

    @Override
    public void read(long row, float[] into) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows + " in " + file);
        }
        ByteBuffer seg = rowBytes(row);
        int pos = rowPosition(row);
        switch (element) {
            case F32 -> {
                // absolute bulk get on a view: thread-safe (no position change) and a single copy
                seg.slice(pos, dims * 4).order(seg.order()).asFloatBuffer().get(0, into, 0, dims);
            }
            case F64 -> {
                for (int i = 0; i < dims; i++) {
                    into[i] = (float) seg.getDouble(pos + i * 8);
                }
            }
            case U8 -> {
                for (int i = 0; i < dims; i++) {
                    into[i] = seg.get(pos + i) & 0xff;
                }
            }
            case I32 -> {
                for (int i = 0; i < dims; i++) {
                    into[i] = seg.getInt(pos + i * 4);
                }
            }
            default -> throw new IllegalStateException(element.name());
        }
    }

    /** True when rows are stored exactly as the server wants them: little-endian float32. */
    boolean storesLittleEndianFloat32() {
        return element == Element.F32 && order == ByteOrder.LITTLE_ENDIAN;
    }

    /** Copies the raw bytes of row {@code row} (only for {@link #storesLittleEndianFloat32()} files). */
    void readRaw(long row, byte[] into) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows + " in " + file);
        }
        rowBytes(row).get(rowPosition(row), into, 0, dims * 4);
    }

    /** Reads row {@code row} as int32 values (ground-truth files). */
    void readInts(long row, int[] into) {
        ByteBuffer seg = rowBytes(row);
        int pos = rowPosition(row);
        for (int i = 0; i < into.length; i++) {
            into[i] = seg.getInt(pos + i * 4);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw VstException.runtime("Cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
