package io.vst.dataset;

import io.vst.VstException;
import java.nio.file.Path;

/** Builds the INVALID_INPUT errors for dataset files that cannot be used as they are. */
final class Malformed {

    private Malformed() {
    }

    static VstException file(Path file, String what) {
        return VstException.invalidInput("Dataset file " + file + ": " + what,
                "re-download or regenerate the file; `vst dataset verify NAME` checks a catalog dataset");
    }

    static VstException at(Path file, long byteOffset, String what) {
        return file(file, what + " at byte offset " + byteOffset);
    }
}
