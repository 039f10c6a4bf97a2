package io.vst.report;

import io.vst.VstException;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import io.vst.rundir.ShardLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * What a run says about capacity: lines of used_memory and of its parts against live vectors, fitted by
 * least squares over the settled readings of the growth before the first shrink ({@link CapacityPoints}),
 * one point per live count (the mean of the readings at that count),
 * and how far above the growth line memory stood after shrinks.
 *
 * <p>used_memory splits exactly into keyspace (used_memory_dataset less the search index), the search
 * index (search_used_memory_bytes), server overhead (used_memory_overhead less client buffers) and client
 * buffers (mem_clients_normal). Each reading is taken less the old key table of a rehash in progress
 * (mem_overhead_db_hashtable_rehashing): memory the server frees without a write. Least squares is
 * linear in y, so the parts' lines add up to the
 * used_memory line. Allocator waste (allocator_active − allocator_allocated) lies outside used_memory
 * and counts in RSS.
 *
 * <pre>{@code
 * CapacityPlan plan = CapacityPlan.of(RunDataReader.read(runDir));
 * CapacityFit.Estimate m = plan.predict(60_000);      // used_memory with 60,000 vectors, and its range
 * CapacityFit.Estimate n = plan.vectorsFor(16L << 30); // vectors that fit in 16 GiB
 * }</pre>
 *
 * @param points the readings behind the fits
 * @param used the used_memory line: its prediction is what {@code --vectors} answers
 * @param perVector the line of used_memory less client buffers: its slope is the memory of one vector
 * @param components the parts of used_memory, then allocator waste; parts the run did not read are absent
 * @param afterShrinks checkpoints after the first shrink (or the last reading when none), against the line
 * @param stepLow the lowest relative deviation of a reading (used_memory less client buffers) from the line
 *     without client buffers, over the readings in the upper three quarters of the range (0 or below)
 * @param stepHigh the highest such deviation (0 or above)
 * @param clientBuffers the client buffers (mem_clients_normal) of the readings at the largest live count,
 *     averaged: what the run's connections held, added to predictions as it stands (see {@link #predict})
 */
