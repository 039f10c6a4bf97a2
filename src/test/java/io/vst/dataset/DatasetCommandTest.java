package io.vst.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vst.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vst dataset ...} end to end through {@link Main#run}, with a private data and config dir. */
class DatasetCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private HttpServer server;
    private final List<String> ranges = new CopyOnWriteArrayList<>();

    @BeforeEach
    void isolate() {
        System.setProperty("vst.data.dir", dir.resolve("data").toString());
        System.setProperty("vst.config.dir", dir.resolve("config").toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("vst.data.dir");
        System.clearProperty("vst.config.dir");
        if (server != null) {
            server.stop(0);
        }
    }

    private int vst(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listShowsTheCatalogAndUnknownNamesGetSuggestions() {
        assertThat(vst("dataset", "list")).isZero();
        assertThat(out()).contains("openai-5m", "openai-1m", "openai-100k", "sift-1m", "gist-1m", "glove-100-angular",
                "nytimes-256-angular", "fashion-mnist-784-euclidean", "synthetic-1536-cosine", "missing", "computed");
        assertThat(vst("dataset", "info", "openai5m")).isEqualTo(Main.EXIT_INVALID);
        assertThat(err()).contains("Unknown dataset 'openai5m'", "did you mean openai-5m", "vst dataset list");
        assertThat(vst("dataset", "info", "openai-1m")).isEqualTo(Main.EXIT_INVALID);
        assertThat(err()).contains("not on this machine", dir.resolve("data").toString());
    }

    @Test
    void infoOfASyntheticFamilyAndAFile() throws Exception {
        assertThat(vst("dataset", "info", "synthetic-96-ip")).isZero();
        assertThat(out()).contains("Dimensions:    96", "unbounded", "Metric:        ip", "(bound)");
        Path fvecs = Path.of(getClass().getResource("/datasets/small.fvecs").toURI());
        assertThat(vst("dataset", "info", fvecs.toString())).isZero();
        assertThat(out()).contains("Vectors:       20", "Dimensions:    8", "File:", "small.fvecs (720 B)");   // 20 x (4 + 8 x 4) bytes
    }

    /** Sizes divide by 1024, so their labels are the binary KiB / MiB / GiB. */
    @Test
    void infoShowsAFileOf1536BytesAsOneAndAHalfKiB() throws Exception {
        // fvecs rows are a 4-byte dimension count and the floats: 4 rows x (4 + 95 x 4) = 1536 = 1.5 x 1024.
        ByteBuffer b = ByteBuffer.allocate(4 * (4 + 4 * 95)).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < 4; r++) {
            b.putInt(95);
            for (int d = 0; d < 95; d++) {
                b.putFloat(r + d / 100f);
            }
        }
        Path file = Files.write(dir.resolve("v.fvecs"), b.array());
        assertThat(Files.size(file)).isEqualTo(1536);
        assertThat(vst("dataset", "info", file.toString())).as(err()).isZero();
        assertThat(out()).contains("v.fvecs (1.50 KiB)").doesNotContain("KB");
    }

    @Test
    void generateThenListInfoVerifyAndCatchACorruptFile() throws Exception {
        assertThat(vst("dataset", "generate", "--name", "g1", "--dims", "16", "--count", "2000", "--queries", "50",
                "--metric", "cosine", "--clusters", "8", "--seed", "3", "--k", "20")).as(err()).isZero();
        assertThat(out()).contains("Recorded as 'g1'");
        assertThat(vst("dataset", "list")).isZero();
        assertThat(out()).containsPattern("g1 +hdf5 +16 cosine +2,000 +50 +20 +present +user");
        assertThat(vst("dataset", "info", "g1")).isZero();
        assertThat(out()).contains("Ground truth:  top-20 with distances", "Metric:        cosine");
        assertThat(vst("dataset", "verify", "g1")).isZero();
        assertThat(out()).contains("Checksum OK", "2,000 rows checked");
        Path file = dir.resolve("data/g1.hdf5");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 5] ^= 1;
        Files.write(file, bytes);
        assertThat(vst("dataset", "verify", "g1")).isEqualTo(Main.EXIT_INVALID);
        assertThat(err()).contains("but the catalog says");
    }

    @Test
    void importChecksAndRecordsAFile() throws Exception {
        Path npy = Path.of(getClass().getResource("/datasets/small.npy").toURI());
        assertThat(vst("dataset", "import", npy.toString(), "--name", "mine", "--metric", "ip")).as(err()).isZero();
        assertThat(out()).contains("Imported 'mine': 20 vectors x 8, ip");
        assertThat(vst("dataset", "info", "mine")).isZero();
        assertThat(out()).contains("Format:        npy", "Metric:        ip");
        Path bad = Files.write(dir.resolve("bad.fvecs"), new byte[] {8, 0, 0, 0, 1});
        assertThat(vst("dataset", "import", bad.toString(), "--name", "bad")).isEqualTo(Main.EXIT_INVALID);
        assertThat(err()).contains("bad.fvecs", "byte offset 0");
    }

    private byte[] payload() {
        byte[] data = new byte[300_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >> 8));
        }
        return data;
    }

    private int serve(byte[] data) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/d.bin", ex -> {
            String range = ex.getRequestHeaders().getFirst("Range");
            ranges.add(String.valueOf(range));
            int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            if (range != null) {
                ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (data.length - 1) + "/" + data.length);
            }
            ex.sendResponseHeaders(range == null ? 200 : 206, data.length - from);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(data, from, data.length - from);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    private void catalogEntry(String url, String sha) throws Exception {
        Path cfg = Files.createDirectories(dir.resolve("config")).resolve("datasets.yaml");
        Files.writeString(cfg, "datasets:\n  remote:\n    format: npy\n    file: remote/d.npy\n    url: " + url + "\n"
                + (sha == null ? "" : "    sha256: " + sha + "\n"));
    }

    @Test
    void downloadStreamsResumesWithRangeAndVerifiesTheChecksum() throws Exception {
        byte[] data = payload();
        int port = serve(data);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        catalogEntry("http://127.0.0.1:" + port + "/d.bin", sha);
        Path part = Files.createDirectories(dir.resolve("data/remote")).resolve("d.npy.part");
        Files.write(part, java.util.Arrays.copyOf(data, 120_000));
        assertThat(vst("dataset", "download", "remote")).as(err()).isZero();
        assertThat(ranges).containsExactly("bytes=120000-");
        assertThat(out()).contains("resumed at", sha);
        assertThat(Files.readAllBytes(dir.resolve("data/remote/d.npy"))).isEqualTo(data);
        assertThat(part).doesNotExist();
        assertThat(vst("dataset", "download", "remote")).isZero();
        assertThat(out()).contains("already at");
        Files.delete(dir.resolve("data/remote/d.npy"));
        assertThat(vst("dataset", "download", "remote")).isZero();
        assertThat(ranges).containsExactly("bytes=120000-", "null");
        assertThat(err()).contains("100.0%");
    }

    @Test
    void downloadWithAWrongChecksumRemovesThePartialFile() throws Exception {
        int port = serve(payload());
        catalogEntry("http://127.0.0.1:" + port + "/d.bin", "00".repeat(32));
        assertThat(vst("dataset", "download", "remote")).isEqualTo(Main.EXIT_RUNTIME);
        assertThat(err()).contains("corrupt");
        assertThat(dir.resolve("data/remote/d.npy.part")).doesNotExist();
        assertThat(dir.resolve("data/remote/d.npy")).doesNotExist();
    }

    @Test
    void offlineDownloadFailsAtOnceSayingWhereToPutTheFile() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        catalogEntry("http://127.0.0.1:" + closed + "/d.bin", null);
        long t0 = System.nanoTime();
        assertThat(vst("dataset", "download", "remote")).isEqualTo(Main.EXIT_RUNTIME);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
        assertThat(err()).contains("Cannot download 'remote'", "put the file at " + dir.resolve("data/remote/d.npy"));
        assertThat(vst("dataset", "download", "sift-1m")).isEqualTo(Main.EXIT_INVALID);
        assertThat(err()).contains("unpack it into " + dir.resolve("data"));
    }
}
