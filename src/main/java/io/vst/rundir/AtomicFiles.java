package io.vst.rundir;

import io.vst.VstException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Replaces files whole, so a reader of the run directory or of a report never sees half a file. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes {@code bytes} to a temporary sibling, then moves it over {@code file}; on failure (a full
     * disk) the temporary file is removed and {@code file} is left as it was.
     *
     * @throws VstException (runtime, caused by the IOException) naming the file
     */
    public static Path write(Path file, byte[] bytes) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            String reason = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                    ? fs.getReason() : e.getMessage();
            throw VstException.runtime("cannot write " + file + ": " + reason, e);
        }
    }
}
