package io.vst.engine;

import io.vst.VstException;
import io.vst.rundir.ShardLabel;
import io.vst.scenario.Parameters;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which part of a scenario one process runs ({@code vst run --shard I/N}): N copies of vst, each started
 * with its own index I, together do what one process would do.
 *
 * <ul>
 *   <li>Ids: the order of ids a single process would write is interleaved; position p belongs to shard
 *       {@code p mod N} ({@link #owns}).</li>
 *   <li>Counts: every absolute target and every operation count X becomes {@link #share}(X) = X / N, plus
 *       one for the first X mod N shards, so the shares sum to X exactly.</li>
 *   <li>Rates: every open-loop rate is divided by N ({@link #rate}); durations, threads and clients stay.</li>
 *   <li>Only shard 0 samples the server ({@link #samplesServer}); every shard records its own latency.</li>
 * </ul>
 *
 * <pre>{@code
 * ShardSpec s = ShardSpec.parse("1/3", "nightly", 600);
 * s.share(10);        // 3  (shards 0, 1, 2 get 4, 3, 3)
 * s.rate(300.0);      // 100.0
 * s.owns(4);          // true: 4 mod 3 == 1
 * }</pre>
 *
 * @param index this process's shard, 0 &lt;= index &lt; count
 * @param count how many shards run the scenario together, 1..{@link #MAX_COUNT}
 * @param group name shared by the shards of one run (the barrier keys' hash tag); null when count is 1
 * @param waitSeconds how long a shard waits for the others at a step boundary before failing the run
 */
public record ShardSpec(int index, int count, String group, double waitSeconds) {

    /** The most shards one run may have. */
    public static final int MAX_COUNT = 1024;
    /** Default of {@code --shard-wait}: ten minutes. */
    public static final double DEFAULT_WAIT_SECONDS = 600;
    /** Counts of workload parameters each shard does its share of. */
    public static final java.util.List<String> SPLIT_COUNTS = java.util.List.of("update_vectors", "max_vectors");
    /** Open-loop rates each shard runs 1/N of. */
    public static final java.util.List<String> SPLIT_RATES = java.util.List.of("queries_per_second",
            "target_ops_per_second");
    /** The parameter that turns on recall (ground truth over the live set). */
    static final String VERIFY_RESULTS = "verify_results";
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** An ordinary run: one process does everything. */
    public static ShardSpec single() {
        return new ShardSpec(0, 1, null, DEFAULT_WAIT_SECONDS);
    }

    /**
     * Reads {@code --shard I/N}, {@code --shard-group} and {@code --shard-wait}.
     *
     * @param text the value of {@code --shard}, null for an ordinary run
     * @param group the value of {@code --shard-group} (or VST_SHARD_GROUP), null when neither is set
     * @throws VstException INVALID_INPUT naming the option and what to give instead
     */
    public static ShardSpec parse(String text, String group, double waitSeconds) {
        if (!(waitSeconds > 0) || Double.isInfinite(waitSeconds)) {
            throw VstException.invalidInput("--shard-wait " + fmt(waitSeconds) + ": the wait must be a positive"
                    + " number of seconds", "e.g. --shard-wait 600 (the default, ten minutes)");
        }
        if (text == null) {
            return new ShardSpec(0, 1, blankToNull(group), waitSeconds);
        }
        ShardLabel label = ShardLabel.parse(text).orElse(null);
        if (label == null) {
            throw VstException.invalidInput("--shard " + text + ": expected INDEX/COUNT",
                    "e.g. --shard 0/3 for the first of three shards (the index counts from 0)");
        }
        int index = label.index();
        int count = label.count();
        if (count < 1 || count > MAX_COUNT) {
            throw VstException.invalidInput("--shard " + text + ": the count must be 1 to " + MAX_COUNT,
                    "give the number of vst processes that run the scenario together, e.g. --shard 0/3");
        }
        if (index >= count) {
            throw VstException.invalidInput("--shard " + text + ": the index must be below the count (0.."
                    + (count - 1) + ")", "shards are numbered from 0: --shard 0/" + count + " to --shard "
                    + (count - 1) + "/" + count);
        }
        String g = blankToNull(group);
        if (count > 1 && g == null) {
            throw VstException.invalidInput("--shard " + text + " needs --shard-group NAME (or VST_SHARD_GROUP)",
                    "give every shard of this run the same new name, e.g. --shard-group nightly-42; the shards"
                            + " meet at each step under that name");
        }
        if (g != null && !GROUP.matcher(g).matches()) {
            throw VstException.invalidInput("--shard-group " + g + ": use 1 to 64 letters, digits, '.', '_' or '-'",
                    "e.g. --shard-group nightly-42");
        }
        return new ShardSpec(index, count, g, waitSeconds);
    }

    /** Whether more than one process runs the scenario. */
    public boolean sharded() {
        return count > 1;
    }

    /** This shard's part of a count X: {@code X / N + (I < X % N ? 1 : 0)}; the parts sum to X. */
    public long share(long total) {
        if (total <= 0) {
            return total;
        }
        return total / count + (index < total % count ? 1 : 0);
    }

    /** This shard's part of an open-loop rate: the rate divided by N. */
    public double rate(double perSecond) {
        return perSecond / count;
    }

    /**
     * A step's parameters as this shard runs them: the counts {@link #SPLIT_COUNTS} become their
     * {@link #share}, the open-loop rates {@link #SPLIT_RATES} are divided by N, and recall verification is off
     * (each shard sees only 1/N of the live set, so its ground truth would be wrong). The parameters themselves
     * when the run is not sharded. {@code target_vectors} is split by the workloads, which need the whole
     * target too (it is the span of the id order).
     */
    public Parameters split(Parameters p) {
        return split(p, false);
    }

    /**
     * As {@link #split(Parameters)}, keeping recall verification on when {@code recallMeasurable}: a top-level
     * query step, where the ground truth can be taken over every shard's vectors ({@link ShardRecall}).
     */
    Parameters split(Parameters p, boolean recallMeasurable) {
        if (!sharded()) {
            return p;
        }
        Parameters out = p;
        for (String k : SPLIT_COUNTS) {
            if (p.get(k) instanceof Number n) {
                out = out.with(k, share(n.longValue()));
            }
        }
        for (String k : SPLIT_RATES) {
            if (p.get(k) instanceof Number n) {
                out = out.with(k, rate(n.doubleValue()));
            }
        }
        if (p.getBool(VERIFY_RESULTS, false) && !recallMeasurable) {
            out = out.with(VERIFY_RESULTS, false);
        }
        return out;
    }

    /**
     * Refuses, before anything is written, a plan this shard cannot do its part of: continuing on existing
     * keys ({@code recreate_index: false}: which of them are this shard's is not known), a conditional step
     * (the shards would decide apart, on different figures), or a
     * {@code max_operations} / {@code max_vectors} smaller than N (some shard's share would be 0, which means
     * unlimited).
     *
     * @throws VstException INVALID_INPUT naming the step and what to change
     */
    public void check(RunPlan plan) {
        if (!sharded()) {
            return;
        }
        if (!plan.steps().isEmpty() && !plan.index().recreateIndex()) {
            throw VstException.invalidInput("--shard " + label() + ": a sharded run starts from nothing, but the"
                    + " scenario continues on existing keys (index.recreate_index: false)",
                    "set recreate_index: true, or run this scenario without --shard");
        }
        for (PlannedStep s : plan.flatten()) {
            if (s.step() instanceof io.vst.scenario.ConditionalStep) {
                throw VstException.invalidInput("--shard " + label() + ": step '" + s.name() + "' is conditional, and"
                        + " each shard would decide on its own figures (its live count is 1/" + count + " of the run's,"
                        + " and only shard 0 reads the server)", "run this scenario without --shard, or replace the"
                        + " conditional step by the branch you want");
            }
            Long ops = s.step().common().maxOperations();
            Object vectors = s.parameters().get("max_vectors");
            long small = ops != null && ops < count ? ops
                    : vectors instanceof Number n && n.longValue() > 0 && n.longValue() < count ? n.longValue() : -1;
            if (small > 0) {
                throw VstException.invalidInput(String.format(Locale.ROOT, "--shard %s: step '%s' limits itself to %d,"
                        + " fewer than the %d shards, so some shard would have no share", label(), s.name(), small,
                        count), "raise the step's limit to at least " + count + ", or run with fewer shards");
            }
        }
    }

    /** What this shard does, for the run's log: its part, its group, and what it leaves out. */
    public String describe(RunPlan plan) {
        boolean recall = false;
        for (PlannedStep s : plan.flatten()) {
            recall |= s.parameters().getBool(VERIFY_RESULTS, false);
        }
        return String.format(Locale.ROOT, "shard %s of group '%s': every %s id, 1/%d of each count and rate%s%s",
                label(), group, count == 2 ? "second" : count + "th", count,
                leads() ? "; this shard reads the server's figures" : "; server figures are on shard 0",
                recall ? "; " + recallNote() : "");
    }

    /** Why a sharded run shows no recall, for the step's detail and the log. */
    public String recallNote() {
        return "recall not measured: sharded run, each shard sees 1/" + count + " of the live set (only top-level "
                + "query steps measure it)";
    }

    /** Whether position {@code p} of the single process's id order belongs to this shard. */
    public boolean owns(long position) {
        return position % count == index;
    }

    /** Whether this shard reads the server's figures (INFO, FT.INFO): only shard 0 does. */
    public boolean samplesServer() {
        return leads();
    }

    /**
     * Whether this shard does what must happen once per run, not once per shard: the fresh start, creating
     * and dropping the index, the cleanup's deletes. Shard 0 does; an ordinary run is its own shard 0.
     */
    public boolean leads() {
        return index == 0;
    }

    /** {@code "I/N"}, as run.json's {@code options.shard} records it. */
    public String label() {
        return new ShardLabel(index, count).toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%s", d);
    }
}
