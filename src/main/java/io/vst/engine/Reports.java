package io.vst.engine;

import io.vst.report.ReportFormat;
import io.vst.report.ReportWriter;
import java.nio.file.Path;

/** Writes a run's report from the engine; a report that cannot be written is a warning, never a failed run. */
final class Reports {

    private Reports() {
    }

    static void writeQuietly(Path runDir, Path outDir, RunListener listeners) {
        try {
            ReportWriter.write(runDir, outDir, ReportFormat.all());
            listeners.log("INFO", "report written to " + outDir.resolve(ReportWriter.HTML));
        } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
            // AWT without a usable display or fonts fails with errors, not exceptions: the run stands.
            listeners.log("WARN", "the report could not be written: " + e
                    + " (regenerate it with: vst report " + runDir + ")");
        }
    }
}
