package io.vst.engine;

import io.vst.VstException;
import io.vst.dataset.LiveSet;
import io.vst.scenario.CheckpointStep;
import io.vst.scenario.CleanupStep;
import io.vst.scenario.GlobalConfig;
import io.vst.scenario.IndexSpec;
import io.vst.scenario.Parameters;
import io.vst.scenario.Step;
import io.vst.scenario.WaitStep;
import io.vst.scenario.WorkloadStep;
import io.vst.scenario.schema.WorkEstimate;
import io.vst.scenario.schema.WorkloadParameters;
import io.vst.scenario.schema.WorkloadTraits;
import io.vst.scenario.validate.SafetyLimits;
import io.vst.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rough estimates for dry runs, made without contacting a server: explicit durations are exact; work
 * measured in vectors is converted with assumed throughputs; memory is the vectors' raw size twice (the
 * hash field and the index's copy) plus HNSW links and per-key overhead. Good to an order of magnitude,
 * which is what a dry run needs ("will this fit in 8 GB? will it take minutes or hours?").
 */
public final class RunPlanEstimates {

    /** Assumed ingest rate per worker thread at 128 dimensions (vectors/s); scales with sqrt(128/dim). */
    static final double INGEST_PER_THREAD = 5000;
    /** Assumed query rate per worker thread at 128 dimensions (queries/s). */
    static final double QUERY_PER_THREAD = 1000;
    /** Deletes are cheaper than inserts into an HNSW graph. */
    static final double DELETE_SPEEDUP = 4;
    /** Threads beyond this rarely add throughput on one server. */
    static final int USEFUL_THREADS = 8;
    /** Key name, hash object and index label bookkeeping per vector (bytes). */
    static final long PER_KEY_OVERHEAD = 150;
    static final int ASSUMED_DIMENSIONS = 128;

