package io.vst.engine;

import io.vst.VstException;
import io.vst.valkey.ValkeyClient;
import io.vst.workload.StopSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the shards of one run ({@code vst run --shard I/N --shard-group G}) meet, through the server under
 * test and without a coordinator of vst's own: at the start of each top-level step k every shard does
 * {@code INCR vst:shard:{G}:step:k} and polls {@code GET} every {@value #POLL_MILLIS} ms until the counter
 * reaches N. The keys are vst's own, outside every vector prefix, hash-tagged by the group so that they
 * share a slot in a cluster, and expire after a day. At the end of a completed run the shards meet once
 * more at {@code vst:shard:{G}:end}, which expires after {@value #END_EXPIRY_SECONDS} s; once past it shard 0
 * deletes the step keys. Any thread, one caller at a time.
 *
 * <pre>{@code
 * ShardBarrier b = new ShardBarrier(client, ShardSpec.parse("1/3", "nightly", 600));
 * b.awaitStep(0, "ingest", stop);   // returns once all three shards started step 0
 * b.awaitEnd(stop);                 // every shard finished
 * }</pre>
 */
final class ShardBarrier {

    /** The prefix of every barrier key. */
    static final String PREFIX = "vst:shard:";
    /** How often a waiting shard reads the counter. */
    static final long POLL_MILLIS = 50;
    /** Expiry of a step counter: a run that dies leaves nothing behind for long. */
    static final long STEP_EXPIRY_SECONDS = 86_400;
    /** Expiry of the end counter: long enough for every shard to see it full. */
    static final long END_EXPIRY_SECONDS = 60;

    private final ValkeyClient client;
    private final ShardSpec shard;
    private final List<String> stepKeys = new ArrayList<>();

    ShardBarrier(ValkeyClient client, ShardSpec shard) {
        this.client = client;
        this.shard = shard;
    }

    /** The counter of top-level step {@code k} of group {@code group}. */
    static String stepKey(String group, int k) {
        return PREFIX + "{" + group + "}:step:" + k;
    }

    /** The counter of the run's end. */
    static String endKey(String group) {
        return PREFIX + "{" + group + "}:end";
    }

    /**
     * Waits until every shard has started top-level step {@code k}.
     *
     * @return false when {@code stop} ended the wait (the run is being stopped)
     * @throws VstException when the other shards do not all arrive within {@code --shard-wait}, or the group's
     *     counter is past N (the group name was used before)
     */
    boolean awaitStep(int k, String stepName, StopSignal stop) {
        String key = stepKey(shard.group(), k);
        stepKeys.add(key);
        return await(key, STEP_EXPIRY_SECONDS, "step " + k + " ('" + stepName + "')", stop);
    }

    /** Waits until every shard has finished its steps; then shard 0 deletes the step counters. */
    boolean awaitEnd(StopSignal stop) {
        boolean passed = await(endKey(shard.group()), END_EXPIRY_SECONDS, "the end of the run", stop);
        if (passed && shard.index() == 0 && !stepKeys.isEmpty()) {
            client.deleteKeys(stepKeys);
        }
        return passed;
    }

    private boolean await(String key, long expirySeconds, String where, StopSignal stop) {
        int n = shard.count();
        long arrived = client.incrementCounter(key, expirySeconds);
        if (arrived > n) {
            throw VstException.invalidInput(String.format(Locale.ROOT, "shard %s: %d shards arrived at %s of group"
                    + " '%s', more than the %d of --shard %s (key %s): the group name was used by another run",
                    shard.label(), arrived, where, shard.group(), n, shard.label(), key),
                    "give every shard of this run a new --shard-group name (e.g. with a date or job id), or wait a"
                            + " day until the earlier run's keys expire");
        }
        long deadline = System.nanoTime() + (long) (shard.waitSeconds() * 1e9);
        while (arrived < n) {
            if (stop.isStopped()) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                long missing = n - arrived;
                throw VstException.runtime(String.format(Locale.ROOT, "shard %s waited %s s at %s for the other"
                        + " shards of group '%s': %d of %d arrived, %d %s missing (key %s)", shard.label(),
                        io.vst.units.Units.plain(shard.waitSeconds()), where, shard.group(), arrived, n, missing,
                        missing == 1 ? "is" : "are", key), null);
            }
            stop.sleep(POLL_MILLIS);
            arrived = client.readCounter(key);
        }
        return true;
    }
}
