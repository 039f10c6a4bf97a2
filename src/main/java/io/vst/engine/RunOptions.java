package io.vst.engine;

import io.vst.workload.WorkloadRegistry;
import java.nio.file.Path;

/**
 * How a run is carried out beyond what the scenario says.
 *
 * @param outputRoot folder under which the run directory is created (default {@code runs})
 * @param outputDir exact run directory to use, or null for {@code <root>/<time>_<scenario>}
 * @param seed seed of all randomness in the run (shuffles, removal picks, update offsets)
 * @param toolVersion version written to run.json
 * @param workloads the workloads available (built-ins, plus plugins when loaded)
 * @param writeReport whether the run ends by writing its report (report.html, charts, CSV, JSON)
 * @param confirmDeletion whether the fresh start may delete many keys on a server vst did not start ({@code --yes})
 * @param allowLarge whether a run estimated not to fit the server's memory may start anyway ({@code --allow-large})
 * @param shard which part of the scenario this process runs ({@code --shard I/N}); {@link ShardSpec#single()} for all
 */
public record RunOptions(Path outputRoot, Path outputDir, long seed, String toolVersion, WorkloadRegistry workloads,
                         boolean writeReport, boolean confirmDeletion, boolean allowLarge, ShardSpec shard) {

    public static RunOptions defaults() {
        return new RunOptions(Path.of("runs"), null, 42L, "dev", WorkloadRegistry.builtin(), true, false, false,
                ShardSpec.single());
    }

    public RunOptions withSafety(boolean confirm, boolean large) {
        return new RunOptions(outputRoot, outputDir, seed, toolVersion, workloads, writeReport, confirm, large, shard);
    }

    public RunOptions withReport(boolean write) {
        return new RunOptions(outputRoot, outputDir, seed, toolVersion, workloads, write, confirmDeletion, allowLarge, shard);
    }

    public RunOptions withOutputRoot(Path root) {
        return new RunOptions(root, outputDir, seed, toolVersion, workloads, writeReport, confirmDeletion, allowLarge, shard);
    }

    public RunOptions withSeed(long s) {
        return new RunOptions(outputRoot, outputDir, s, toolVersion, workloads, writeReport, confirmDeletion, allowLarge, shard);
    }

    public RunOptions withToolVersion(String version) {
        return new RunOptions(outputRoot, outputDir, seed, version, workloads, writeReport, confirmDeletion, allowLarge, shard);
    }

    public RunOptions withShard(ShardSpec s) {
        return new RunOptions(outputRoot, outputDir, seed, toolVersion, workloads, writeReport, confirmDeletion, allowLarge, s);
    }

    public RunOptions withWorkloads(WorkloadRegistry registry) {
        return new RunOptions(outputRoot, outputDir, seed, toolVersion, registry, writeReport, confirmDeletion, allowLarge, shard);
    }
}
