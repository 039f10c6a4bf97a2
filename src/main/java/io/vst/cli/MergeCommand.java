package io.vst.cli;

import io.vst.report.ReportWriter;
import io.vst.report.RunMerge;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vst merge DIR... --output DIR}: one run directory from the shards of a sharded run. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the run directories of 'vst run --shard I/N' (one per shard, N in all) into one run "
                + "directory, with its report; 'vst report' and 'vst compare' read it as any run.",
            "Latency histograms are merged exactly, operation counts summed, steps joined by name, the timeline "
                + "aligned on wall-clock time; server figures come from shard 0, the only shard that samples the "
                + "server; live vectors are the sum of the shards' live sets.",
            "The inputs must be every shard 0..N-1 of one shard group, each once, of the same scenario.yaml; "
                + "ordinary (unsharded) run directories are refused unless --allow-unsharded is given."},
        footer = {"", "Examples:",
            "  vst merge /runs/shard-0 /runs/shard-1 /runs/shard-2 --output /runs/merged",
            "  vst merge runs/a runs/b --allow-unsharded --output runs/a+b",
            "", "Exit codes: 0 merged, 1 a file could not be written, 2 the inputs do not form one sharded run."})
public final class MergeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "The run directories of the shards, in any "
            + "order; a folder that holds one run directory (a shard's 'vst run --output FOLDER') stands for it.")
    List<Path> runDirs;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "The merged run directory to create: a path that does not exist yet, or an empty folder "
            + "(a run is never written over).")
    Path output;

    @Option(names = "--allow-unsharded", description = "Also merge run directories that were not run with --shard, "
            + "as if each were one shard in the order given: the first counts as shard 0 (its server figures are "
            + "kept), operations, latencies and live vectors of all are added up.")
    boolean allowUnsharded;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        RunMerge.Result r = RunMerge.merge(runDirs, output, allowUnsharded);
        w.println("Merged " + r.shards() + " run directories into " + r.output() + " (" + r.info().outcome() + ")");
        r.reportFiles().stream().filter(f -> f.getFileName().toString().equals(ReportWriter.HTML))
                .forEach(f -> w.println("Report: " + f.toAbsolutePath().normalize().toUri()));
        w.flush();
        return Main.EXIT_OK;
    }
}
