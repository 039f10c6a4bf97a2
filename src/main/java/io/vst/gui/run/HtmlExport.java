package io.vst.gui.run;

import java.io.IOException;
import java.nio.file.Path;

/** The HTML report of a run directory, written by the report package. */
final class HtmlExport {

    private HtmlExport() {
    }

    static Path write(Path runDir, Path outDir) throws IOException {
        throw new IOException("the HTML report is not available in this build");
    }
}
