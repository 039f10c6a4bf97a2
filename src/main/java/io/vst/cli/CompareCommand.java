package io.vst.cli;

import io.vst.VstException;
import io.vst.report.ComparisonWriter;
import io.vst.report.RunComparison;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vst compare RUN_A RUN_B [...]}: runs side by side, with a verdict against a threshold. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare runs: the change of throughput, p99 latency, recall, memory and memory per vector "
                + "for every step and checkpoint the runs share by name, against the first run (the baseline).",
            "Prints the table of changes; with --out also writes compare.html (overlaid charts), compare.csv, "
                + "compare.json and charts/*.png.",
            "Exit code 3 when a figure is worse than the baseline by more than --max-regression."},
        footer = {"", "Examples:",
            "  vst compare runs/20261127T101500Z_quickstart runs/20261128T091000Z_quickstart",
            "  vst compare runs/A runs/B --max-regression 10%% --out /tmp/compare"})
public final class CompareCommand implements Callable<Integer> {

    /** Exit code when a regression beyond the threshold is found. */
    public static final int EXIT_REGRESSION = 3;

    @Parameters(arity = "2..*", paramLabel = "RUN_DIR", description = "Run directories; the first is the baseline.")
    List<Path> runDirs;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write compare.html, CSV, JSON and charts here.")
    Path out;

    @Option(names = "--max-regression", paramLabel = "PERCENT", defaultValue = "5%",
            description = "How much worse a figure may get, in percent (default: 5%%).")
    String maxRegression;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        double threshold = percent(maxRegression);
        List<RunData> runs = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        PrintWriter w = spec.commandLine().getOut();
        for (int i = 0; i < runDirs.size(); i++) {
            String label = String.valueOf((char) ('A' + Math.min(i, 25))) + (i >= 26 ? String.valueOf(i) : "");
            runs.add(RunDataReader.read(runDirs.get(i), label));
            sources.add(runDirs.get(i).toString());
            w.println(label + " = " + runDirs.get(i) + (i == 0 ? " (baseline)" : ""));
        }
        List<String> scenarios = runs.stream().map(r -> r.info().scenario()).distinct().toList();
        if (scenarios.size() > 1) {
            w.println("note: the runs are of different scenarios (" + String.join(", ", scenarios)
                    + "); only steps and checkpoints of the same name are compared");
        }
        RunComparison comparison = RunComparison.of(runs, threshold);
        if (comparison.rows().isEmpty()) {
            throw VstException.invalidInput("the runs share no step or checkpoint with figures to compare",
                    "compare runs of the same scenario (steps and checkpoints are matched by name)");
        }
        w.print(comparison.table());
        if (out != null) {
            ComparisonWriter.write(runs, sources, comparison, out);
            w.println("Comparison: " + out.resolve(ComparisonWriter.HTML).toAbsolutePath().normalize().toUri());
        }
        w.flush();
        return comparison.regressed() ? EXIT_REGRESSION : Main.EXIT_OK;
    }

    /** "5%", "5" and "7.5 %" all mean that many percent. */
    static double percent(String text) {
        String t = text.trim().replace("%", "").trim();
        try {
            double v = Double.parseDouble(t);
            if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException(text);
            }
            return v;
        } catch (NumberFormatException e) {
            throw VstException.invalidInput(String.format(Locale.ROOT, "--max-regression '%s' is not a percentage",
                    text), "write it like 5% or 12.5%");
        }
    }
}
