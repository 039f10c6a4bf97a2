package io.vst.gui.run;

import io.vst.report.ReportFormat;
import io.vst.report.ReportWriter;
import java.nio.file.Path;
import java.util.EnumSet;

/** The HTML report of a run directory, written by the report package (the same page as {@code vst report}). */
final class HtmlExport {

    private HtmlExport() {
    }

    /** Writes {@code report.html} for {@code runDir} into {@code outDir}; returns the page. Any thread. */
    static Path write(Path runDir, Path outDir) {
        ReportWriter.write(runDir, outDir, EnumSet.of(ReportFormat.HTML));
        return outDir.resolve(ReportWriter.HTML);
    }
}
