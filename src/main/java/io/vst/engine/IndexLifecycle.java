package io.vst.engine;

import io.vst.VstException;
import io.vst.dataset.Metric;
import io.vst.rundir.LogLevel;
import io.vst.scenario.FieldSpec;
import io.vst.scenario.IndexSpec;
import io.vst.valkey.FtInfo;
import io.vst.valkey.IndexDefinition;
import io.vst.valkey.ValkeyClient;
import io.vst.workload.LiveVectors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Creates the scenario's search index before the first workload that needs it, checks an existing
 * index has the same definition (or recreates it with {@code recreate_index: true}), waits for
 * {@code state: ready}, and drops it on cleanup.
 */
final class IndexLifecycle {

    /** The longest vst waits for a new index to be ready, before {@code --time-scale} (at least 1 s). */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(30);

    private IndexLifecycle() {
    }

    /**
     * Makes sure the step's index exists with the step's definition; idempotent within a run. On a sharded run
     * shard 0 creates it (the shards would race to FT.CREATE it) and the others wait for it first, outside the
     * lock, which shards running in one process share.
     */
    static void ensure(RunState state, PlannedStep step, LiveVectors vectors) {
        IndexDefinition want = definition(step.index(), vectors);
        if (!state.options.shard().leads() && !(state.indexReady && want.equals(state.ensuredIndex))) {
            awaitLeader(state, state.session.client(), want);
        }
        ensureNow(state, step, want);
    }

    private static synchronized void ensureNow(RunState state, PlannedStep step, IndexDefinition want) {
        IndexSpec spec = step.index();
        if (state.indexReady && want.equals(state.ensuredIndex)) {
            return;
        }
        ValkeyClient client = state.session.client();
        if (!state.options.shard().leads()) {
            state.log(LogLevel.INFO, "index " + spec.name() + " made by shard 0");
        } else if (client.ftList().contains(spec.name())) {
            FtInfo have = client.ftInfo(spec.name());
            String diff = difference(want, have);
            if (diff != null) {
                if (!spec.recreateIndex()) {
                    throw VstException.invalidInput("Index '" + spec.name() + "' already exists with a different"
                            + " definition: " + diff, "set 'recreate_index: true' in the index block to drop and"
                            + " recreate it, or give the index another name");
                }
                state.log(LogLevel.INFO, "dropping index " + spec.name() + " to recreate it (" + diff + ")");
                client.ftDropIndex(spec.name());
                client.ftCreate(want);
            }
        } else {
            client.ftCreate(want);
            state.log(LogLevel.INFO, "created index " + spec.name() + ": " + String.join(" ", want.toArguments()));
        }
        client.awaitIndexReady(spec.name(), Duration.ofMillis(Math.max(1000,
                (long) (READY_TIMEOUT.toMillis() * state.plan.options().timeScale()))));
        state.ensuredIndex = want;
        state.indexReady = true;
    }

    /** Waits, on a shard other than 0, until shard 0 has made the index with the wanted definition. */
    private static void awaitLeader(RunState state, ValkeyClient client, IndexDefinition want) {
        long deadline = System.nanoTime() + (long) (state.options.shard().waitSeconds() * 1e9);
        while (!client.ftList().contains(want.name()) || difference(want, client.ftInfo(want.name())) != null) {
            if (System.nanoTime() > deadline) {
                throw VstException.runtime("shard " + state.options.shard().label() + ": shard 0 did not create index '"
                        + want.name() + "' within " + state.options.shard().waitSeconds() + " s", null);
            }
            state.stop.sleep(ShardBarrier.POLL_MILLIS);
            if (state.stop.isStopped()) {
                return;
            }
        }
    }

    /** Drops the index if it exists; returns whether it did. */
    static synchronized boolean drop(RunState state, IndexSpec spec) {
        ValkeyClient client = state.session.client();
        state.indexReady = false;
        state.ensuredIndex = null;
        if (!client.ftList().contains(spec.name())) {
            return false;
        }
        client.ftDropIndex(spec.name());
        return true;
    }

    static IndexDefinition definition(IndexSpec spec, LiveVectors vectors) {
        int dims = spec.dimensions() != null ? spec.dimensions() : vectors.dimensions();
        if (dims != vectors.dimensions()) {
            throw VstException.invalidInput(String.format(Locale.ROOT,
                    "index.dimensions is %d but the dataset's vectors have %d", dims, vectors.dimensions()),
                    "remove index.dimensions to take it from the dataset");
        }
        IndexDefinition.Metric metric = spec.distanceMetric() != null
                ? IndexDefinition.Metric.valueOf(spec.distanceMetric().toUpperCase(Locale.ROOT))
                : toIndexMetric(vectors.source().metric());
        boolean flat = "FLAT".equalsIgnoreCase(spec.algorithm());
        IndexDefinition d = flat
                ? IndexDefinition.flat(spec.name(), spec.prefix(), dims, metric).withBlockSize(spec.blockSize())
                : IndexDefinition.hnsw(spec.name(), spec.prefix(), dims, metric)
                        .withHnsw(spec.m(), spec.efConstruction(), spec.efRuntime());
        d = d.withInitialCap(spec.initialCap());
        for (FieldSpec f : spec.fields() == null ? List.<FieldSpec>of() : spec.fields()) {
            d = d.withField(f.name(), IndexDefinition.FieldType.valueOf(f.type().toUpperCase(Locale.ROOT)));
        }
        return d;
    }

    private static IndexDefinition.Metric toIndexMetric(Metric m) {
        return switch (m) {
            case L2 -> IndexDefinition.Metric.L2;
            case IP -> IndexDefinition.Metric.IP;
            case COSINE -> IndexDefinition.Metric.COSINE;
        };
    }

    /** What differs between the wanted definition and the existing index, or null when they match. */
    static String difference(IndexDefinition want, FtInfo have) {
        FtInfo.VectorIndex v = have.vector();
        if (v == null) {
            return "it has no vector attribute";
        }
        List<String> diffs = new ArrayList<>();
        if (v.dimensions() != want.dims()) {
            diffs.add("dimensions " + v.dimensions() + " vs " + want.dims());
        }
        if (!v.algorithm().equalsIgnoreCase(want.algorithm().name())) {
            diffs.add("algorithm " + v.algorithm() + " vs " + want.algorithm());
        }
        if (!v.metric().equalsIgnoreCase(want.metric().name())) {
            diffs.add("distance_metric " + v.metric() + " vs " + want.metric());
        }
        if (want.algorithm() == IndexDefinition.Algorithm.HNSW) {
            if (want.m() != null && v.m() != want.m()) {
                diffs.add("m " + v.m() + " vs " + want.m());
            }
            if (want.efConstruction() != null && v.efConstruction() != want.efConstruction()) {
                diffs.add("ef_construction " + v.efConstruction() + " vs " + want.efConstruction());
            }
        }
        if (!have.prefixes().isEmpty() && !have.prefixes().contains(want.prefix())) {
            diffs.add("prefix " + have.prefixes() + " vs " + want.prefix());
        }
        return diffs.isEmpty() ? null : String.join(", ", diffs);
    }
}
