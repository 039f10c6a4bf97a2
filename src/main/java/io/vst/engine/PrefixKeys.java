package io.vst.engine;

import io.vst.VstException;
import io.vst.rundir.LogLevel;
import io.vst.scenario.validate.SafetyLimits;
import io.vst.valkey.ValkeyClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The keys under a run's prefix, as the fresh start and cleanup steps count and delete them. Only keys
 * that SCAN matched and that really start with the prefix are deleted; a prefix that could cover keys
 * vst did not write (empty, glob characters) is refused here too, whatever built the plan.
 */
final class PrefixKeys {

    /** Above this many keys on a server vst did not start, the fresh start needs {@code --yes}. */
    static final long CONFIRM_ABOVE = 10_000;
    /** A progress line every this many deleted keys. */
    static final long PROGRESS_EVERY = 100_000;

    private PrefixKeys() {
    }

    /** Fails with a clear message when {@code prefix} could cover keys vst did not write. */
    static void requireSafe(String prefix) {
        String problem = SafetyLimits.prefixProblem(prefix);
        if (problem != null) {
            throw VstException.invalidInput("index.prefix \"" + prefix + "\" " + problem + "; nothing was deleted",
                    SafetyLimits.prefixHint());
        }
    }

    /** The SCAN MATCH pattern, as a user would type it. */
    static String pattern(String prefix) {
        return prefix + "*";
    }

    /** How many keys are under {@code prefix} now. */
    static long count(ValkeyClient client, String prefix) {
        requireSafe(prefix);
        AtomicLong n = new AtomicLong();
        client.scanKeys(prefix, batch -> n.addAndGet(under(batch, prefix).size()));
        return n.get();
    }

    /**
     * Deletes the keys under {@code prefix}; logs progress at {@code level} when about {@code expected}
     * keys are more than one progress step.
     */
    static long delete(RunState state, String prefix, long expected, LogLevel level, String what) {
        requireSafe(prefix);
        ValkeyClient client = state.session.client();
        AtomicLong deleted = new AtomicLong();
        AtomicLong nextReport = new AtomicLong(PROGRESS_EVERY);
        client.scanKeys(prefix, batch -> {
            long now = deleted.addAndGet(client.deleteKeys(under(batch, prefix)));
            if (expected > PROGRESS_EVERY && now >= nextReport.get()) {
                nextReport.addAndGet(PROGRESS_EVERY);
                state.log(level, String.format(Locale.ROOT, "%s: deleted %,d of about %,d keys matching '%s'", what,
                        now, expected, pattern(prefix)));
            }
        });
        return deleted.get();
    }

    private static List<String> under(List<String> batch, String prefix) {
        List<String> out = new ArrayList<>(batch.size());
        for (String key : batch) {
            if (key.startsWith(prefix)) {
                out.add(key);
            }
        }
        return out;
    }
}
