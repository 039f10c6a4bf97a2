package io.vst.cli;

import io.vst.report.ReportFormat;
import io.vst.report.ReportWriter;
import io.vst.units.Units;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vst report RUN_DIR}: regenerates a run's report from its directory alone. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the report of a run: report.html (self-contained), charts/*.png, csv/*.csv and "
                + "summary.json, from the run directory alone.",
            "Works on a finished run and on one still running (it reads what has been written so far)."},
        footer = {"", "Examples:",
            "  vst report runs/20261127T101500Z_quickstart",
            "  vst report runs/20261127T101500Z_quickstart --out /tmp/report --format html,csv"})
public final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory written by 'vst run'.")
    Path runDir;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report (default: RUN_DIR).")
    Path out;

    @Option(names = "--format", paramLabel = "LIST", defaultValue = "html,png,csv,json",
            description = "What to write, comma-separated: html, png, csv, json (default: all).")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        long start = System.nanoTime();
        List<Path> files = ReportWriter.write(runDir, out, ReportFormat.parse(format));
        Path target = out == null ? runDir : out;
        w.println(String.format(Locale.ROOT, "Wrote %d files to %s in %s", files.size(), target,
                Units.duration((System.nanoTime() - start) / 1e9)));
        files.stream().filter(f -> f.getFileName().toString().equals(ReportWriter.HTML))
                .forEach(f -> w.println("Report: " + f.toAbsolutePath().normalize().toUri()));
        return Main.EXIT_OK;
    }
}
