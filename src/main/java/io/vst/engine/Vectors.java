package io.vst.engine;

import io.vst.VstException;
import io.vst.dataset.Datasets;
import io.vst.dataset.ExpandedSource;
import io.vst.dataset.LiveSet;
import io.vst.dataset.VectorSource;
import io.vst.workload.FieldValues;
import io.vst.workload.KeySpace;
import io.vst.workload.LiveVectors;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The vectors of a run: one {@link LiveVectors} per dataset, opened once before the first step (so
 * a bad dataset fails the run before it starts) and shared by every step that names it. Past the
 * dataset's size, vectors come from its expansions.
 */
final class Vectors implements AutoCloseable {

    private final Map<String, LiveVectors> byDataset = new LinkedHashMap<>();
    private final Map<String, VectorSource> opened = new LinkedHashMap<>();
    private final long seed;
    private final String prefix;
    private final java.util.List<io.vst.scenario.FieldSpec> fields;

    Vectors(RunPlan plan, long seed) {
        this.seed = seed;
        io.vst.scenario.IndexSpec index = plan.index();
        this.prefix = index.prefix();
        this.fields = index.fields();
    }

    /** Opens every dataset the plan uses; throws INVALID_INPUT naming the dataset on any problem. */
    void openAll(RunPlan plan) {
        for (PlannedStep s : plan.flatten()) {
            if (s.dataset() != null) {
                open(s.dataset());
            }
        }
        if (byDataset.size() > 1) {
            throw VstException.invalidInput("Steps use different datasets (" + String.join(", ", byDataset.keySet())
                    + ") under one key prefix '" + prefix + "'",
                    "use one dataset per scenario (set it at the top level)");
        }
    }

    LiveVectors forStep(PlannedStep step) {
        String name = step.dataset();
        if (name == null) {
            throw VstException.invalidInput("Step '" + step.name() + "' needs vectors but no dataset is set",
                    "add 'dataset: synthetic-128' (or a dataset name or file) at the top of the scenario");
        }
        return open(name);
    }

    /** The vectors of the run's one dataset, or null when no step uses one. */
    LiveVectors primary() {
        return byDataset.isEmpty() ? null : byDataset.values().iterator().next();
    }

    /** The vectors the server holds as far as vst knows: live ones and those whose deletes are not answered yet. */
    long liveCount() {
        long n = 0;
        for (LiveVectors v : byDataset.values()) {
            n += v.live().presentCount();
        }
        return n;
    }

    private synchronized LiveVectors open(String name) {
        LiveVectors v = byDataset.get(name);
        if (v != null) {
            return v;
        }
        VectorSource base;
        try {
            base = Datasets.open(name);
        } catch (VstException e) {
            throw new VstException(e.kind(), e.getMessage(), (e.hint() == null ? "" : e.hint() + "; ")
                    + "or try the scenario on generated vectors with --dataset synthetic-1536-cosine "
                    + "(add --vector-scale 0.01 for a smaller trial)", e);
        }
        opened.put(name, base);
        if (!(base instanceof io.vst.dataset.SyntheticSource)) {
            // Bad rows (NaN, Inf, truncation) must fail the run before its first step, not halfway.
            io.vst.dataset.DatasetValidator.validate(base);
        }
        // Ids past the dataset's size are its expansions; the live set holds ids below 2^31.
        VectorSource source = base.size() >= Integer.MAX_VALUE ? base
                : new ExpandedSource(base, Integer.MAX_VALUE, seed);
        KeySpace keys = new KeySpace(prefix, base.size());
        v = new LiveVectors(source, new LiveSet(seed), keys, seed, new FieldValues(fields));
        byDataset.put(name, v);
        return v;
    }

    @Override
    public void close() throws Exception {
        for (VectorSource s : opened.values()) {
            s.close();
        }
    }
}
