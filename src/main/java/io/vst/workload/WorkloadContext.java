package io.vst.workload;

import io.vst.metrics.Recorders;
import io.vst.scenario.GlobalConfig;
import io.vst.scenario.IndexSpec;
import io.vst.scenario.Parameters;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.WorkloadClient;

/**
 * Everything a workload may use while it runs: its parameters and effective config, the server,
 * the vectors and which of them are live, latency recorders, and the stop signal.
 */
public interface WorkloadContext {

    /** The unique name of the running step. */
    String stepName();

    /** The step's parameters, with every default of the workload's schema filled in. */
    Parameters parameters();

    /** The effective configuration: global_config &lt; step config &lt; parameters. */
    GlobalConfig config();

    /** The server, with every command of {@link ValkeyClient} (for plugin workloads). */
    ValkeyClient client();

    /**
     * The commands the built-in workloads send their load through (pipelines, KNN searches, FT.INFO):
     * {@link #client()} unless a test puts an in-memory server here.
     */
    default WorkloadClient commands() {
        return client();
    }

    /**
     * The live vectors of this scenario's key space (shared by all steps of the run); null for a plugin
     * workload when the scenario names no dataset.
     */
    LiveVectors vectors();

    /** The search index this scenario uses (name, prefix, algorithm, ...). */
    IndexSpec index();

    /** Whether the server has the search module, so FT.* commands can be sent. */
    boolean searchAvailable();

    /** Latency and outcome recorders, one per operation type. */
    Recorders recorders();

    /** Stop signal of this step: user stop, step timeout, or memory threshold. */
    StopSignal stop();

    /** How long the step should run, in seconds; 0 when it runs to a target instead. */
    double durationSeconds();

    /** The most operations the step may do; 0 when unlimited. */
    long maxOperations();

    /** Whether {@link #durationSeconds()} has passed since the workload started. */
    boolean timeIsUp();

    /** Reports progress: {@code done} of {@code target} items ({@code -1} when running for a time). */
    void progress(long done, long target);

    /** Writes a line to the run log (and the user's console for WARN / ERROR). */
    void log(String level, String message);

    /** A seed for this step's randomness, derived from the run's seed and the step's name. */
    long seed();

    /** Records the recall@k of one verified query, for the timeline and the step's summary. */
    void recordRecall(double recall);

    /**
     * This process's shard of the run ({@code vst run --shard I/N}): 0 unless the run is sharded. Position p
     * of the id order a single process would write belongs to shard {@code p mod shardCount()}.
     */
    default int shardIndex() {
        return 0;
    }

    /** How many processes run the scenario together ({@code N} of {@code --shard I/N}); 1 unless sharded. */
    default int shardCount() {
        return 1;
    }

    /**
     * This shard's part of a count ({@code target_vectors}, an operation count): {@code X / N}, plus one on the
     * first {@code X mod N} shards, so the parts of all shards sum to X; X itself when the run is not sharded.
     */
    default long share(long total) {
        return total;
    }

    /**
     * Waits here while the run is paused (a checkpoint's memory threshold with
     * {@code action_on_threshold: pause}); workloads call it between operations. Returns at once when
     * the run is not paused or the step is stopped.
     */
    default void pausePoint() {
    }
}
