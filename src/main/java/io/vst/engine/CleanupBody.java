package io.vst.engine;

import io.vst.rundir.LogLevel;
import io.vst.rundir.StepStatus;
import io.vst.scenario.Parameters;
import io.vst.valkey.ValkeyClient;
import io.vst.workload.LiveVectors;
import java.util.Locale;

/**
 * A cleanup step. {@code index_only} drops the scenario's index; {@code partial} deletes the tool's
 * keys (those under its prefix) and keeps the index; {@code full} does both. vst never FLUSHALLs: keys
 * outside its prefix are never touched. {@code force_cleanup} ends with MEMORY PURGE so freed pages go
 * back to the OS at once.
 */
final class CleanupBody {

    private final RunState state;

    CleanupBody(RunState state) {
        this.state = state;
    }

    StepOutcome run(PlannedStep step) {
        Parameters p = step.parameters();
        String type = p.getString("cleanup_type", "full");
        ValkeyClient client = state.session.client();
        StringBuilder detail = new StringBuilder();
        long deleted = 0;
        // On a sharded run shard 0 drops the index and deletes the keys (once); every shard forgets its live set.
        boolean leads = state.options.shard().leads();
        if (("full".equals(type) || "index_only".equals(type)) && state.searchAvailable() && leads) {
            boolean dropped = IndexLifecycle.drop(state, step.index());
            detail.append(dropped ? "dropped index " + step.index().name() : "no index to drop");
        }
        if ("full".equals(type) || "partial".equals(type)) {
            String prefix = step.index().prefix();
            deleted = leads ? PrefixKeys.delete(state, prefix, PrefixKeys.PROGRESS_EVERY, LogLevel.INFO,
                    "cleanup " + step.name()) : 0;
            LiveVectors v = state.vectors.primary();
            if (v != null) {
                v.clear();
            }
            if (detail.length() > 0) {
                detail.append("; ");
            }
            detail.append(String.format(Locale.ROOT, "deleted %,d keys under '%s'", deleted, prefix));
        }
        if (p.getBool("force_cleanup", false) && leads) {
            client.memoryPurge();
            detail.append("; memory purged");
        }
        if (!p.getBool("preserve_connections", true)) {
            int closed = client.closeIdleConnections();
            detail.append(String.format(Locale.ROOT, "; closed %d idle connections", closed));
        }
        return new StepOutcome(StepStatus.OK, deleted, 0, Double.NaN, Double.NaN, Double.NaN, null, detail.toString());
    }
}
