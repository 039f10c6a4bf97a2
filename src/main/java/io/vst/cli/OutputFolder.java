package io.vst.cli;

import io.vst.VstException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, before a run starts, that a folder vst is to write into can be written. */
final class OutputFolder {

    private OutputFolder() {
    }

    /**
     * Throws an invalid-input error naming {@code option} when {@code dir} is a file, or when it (or, if it
     * does not exist yet, its nearest existing parent) is not a writable folder.
     */
    static void check(Path dir, String option) {
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return; // nothing on the path exists, not even the root: let the write say why
        }
        String where = option + " " + dir;
        if (!Files.isDirectory(existing)) {
            throw VstException.invalidInput(where + ": '" + existing + "' is a file, not a folder",
                    "give a folder, or a path that does not exist yet");
        }
        if (!Files.isWritable(existing)) {
            throw VstException.invalidInput(where + ": the folder '" + existing + "' is not writable",
                    "choose a folder you may write to, or fix its permissions");
        }
        try {
            Files.createDirectories(dir); // the run would create it anyway; fail now, before a server is touched
        } catch (IOException | SecurityException e) {
            throw VstException.invalidInput(where + ": cannot create the folder (" + reason(e) + ")",
                    "choose a folder you may write to");
        }
    }

    private static String reason(Exception e) {
        return e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e instanceof FileSystemException ? "not permitted" : String.valueOf(e.getMessage());
    }
}
