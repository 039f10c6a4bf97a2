package io.vst.testsupport.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulated index definitions shared by every client connection, with the time each index's
 * simulated backfill ends. Thread-safe.
 */
public final class IndexCatalog {

    /**
     * One index and when its backfill ends.
     *
     * @param definition the parsed FT.CREATE
     * @param backfillEndsNanos {@link System#nanoTime()} at which the index reports {@code ready}
     */
    public record Entry(IndexDefinition definition, long backfillEndsNanos) {
        /** Whether the simulated backfill still runs. */
        public boolean backfilling() {
            return System.nanoTime() - backfillEndsNanos < 0;
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final SearchCounters counters = new SearchCounters();
    private volatile Duration backfillDuration;

    IndexCatalog(Duration backfillDuration) {
        this.backfillDuration = backfillDuration;
    }

    /** How long an index created over existing keys reports {@code backfill_in_progress}. */
    void setBackfillDuration(Duration duration) {
        this.backfillDuration = duration;
    }

    /** Adds an index; {@code existingKeys} says whether a backfill is simulated. */
    synchronized void create(IndexDefinition definition, boolean existingKeys) {
        if (entries.containsKey(definition.name())) {
            throw new SearchError("Index " + definition.name() + " in database 0 already exists.");
        }
        long now = System.nanoTime();
        long ends = existingKeys && !definition.skipInitialScan() ? now + backfillDuration.toNanos() : now;
        entries.put(definition.name(), new Entry(definition, ends));
    }

    /** The index called {@code name}, or the module's "not found" error. */
    synchronized Entry get(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw SearchError.noIndex(name);
        }
        return entry;
    }

    /** Removes an index (its keys stay). */
    synchronized void drop(String name) {
        if (entries.remove(name) == null) {
            throw SearchError.noIndex(name);
        }
    }

    /** Every index, in creation order. */
    synchronized List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    /** Forgets every index, as FLUSHALL does. */
    synchronized void clear() {
        entries.clear();
    }

    SearchCounters counters() {
        return counters;
    }
}