public record CapacityPlan(CapacityPoints points, CapacityFit used, CapacityFit perVector, List<Component> components,
                           List<ShrinkReading> afterShrinks, double stepLow, double stepHigh, double clientBuffers) {

    /**
     * used_memory for {@code vectors}: the line without client buffers, plus {@link #clientBuffers} as the
     * run's connections held them at its largest count, and a range that holds both the 95 % prediction
     * interval and the steps seen in the run.
     *
     * <p>Client buffers follow the connections, not the vectors: a run's first readings come before its
     * workers connect, so a line through them would grow the buffers with every vector it extrapolates.
     *
     * <p>Memory does not grow in a straight line: hash tables in the server and the search module double
     * (the key table's bucket array holds between 8 and 16 bytes per key; valkey-search 1.0.3's jump at 7/8
     * of each power of two, e.g. 57,344 vectors), so readings lie above the line just after a doubling and
     * below it just before. The line's residuals are then not independent noise, and the prediction interval
     * alone is too narrow. The same relative deviations recur at any size because the tables grow in
     * proportion, and a count the run did not reach may sit on either side of its line: the range allows the
     * largest deviation seen ({@link #stepAllowance}) below the line as well as above. Steps are those of the
     * memory without client buffers, so the allowance applies to it.
     */
    public CapacityFit.Estimate predict(double vectors) {
        CapacityFit.Estimate pi = lineAt(vectors);
        double line = pi.value() - clientBuffers;
        double step = stepAllowance();
        return new CapacityFit.Estimate(pi.value(), Math.min(pi.low(), clientBuffers + line * (1 - step)),
                Math.max(pi.high(), clientBuffers + line * (1 + step)));
    }

    /** The line without client buffers at {@code vectors}, plus {@link #clientBuffers}, with its 95 % prediction interval. */
    public CapacityFit.Estimate lineAt(double vectors) {
        CapacityFit.Estimate pi = perVector.predict(vectors);
        return new CapacityFit.Estimate(pi.value() + clientBuffers, pi.low() + clientBuffers, pi.high() + clientBuffers);
    }

    /** The largest relative deviation from the line seen in the run, on either side (0.014 for 1.4 %). */
    public double stepAllowance() {
        return Math.max(-stepLow, stepHigh);
    }

    /**
     * The vectors whose used_memory reaches {@code bytes}, with the range that the steps and the prediction
     * interval allow (see {@link #predict}); NaN figures when the line does not rise.
     */
    public CapacityFit.Estimate vectorsFor(double bytes) {
        double forVectors = bytes - clientBuffers;
        CapacityFit.Estimate pi = perVector.solve(forVectors);
        if (Double.isNaN(pi.value())) {
            return pi;
        }
        double step = stepAllowance();
        double lowSteps = (forVectors / (1 + step) - perVector.fixed()) / perVector.perUnit();
        double highSteps = step < 1 ? (forVectors / (1 - step) - perVector.fixed()) / perVector.perUnit()
                : Double.POSITIVE_INFINITY;
        return new CapacityFit.Estimate(pi.value(), Math.min(pi.low(), lowSteps), Math.max(pi.high(), highSteps));
    }

    /**
     * One part of memory and its line.
     *
     * @param name short name used in JSON ({@code keyspace}, {@code search_index}, ...)
     * @param label what it is, in words
     * @param insideUsedMemory whether it is a part of used_memory (allocator waste is not)
     * @param fit its line against live vectors
     */
    public record Component(String name, String label, boolean insideUsedMemory, CapacityFit fit) {
    }

    /**
     * A reading after a shrink, against the growth line.
     *
     * @param name checkpoint name, or "" for a timeline sample
     * @param live live vectors then
     * @param usedMemory used_memory read
     * @param expected the growth line's used_memory at that count
     * @param rss used_memory_rss read (NaN when absent)
     * @param memFragmentationRatio mem_fragmentation_ratio (RSS / used_memory)
     * @param allocatorFragRatio allocator_frag_ratio (active / allocated)
     */
    public record ShrinkReading(String name, long live, double usedMemory, double expected, double rss,
                                double memFragmentationRatio, double allocatorFragRatio) {

        /** used_memory above the growth line, in bytes. */
        public double excess() {
            return usedMemory - expected;
        }
    }

    /**
     * Fits the run's readings.
     *
     * @throws VstException (invalid input) when the run has fewer than three settled growth readings at
     *     different vector counts
     */
    public static CapacityPlan of(RunData run) {
        Object shard = run.info() == null || run.info().options() == null ? null
                : run.info().options().get(ShardRun.SHARD);
        if (shard != null && ShardLabel.parse(String.valueOf(shard)).filter(ShardLabel::isSharded).isPresent()) {
            throw VstException.invalidInput("run " + run.label() + " is shard " + shard + " of a sharded run: its live "
                    + "vectors are that shard's share while the server's memory holds every shard's",
                    "merge the shards first ('vst merge DIR... --output DIR') and fit the merged run");
        }
        CapacityPoints points = CapacityPoints.of(run);
        List<CapacityPoints.Reading> growth = points.growth();
        if (points.distinctCounts() < CapacityFit.MIN_POINTS) {
            throw VstException.invalidInput(String.format(Locale.ROOT,
                    "run %s has %d settled readings at %d different vector counts before its first shrink; a capacity "
                            + "fit needs readings at %d or more counts", run.label(), growth.size(),
                    points.distinctCounts(), CapacityFit.MIN_POINTS),
                    "use a run that grows in steps with a checkpoint after each, e.g. 'vst run --scenario capacity_probe'");
        }
        CapacityFit used = fit(growth, CapacityPlan::usedMemory);
        CapacityFit perVector = fit(growth, r -> usedMemory(r) - clients(r));
        List<Component> parts = new ArrayList<>();
        boolean search = growth.stream().allMatch(r -> !Double.isNaN(r.get(TimelineColumns.SEARCH_MEMORY)));
        boolean split = growth.stream().allMatch(r -> !Double.isNaN(r.get(TimelineColumns.USED_MEMORY_DATASET))
                && !Double.isNaN(r.get(TimelineColumns.USED_MEMORY_OVERHEAD)));
        if (split) {
            parts.add(new Component("keyspace", search ? "keyspace (used_memory_dataset less the search index)"
                    : "keyspace (used_memory_dataset)", true, fit(growth, r -> r.get(TimelineColumns.USED_MEMORY_DATASET)
                    - (search ? r.get(TimelineColumns.SEARCH_MEMORY) : 0))));
            if (search) {
                parts.add(new Component("search_index", "search index (search_used_memory_bytes)", true,
                        fit(growth, r -> r.get(TimelineColumns.SEARCH_MEMORY))));
            }
            parts.add(new Component("server_overhead", "server overhead (used_memory_overhead less client buffers)",
                    true, fit(growth, r -> r.get(TimelineColumns.USED_MEMORY_OVERHEAD) - clients(r) - rehashing(r))));
        }
        if (growth.stream().allMatch(r -> !Double.isNaN(r.get(TimelineColumns.MEM_CLIENTS_NORMAL)))) {
            parts.add(new Component("client_buffers", "client buffers (mem_clients_normal)", true,
                    fit(growth, CapacityPlan::clients)));
        }
        if (growth.stream().allMatch(r -> !Double.isNaN(waste(r)))) {
            parts.add(new Component("allocator_waste", "allocator waste (allocator_active - allocator_allocated)",
                    false, fit(growth, CapacityPlan::waste)));
        }
        double low = 0;
        double high = 0;
        long max = maxLive(growth);
        double topClients = 0;
        int atTop = 0;
        for (CapacityPoints.Reading r : growth) {
            double line = perVector.predict(r.live()).value();
            if (4 * r.live() >= max && line > 0) {
                double deviation = (usedMemory(r) - clients(r) - line) / line;
                low = Math.min(low, deviation);
                high = Math.max(high, deviation);
            }
            if (r.live() == max) {
                topClients += clients(r);
                atTop++;
            }
        }
        return new CapacityPlan(points, used, perVector, List.copyOf(parts), afterShrinks(points.afterShrink(), used),
                low, high, topClients / atTop);
    }

    /** The largest live count the fit saw. */
    public long maxLive() {
        return maxLive(points.growth());
    }

    private static List<ShrinkReading> afterShrinks(List<CapacityPoints.Reading> after, CapacityFit used) {
        List<CapacityPoints.Reading> chosen = after.stream().filter(CapacityPoints.Reading::isCheckpoint).toList();
        if (chosen.isEmpty() && !after.isEmpty()) {
            chosen = List.of(after.get(after.size() - 1));
        }
        List<ShrinkReading> out = new ArrayList<>();
        for (CapacityPoints.Reading r : chosen) {
            out.add(new ShrinkReading(r.name(), r.live(), usedMemory(r),
                    used.predict(r.live()).value(), r.get(TimelineColumns.USED_MEMORY_RSS),
                    r.get(TimelineColumns.MEM_FRAG_RATIO), r.get(TimelineColumns.ALLOCATOR_FRAG_RATIO)));
        }
        return List.copyOf(out);
    }

    private static long maxLive(List<CapacityPoints.Reading> readings) {
        return readings.stream().mapToLong(CapacityPoints.Reading::live).max().orElse(0);
    }

    /**
     * used_memory less the key table's old bucket array while the server was rehashing it: that array is
     * freed when the rehash ends, so a reading taken during it stands up to 8 bytes per key above the
     * settled server (131,072 B at 20,000 keys), and a fit would carry that into its slope. Readings a
     * second apart with no write between them can both hold it, so it is subtracted, not waited out.
     */
    private static double usedMemory(CapacityPoints.Reading r) {
        return r.get(TimelineColumns.USED_MEMORY) - rehashing(r);
    }

    private static double rehashing(CapacityPoints.Reading r) {
        return orZero(r, TimelineColumns.HASHTABLE_REHASHING);
    }

    private static double clients(CapacityPoints.Reading r) {
        return orZero(r, TimelineColumns.MEM_CLIENTS_NORMAL);
    }

    /** The figure, or 0 when the server did not report it. */
    private static double orZero(CapacityPoints.Reading r, String column) {
        double v = r.get(column);
        return Double.isNaN(v) ? 0 : v;
    }

    private static double waste(CapacityPoints.Reading r) {
        return r.get(TimelineColumns.ALLOCATOR_ACTIVE) - r.get(TimelineColumns.ALLOCATOR_ALLOCATED);
    }

    /**
     * The line through the mean of {@code y} at each live count. Readings at one count (several samples
     * while nothing was written, and the checkpoint) differ only by what moves without vectors (client
     * buffers, the allocator); counted as separate points they would narrow the intervals as if they said
     * more about the slope than one reading does.
     */
    private static CapacityFit fit(List<CapacityPoints.Reading> readings, ToDoubleFunction<CapacityPoints.Reading> y) {
        Map<Long, double[]> byCount = new TreeMap<>();
        for (CapacityPoints.Reading r : readings) {
            double[] sum = byCount.computeIfAbsent(r.live(), k -> new double[2]);
            sum[0] += y.applyAsDouble(r);
            sum[1]++;
        }
        double[] xs = new double[byCount.size()];
        double[] ys = new double[byCount.size()];
        int i = 0;
        for (Map.Entry<Long, double[]> e : byCount.entrySet()) {
            xs[i] = e.getKey();
            ys[i] = e.getValue()[0] / e.getValue()[1];
            i++;
        }
        return CapacityFit.of(xs, ys);
    }
}
