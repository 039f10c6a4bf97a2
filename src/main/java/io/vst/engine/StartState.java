package io.vst.engine;

import io.vst.VstException;
import io.vst.rundir.LogLevel;
import io.vst.scenario.IndexSpec;
import io.vst.valkey.ValkeyClient;
import io.vst.workload.LiveVectors;
import io.vst.workload.ServerIds;
import java.util.Locale;

/**
 * Brings the server and the client's live set into agreement before the first step.
 *
 * <p>With {@code index.recreate_index: true} (the default) a run starts from nothing: keys left under
 * the scenario's prefix by an earlier run are deleted and its index is dropped, so the live set (empty)
 * matches the server and memory per vector is measured from a true baseline. With
 * {@code recreate_index: false} the run continues on what is there: existing keys under the prefix
 * become the live set, and an existing index must have the scenario's definition.
 */
final class StartState {

    private StartState() {
    }

    static void prepare(RunState state) {
        if (state.plan.steps().isEmpty()) {
            return;
        }
        IndexSpec index = state.plan.index();
        ValkeyClient client = state.session.client();
        LiveVectors vectors = state.vectors.primary();
        PrefixKeys.requireSafe(index.prefix());
        if (index.recreateIndex()) {
            // On a sharded run only shard 0 clears what an earlier run left; the others wait for it at step 0.
            if (state.options.shard().leads()) {
                freshStart(state, index, client);
            }
            return;
        }
        if (vectors == null) {
            return;
        }
        ServerIds.Found found = ServerIds.scan(client, vectors.keys());
        int adopted = vectors.live().addAll(found.ids());
        state.log(LogLevel.INFO, String.format(Locale.ROOT,
                "continuing on existing data (recreate_index: false): %,d keys under '%s' are live%s", adopted,
                index.prefix(), found.others() > 0 ? String.format(Locale.ROOT,
                        "; %,d other keys under the prefix are not vst's and are left alone", found.others()) : ""));
    }

    /**
     * Deletes what an earlier run left under the prefix, saying on the console what it deletes; on a
     * server vst did not start, more than {@link PrefixKeys#CONFIRM_ABOVE} keys need {@code --yes}.
     */
    private static void freshStart(RunState state, IndexSpec index, ValkeyClient client) {
        String prefix = index.prefix();
        long found = PrefixKeys.count(client, prefix);
        if (found > PrefixKeys.CONFIRM_ABOVE && !state.session.embedded() && !state.options.confirmDeletion()) {
            throw VstException.invalidInput(String.format(Locale.ROOT, "The fresh start (index.recreate_index: true)"
                    + " would delete %,d keys matching '%s' on %s, a server vst did not start; nothing was deleted",
                    found, PrefixKeys.pattern(prefix), state.session.address()),
                    "if they are an earlier run's vectors, pass --yes to delete them; to keep them, give the scenario"
                            + " another index.prefix or set index.recreate_index: false to continue on them");
        }
        String what = "fresh start (recreate_index)";
        if (found > 0) {
            state.log(LogLevel.WARN, String.format(Locale.ROOT, "%s: deleting %,d keys matching '%s' on %s", what, found,
                    PrefixKeys.pattern(prefix), state.session.address()));
        }
        long deleted = found > 0 ? PrefixKeys.delete(state, prefix, found, LogLevel.WARN, what) : 0;
        boolean dropped = state.searchAvailable() && IndexLifecycle.drop(state, index);
        if (deleted > 0 || dropped) {
            state.log(deleted > 0 ? LogLevel.WARN : LogLevel.INFO, String.format(Locale.ROOT, "%s: deleted %,d keys under '%s'%s",
                    what, deleted, prefix, dropped ? " and dropped index " + index.name() : ""));
        }
    }
}
