package io.vst.engine;

import io.vst.rundir.LogLevel;
import io.vst.report.ReportFormat;
import io.vst.report.ReportWriter;
import java.nio.file.Path;

/**
 * Writes a run's report from the engine. A report that cannot be rendered (no usable display or fonts) is
 * a warning; one whose files cannot be written (a full disk) is returned, so the run can end failed.
 */
final class Reports {

    private Reports() {
    }

    /** Writes the report; returns why its files could not be written, or null. */
    static String writeQuietly(Path runDir, Path outDir, RunListener listeners) {
        try {
            ReportWriter.write(runDir, outDir, ReportFormat.all());
            listeners.log(LogLevel.INFO, "report written to " + outDir.resolve(ReportWriter.HTML));
            return null;
        } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
            String again = " (regenerate it with: vst report " + runDir + ")";
            if (ReportWriter.isWriteFailure(e)) {
                listeners.log(LogLevel.ERROR, "the report was not written: " + e.getMessage() + again);
                return "the report was not written: " + e.getMessage();
            }
            // AWT without a usable display or fonts fails with errors, not exceptions: the run stands.
            listeners.log(LogLevel.WARN, "the report could not be written: " + e + again);
            return null;
        }
    }
}
