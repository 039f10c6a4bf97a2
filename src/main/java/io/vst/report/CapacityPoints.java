package io.vst.report;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The readings of a run a capacity fit rests on: its timeline samples and its checkpoints (a checkpoint's
 * own sample is in the timeline too and counts once), split into the growth before the first shrink
 * and the readings after it.
 *
 * <p>Only settled readings count: while vectors are being written, up to n_clients × batch_size writes
 * are in flight, held by the server but not yet counted live, so memory and count disagree. A reading is
 * settled when it is a checkpoint, when the sample before or after it counts the same live vectors
 * (nothing was acknowledged in between), or when the server's own key count (DBSIZE, less the keys it
 * held beside vst's at the first still sample or checkpoint) agrees with the live count within {@link #IN_FLIGHT_TOLERANCE}; with
 * the search module, also only when its mutation queue is empty and its backfill complete, so the index
 * holds every vector counted.
 *
 * @param growth settled readings up to the first drop of the live count, oldest first
 * @param afterShrink settled readings from the first drop on, oldest first
 * @param checkpointsInGrowth how many of {@code growth} are checkpoints
 * @param unsettled readings left out because writes were in flight
 */
public record CapacityPoints(List<Reading> growth, List<Reading> afterShrink, int checkpointsInGrowth, int unsettled) {

    /** How far the server's key count may run ahead of the live count, as a share of it, in a settled reading. */
    public static final double IN_FLIGHT_TOLERANCE = 0.005;

    /**
     * One reading.
     *
     * @param elapsedSeconds seconds since the run started
     * @param name checkpoint name, or "" for a timeline sample
     * @param live live vectors when the server's figures were read
     * @param figures the timeline figures ({@link TimelineColumns} names)
     */
    public record Reading(double elapsedSeconds, String name, long live, Map<String, Double> figures) {

        /** The figure, or NaN when it was not read. */
        public double get(String column) {
            Double v = figures.get(column);
            return v == null ? Double.NaN : v;
        }

        public boolean isCheckpoint() {
            return !name.isEmpty();
        }
    }

    /** The readings of {@code run}. */
    public static CapacityPoints of(RunData run) {
        List<Sample> samples = run.samples();
        Set<Instant> checkpointTimes = new HashSet<>();
        List<Reading> all = new ArrayList<>();
        for (CheckpointResult c : run.checkpoints()) {
            checkpointTimes.add(c.time());
        }
        int unsettled = 0;
        double otherKeys = Double.NaN;
        for (int i = 0; i < samples.size() && Double.isNaN(otherKeys); i++) {
            if (still(samples, i) && samples.get(i).has(TimelineColumns.DBSIZE)) {
                otherKeys = samples.get(i).get(TimelineColumns.DBSIZE) - samples.get(i).get(TimelineColumns.LIVE_VECTORS);
            }
        }
        for (CheckpointResult c : run.checkpoints()) {
            if (Double.isNaN(otherKeys) && c.figures() != null && c.figures().get(TimelineColumns.DBSIZE) != null) {
                otherKeys = c.figures().get(TimelineColumns.DBSIZE) - c.liveVectors();
            }
        }
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (!s.has(TimelineColumns.LIVE_VECTORS) || !s.has(TimelineColumns.USED_MEMORY)) {
                continue;
            }
            if (checkpointTimes.contains(s.time())) {
                continue;
            }
            if (!(still(samples, i) || agrees(s, otherKeys)) || !indexed(s.values())) {
                unsettled++;
                continue;
            }
            all.add(new Reading(s.elapsedSeconds(), "", (long) s.get(TimelineColumns.LIVE_VECTORS), s.values()));
        }
        for (CheckpointResult c : run.checkpoints()) {
            if (c.figures() != null && c.figures().containsKey(TimelineColumns.USED_MEMORY) && indexed(c.figures())) {
                all.add(new Reading(c.elapsedSeconds(), c.name(), c.liveVectors(), c.figures()));
            }
        }
        all.sort((a, b) -> Double.compare(a.elapsedSeconds(), b.elapsedSeconds()));
        List<Reading> growth = new ArrayList<>();
        List<Reading> after = new ArrayList<>();
        long peak = -1;
        for (Reading r : all) {
            if (after.isEmpty() && r.live() >= peak) {
                peak = r.live();
                growth.add(r);
            } else {
                after.add(r);
            }
        }
        int checkpoints = (int) growth.stream().filter(Reading::isCheckpoint).count();
        return new CapacityPoints(List.copyOf(growth), List.copyOf(after), checkpoints, unsettled);
    }

    /** How many different live counts the growth readings hold. */
    public long distinctCounts() {
        return growth.stream().mapToLong(Reading::live).distinct().count();
    }

    private static boolean still(List<Sample> samples, int i) {
        double live = samples.get(i).get(TimelineColumns.LIVE_VECTORS);
        return (i > 0 && samples.get(i - 1).get(TimelineColumns.LIVE_VECTORS) == live)
                || (i + 1 < samples.size() && samples.get(i + 1).get(TimelineColumns.LIVE_VECTORS) == live);
    }

    private static boolean agrees(Sample s, double otherKeys) {
        double live = s.get(TimelineColumns.LIVE_VECTORS);
        double held = s.get(TimelineColumns.DBSIZE) - otherKeys;
        return !Double.isNaN(held) && Math.abs(held - live) <= Math.max(1, IN_FLIGHT_TOLERANCE * live);
    }

    private static boolean indexed(Map<String, Double> figures) {
        Double queue = figures.get(TimelineColumns.SEARCH_MUTATION_QUEUE);
        // FT.INFO's backfill_complete_percent is a fraction from 0 to 1 despite its name.
        Double backfill = figures.get(TimelineColumns.SEARCH_BACKFILL_PERCENT);
        return (queue == null || queue.isNaN() || queue == 0) && (backfill == null || backfill.isNaN() || backfill >= 1);
    }
}
