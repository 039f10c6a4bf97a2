package io.vst.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 5M × 1536 float32 .npy (30.7 GB, written sparse so it costs no disk) is opened, validated and
 * read at random in a child JVM limited to -Xmx512m: nothing may load the file into heap.
 */
class LargeFileTest {

    static final long ROWS = 5_000_000;
    static final int DIMS = 1536;

    @TempDir
    Path dir;

    /** Child-JVM entry point: open, validate (sampled), read first/last/random rows. */
    public static void main(String[] args) {
        try (VectorSource src = Datasets.openFile(Path.of(args[0]), Metric.COSINE)) {
            float[] v = new float[src.dimensions()];
            src.read(ROWS - 1, v);
            float last = v[DIMS - 1];
            src.read(0, v);
            float first = v[0];
            SplittableRandom rnd = new SplittableRandom(1);
            for (int i = 0; i < 200_000; i++) {
                src.read(rnd.nextLong(ROWS), v);
            }
            DatasetValidator.Report r = DatasetValidator.validate(src);
            System.out.println("rows=" + src.size() + " dims=" + src.dimensions() + " first=" + first + " last=" + last
                    + " sampled=" + r.sampled() + " checked=" + r.rowsChecked());
        }
    }

    @Test
    void fiveMillionBy1536IsUsableWith512MbOfHeap() throws Exception {
        Path file = dir.resolve("big.npy");
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + ROWS + ", " + DIMS + "), }";
        int pad = 64 - (10 + header.length() + 1) % 64;
        header = header + " ".repeat(pad) + "\n";
        long dataStart = 10 + header.length();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            ByteBuffer h = ByteBuffer.allocate((int) dataStart).order(ByteOrder.LITTLE_ENDIAN);
            h.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0)
                    .putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).flip();
            ch.write(h, 0);
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, 0.25f), dataStart);
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, -2.5f),
                    dataStart + ROWS * DIMS * 4 - 4);
        } catch (IOException e) {
            assumeTrue(false, "cannot create a 30 GB sparse file here: " + e.getMessage());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                LargeFileTest.class.getName(), file.toString())).redirectErrorStream(true).start();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("child JVM finished in 300 s").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("rows=5000000 dims=1536 first=0.25 last=-2.5 sampled=true");
    }
}
