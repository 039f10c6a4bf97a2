package io.vst.engine;

import io.vst.scenario.IndexSpec;
import io.vst.valkey.ValkeyClient;
import io.vst.workload.LiveVectors;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

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
        if (index.recreateIndex()) {
            AtomicLong deleted = new AtomicLong();
            client.scanKeys(index.prefix(), batch -> deleted.addAndGet(client.deleteKeys(batch)));
            boolean dropped = state.searchAvailable() && IndexLifecycle.drop(state, index);
            if (deleted.get() > 0 || dropped) {
                state.log("INFO", String.format(Locale.ROOT,
                        "fresh start (recreate_index): deleted %,d keys under '%s'%s", deleted.get(), index.prefix(),
                        dropped ? " and dropped index " + index.name() : ""));
            }
            return;
        }
        if (vectors == null) {
            return;
        }
        AtomicLong adopted = new AtomicLong();
        AtomicLong foreign = new AtomicLong();
        client.scanKeys(index.prefix(), batch -> {
            for (String key : batch) {
                long id = vectors.keys().idOf(key);
                if (id >= 0 && id < Integer.MAX_VALUE) {
                    if (vectors.live().add(id)) {
                        adopted.incrementAndGet();
                    }
                } else {
                    foreign.incrementAndGet();
                }
            }
        });
        state.log("INFO", String.format(Locale.ROOT,
                "continuing on existing data (recreate_index: false): %,d keys under '%s' are live%s", adopted.get(),
                index.prefix(), foreign.get() > 0 ? String.format(Locale.ROOT,
                        "; %,d other keys under the prefix are not vst's and are left alone", foreign.get()) : ""));
    }
}