    private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+)(-[a-z]+)?$");

    RunPlanEstimates() {
    }

    /**
     * The rough seconds of a leaf step.
     *
     * @param traits the workload's traits for a workload step, else null
     */
    double seconds(Step raw, Step scaled, WorkloadTraits traits, Parameters p, GlobalConfig config, IndexSpec index,
            String dataset, long before, long after) {
        Double explicit = scaled.common().durationSeconds();
        if (raw instanceof WaitStep) {
            if (p.has("duration_seconds")) {
                return p.getDouble("duration_seconds", 0);
            }
            return explicit != null ? explicit : p.getDouble("memory_stability_window", 0);
        }
        if (raw instanceof CheckpointStep) {
            return 1.0 + (p.getBool("force_gc", false) ? 1.0 : 0.0);
        }
        int dim = dimensions(dataset, index);
        double speed = Math.min(config.nThreads(), USEFUL_THREADS) * Math.sqrt((double) ASSUMED_DIMENSIONS / dim);
        if (raw instanceof CleanupStep) {
            return 1.0 + Math.max(0, before) / (INGEST_PER_THREAD * DELETE_SPEEDUP * speed);
        }
        if (!(raw instanceof WorkloadStep) || traits == null) {
            return 0;
        }
        if (explicit != null) {
            return explicit;
        }
        WorkEstimate work = traits.work(p, before, after, scaled.common().maxOperations());
        if (work.operations() <= 0) {
            return 0;
        }
        double rate = work.hasRate() ? work.opsPerSecond() : switch (work.kind()) {
            case WRITE -> INGEST_PER_THREAD * speed;
            case DELETE -> INGEST_PER_THREAD * DELETE_SPEEDUP * speed;
            case QUERY -> QUERY_PER_THREAD * speed;
        };
        return work.operations() / rate;
    }

    /** Bytes the live vectors of a planned step cost the server, roughly; 0 when unknown or none. */
    static long memoryBytes(PlannedStep p) {
        if (p.vectorsAfter() <= 0) {
            return 0;
        }
        try {
            return Math.multiplyExact(p.vectorsAfter(), bytesPerVector(dimensions(p.dataset(), p.index()), p.index()));
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Fails when the plan cannot run in this process: {@link #requireAddressableCounts} and
     * {@link #requireHeapForIds} against this JVM's heap. Called before a dry run and again before the first step.
     */
    public static void requireRunnable(RunPlan plan) {
        requireAddressableCounts(plan);
        requireHeapForIds(plan, Runtime.getRuntime().maxMemory());
    }

    /**
     * Fails when a planned step asks for more live vectors than a run can address (after
     * {@code --vector-scale}): such a run could only fill the server until it breaks.
     *
     * @throws VstException (invalid input) naming the steps, their counts and the limit
     */
    public static void requireAddressableCounts(RunPlan plan) {
        List<String> over = new ArrayList<>();
        for (PlannedStep p : plan.flatten()) {
            if (p.vectorsAfter() > SafetyLimits.MAX_VECTORS) {
                over.add(String.format(Locale.ROOT, "'%s' (%,d)", p.name(), p.vectorsAfter()));
            }
        }
        if (!over.isEmpty()) {
            double scale = plan.options().vectorScale();
            throw VstException.invalidInput(String.format(Locale.ROOT,
                    "Step %s%s would need more live vectors than the %,d vst can address%s", over.get(0),
                    over.size() > 1 ? " and " + (over.size() - 1) + " step(s) after it" : "", SafetyLimits.MAX_VECTORS,
                    scale == 1.0 ? "" : " (after --vector-scale " + scale + ")"),
                    "lower target_vectors or --vector-scale");
        }
    }

    /**
     * Fails when the run's ingests write ids so far apart that vst's record of them needs more of its heap than
     * three quarters of {@code maxHeap}: the live set's arrays hold every id from the lowest written to the
     * highest, so an ingest from 0 and another from a start_index of 300,000,000 cost about 1.5 GiB, and the
     * second would fail at its start with the heap exhausted. One ingest alone, from any start_index, takes only
     * its own ids' room.
     *
     * @throws VstException (invalid input) naming the steps, their ids, the heap they need and the heap there is
     */
    public static void requireHeapForIds(RunPlan plan, long maxHeap) {
        List<Ingest> ingests = new ArrayList<>();
        Ingest lowest = null;
        for (PlannedStep p : plan.flatten()) {
            if (p.step() instanceof WorkloadStep w && "ingest".equals(w.workload())) {
                Ingest i = new Ingest(p, WorkloadParameters.Ingest.of(p.parameters()));
                ingests.add(i);
                if (lowest == null || i.start() < lowest.start()) {
                    lowest = i;
                }
            }
        }
        if (lowest == null) {
            return;
        }
        for (Ingest i : ingests) {
            double need = (i.end() - lowest.start()) * LiveSet.HEAP_BYTES_PER_ID;
            // Only a start past the lowest ingest's own ids leaves room for ids no step writes; ingests that follow
            // on from it need their room anyway.
            if (i.start() > lowest.end() && need > maxHeap * 0.75) {
                throw VstException.invalidInput(String.format(Locale.ROOT, "Step '%s' writes ids up to %,d"
                        + " (start_index %,d) and step '%s' from %,d: vst's record of the live vectors holds every id"
                        + " between, about %s of its heap, more than the %s it has can spare", i.step().name(),
                        i.end(), i.start(), lowest.step().name(), lowest.start(), Units.bytes(need),
                        Units.bytes(maxHeap)), String.format(Locale.ROOT, "bring the steps' start_index values closer"
                        + " (ids count from the dataset's first row), or give vst more heap: VST_JAVA_OPTS=-Xmx%dg",
                        (long) Math.ceil(need / 0.75 / (1L << 30))));
            }
        }
    }

    /** An ingest step and its ids: from its start_index to {@link #end} (exclusive). */
    private record Ingest(PlannedStep step, WorkloadParameters.Ingest parameters) {
        long start() {
            return parameters.startIndex();
        }

        long end() {
            return parameters.startIndex() + parameters.targetVectors();
        }
    }

    static long bytesPerVector(int dim, IndexSpec index) {
        long raw = 4L * dim;
        // HNSW level 0 keeps 2*M neighbour ids (8 bytes each with bookkeeping); upper levels add ~1/M more
        long links = "FLAT".equalsIgnoreCase(index.algorithm()) ? 0 : (long) (2L * index.m() * 8 * 1.1);
        return 2 * raw + links + PER_KEY_OVERHEAD;
    }

    /** Whether {@link #dimensions} had to assume a dimension. */
    static boolean dimensionsKnown(String dataset, IndexSpec index) {
        return index.dimensions() != null || guess(dataset) > 0;
    }

    /** The index's dimensions, else a guess from the dataset name, else 128. */
    static int dimensions(String dataset, IndexSpec index) {
        if (index.dimensions() != null) {
            return index.dimensions();
        }
        int g = guess(dataset);
        return g > 0 ? g : ASSUMED_DIMENSIONS;
    }

    private static int guess(String dataset) {
        if (dataset == null) {
            return -1;
        }
        String d = dataset.toLowerCase(Locale.ROOT);
        if (d.contains("openai")) {
            return 1536;
        }
        if (d.contains("cohere")) {
            return 768;
        }
        if (d.contains("bioasq")) {
            return 1024;
        }
        if (d.contains("gist")) {
            return 960;
        }
        if (d.contains("sift")) {
            return 128;
        }
        if (d.contains("mnist")) {
            return 784;
        }
        if (d.startsWith("deep")) {
            return 96;
        }
        // synthetic-128, glove-100-angular, nytimes-256-angular, lastfm-64-dot
        Matcher m = TRAILING_NUMBER.matcher(d.replace("-angular", "").replace("-euclidean", "").replace("-dot", ""));
        if ((d.startsWith("synthetic") || d.startsWith("glove") || d.startsWith("nytimes") || d.startsWith("lastfm"))
                && m.find()) {
            return Integer.parseInt(m.group(1));
        }
        return -1;
    }
}
