package io.vst.dataset;

import io.vst.VstException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * Downloads a catalog dataset over HTTP(S) into the data directory: streams to
 * {@code <file>.part}, resumes an interrupted download with a {@code Range} request, reports progress,
 * verifies the size and (when the catalog knows it) the SHA-256, then moves the file into place.
 * Without a network it fails at once and says where to put the file by hand.
 */
public final class DatasetDownloader {

    /** Receives progress; {@code total} is -1 when the server does not say. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total, double bytesPerSecond);
    }

    /** Outcome of a download. */
    public record Result(Path file, long bytes, long resumedFrom, boolean alreadyPresent, String sha256) {
    }

    private final Duration connectTimeout;
    private final Duration readTimeout;

    public DatasetDownloader(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    public Result download(CatalogEntry e, DatasetCatalog catalog, Progress progress) {
        if (e.synthetic()) {
            throw VstException.invalidInput("Dataset '" + e.name() + "' is synthetic: it is computed, there is nothing to download", null);
        }
        Path target = catalog.resolve(e.file());
        String where = "put the file at " + target;
        if (e.url() == null) {
            throw VstException.invalidInput("Dataset '" + e.name() + "' has no download URL in the catalog", where);
        }
        if (!e.url().startsWith("http://") && !e.url().startsWith("https://") || e.archive() != null) {
            throw VstException.invalidInput("Dataset '" + e.name() + "' is published as " + e.url()
                    + ", which vst does not fetch or unpack itself",
                    "fetch it by hand and unpack it into " + catalog.home().dataDir() + " so that " + target + " exists");
        }
        if (Files.isRegularFile(target)) {
            return new Result(target, size(target), 0, true, null);
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.getParent());
            long have = Files.isRegularFile(part) ? Files.size(part) : 0;
            long resumed = fetch(e, part, have, progress);
            String sha = Checksums.sha256(part);
            if (e.sha256() != null && !e.sha256().equalsIgnoreCase(sha)) {
                Files.delete(part);
                throw VstException.runtime("Download of '" + e.name() + "' is corrupt: SHA-256 " + sha + ", the catalog says "
                        + e.sha256() + " (partial file removed; run the download again)", null);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            return new Result(target, size(target), resumed, false, sha);
        } catch (IOException ex) {
            throw new VstException(VstException.Kind.RUNTIME, "Cannot download '" + e.name() + "' from " + e.url() + ": "
                    + describe(ex), "this machine may be offline: fetch it elsewhere and " + where
                    + (Files.exists(part) ? " (the partial " + part.getFileName() + " resumes on the next download)" : ""), ex);
        }
    }

    /** Streams the URL into {@code part}, resuming from {@code have} bytes; returns the resume offset. */
    private long fetch(CatalogEntry e, Path part, long have, Progress progress) throws IOException {
        URL url = URI.create(e.url()).toURL();
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout((int) connectTimeout.toMillis());
        c.setReadTimeout((int) readTimeout.toMillis());
        c.setInstanceFollowRedirects(true);
        if (have > 0) {
            c.setRequestProperty("Range", "bytes=" + have + "-");
        }
        int status = c.getResponseCode();
        long start;
        if (status == HttpURLConnection.HTTP_PARTIAL) {
            start = have;
            String range = c.getHeaderField("Content-Range");
            if (range == null || !range.startsWith("bytes " + have + "-")) {
                throw new IOException("server answered Range bytes=" + have + "- with Content-Range " + range);
            }
        } else if (status == HttpURLConnection.HTTP_OK) {
            start = 0; // the server ignored the Range: start over
        } else if (status == 416 && have > 0) {
            return have; // the partial file is already complete
        } else {
            throw new IOException("HTTP " + status + " " + c.getResponseMessage());
        }
        long length = c.getContentLengthLong();
        long total = length < 0 ? -1 : start + length;
        StandardOpenOption mode = start > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        long done = start;
        long t0 = System.nanoTime();
        long lastReport = 0;
        try (InputStream in = c.getInputStream();
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                done += n;
                long now = System.nanoTime();
                if (now - lastReport > 500_000_000L) {
                    lastReport = now;
                    progress.update(done, total, (done - start) / Math.max(1e-9, (now - t0) / 1e9));
                }
            }
        }
        progress.update(done, total, (done - start) / Math.max(1e-9, (System.nanoTime() - t0) / 1e9));
        if (total >= 0 && done != total) {
            throw new IOException(String.format(Locale.ROOT, "connection closed after %d of %d bytes", done, total));
        }
        return start;
    }

    private static String describe(IOException ex) {
        return io.vst.Failures.describe(ex);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw VstException.runtime("Cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
