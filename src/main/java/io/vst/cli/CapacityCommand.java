package io.vst.cli;

import io.vst.VstException;
import io.vst.report.CapacityPlan;
import io.vst.report.CapacityReport;
import io.vst.report.MemorySize;
import io.vst.rundir.Json;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vst capacity RUN_DIR}: what N vectors cost, and how many fit in a memory size, from a measured run. */
@Command(name = "capacity", mixinStandardHelpOptions = true,
        description = {"Capacity planning from a measured run: fits used_memory and its parts (keyspace, search "
                + "index, server overhead, client buffers) and allocator waste against live vectors by least "
                + "squares, over the run's settled samples and checkpoints before its first shrink.",
            "Prints the fixed cost and the bytes per vector of each with a 95 %% interval, the used_memory "
                + "predicted for --vectors N (95 %% prediction interval), the vectors that fit in --memory SIZE, "
                + "and how far above the growth line memory stood after shrinks."},
        footer = {"", "Examples:",
            "  vst run --scenario capacity_probe",
            "  vst capacity runs/20261201T101500Z_capacity_probe --vectors 10000000",
            "  vst capacity runs/20261201T101500Z_capacity_probe --memory 16GiB --format json",
            "", "Sizes: 16GiB = 16 x 1024^3 bytes, 16GB = 16 x 1000^3 bytes, a bare number is bytes."})
public final class CapacityCommand implements Callable<Integer> {

    private static final Pattern COUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)([kKmMbB]?)");

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory written by 'vst run'.")
    Path runDir;

    @Option(names = "--vectors", paramLabel = "N",
            description = "Predict used_memory for N live vectors (60000, 60,000, 60k, 10M).")
    String vectors;

    @Option(names = "--memory", paramLabel = "SIZE",
            description = "Tell how many vectors fit in SIZE of used_memory (16GiB, 16GB, 512MiB, or bytes).")
    String memory;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json.")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String f = format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("text") && !f.equals("json")) {
            throw VstException.invalidInput("--format '" + format + "' is not a format", "use --format text or --format json");
        }
        Long n = vectors == null ? null : count(vectors);
        MemorySize size = memory == null ? null : MemorySize.parse(memory, "--memory");
        RunData run = RunDataReader.read(runDir);
        CapacityPlan plan = CapacityPlan.of(run);
        PrintWriter w = spec.commandLine().getOut();
        if (f.equals("json")) {
            try {
                w.println(Json.mapper().writeValueAsString(CapacityReport.json(run, plan, n, size)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("capacity JSON", e);
            }
        } else {
            w.print(CapacityReport.text(run, plan, n, size));
        }
        w.flush();
        return Main.EXIT_OK;
    }

    /** "60000", "60,000", "60_000", "60k" and "10M" (or "1B") are vector counts. */
    static long count(String text) {
        String t = text.trim().replace(",", "").replace("_", "");
        Matcher m = COUNT.matcher(t);
        if (m.matches()) {
            double v = Double.parseDouble(m.group(1)) * switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> 1e3;
                case "m" -> 1e6;
                case "b" -> 1e9;
                default -> 1;
            };
            if (v >= 1 && v < 1e15 && v == Math.floor(v)) {
                return (long) v;
            }
        }
        throw VstException.invalidInput("--vectors '" + text + "' is not a vector count",
                "give a whole number of vectors of 1 or more, like 60000, 60,000, 60k or 10M");
    }
}
