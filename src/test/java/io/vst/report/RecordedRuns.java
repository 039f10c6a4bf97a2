package io.vst.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The run directories kept under src/test/resources/runs, and the CLI as a user calls it. */
public final class RecordedRuns {

    /** A quickstart run on a plain valkey-server 8.0.1 (real figures). */
    public static final Path QUICKSTART = Path.of("src/test/resources/runs/quickstart");
    /** A search scenario through the test-only search proxy: search figures are emulated (see its README). */
    public static final Path SEARCH_PROXY = Path.of("src/test/resources/runs/search-proxy");

    private RecordedRuns() {
    }

    /** Copies a recorded run directory under {@code to}, so a test may change or add files. */
    public static Path copy(Path run, Path to) {
        try (Stream<Path> files = Files.walk(run)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(run.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
