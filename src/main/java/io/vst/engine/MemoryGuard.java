package io.vst.engine;

import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.LogLevel;
import io.vst.scenario.GlobalConfig;
import io.vst.units.Units;
import java.util.Locale;

/**
 * global_config's {@code max_memory_usage_mb} and {@code memory_warning_threshold}, checked on every
 * sample: past the warning share of the limit the run log says so (once per crossing); past the limit
 * the run is stopped, so a test never pushes a shared server into swapping or eviction.
 */
final class MemoryGuard {

    private static final double MB = 1024.0 * 1024.0;

    private final Double limitMb;
    private final double warnShare;
    private final RunState state;
    private boolean warned;

    MemoryGuard(GlobalConfig config, RunState state) {
        this.limitMb = config.maxMemoryUsageMb();
        this.warnShare = config.memoryWarningThreshold();
        this.state = state;
    }

    void check(Sample s) {
        if (limitMb == null || limitMb <= 0 || !s.has(TimelineColumns.USED_MEMORY)) {
            return;
        }
        double usedMb = s.get(TimelineColumns.USED_MEMORY) / MB;
        if (usedMb > limitMb) {
            String msg = String.format(Locale.ROOT, "used_memory %.1f MiB exceeds max_memory_usage_mb %s", usedMb,
                    Units.plain(limitMb));
            if (!state.stop.isStopped()) {
                state.log(LogLevel.ERROR, msg + "; stopping the run");
            }
            state.stop.stop(msg);
        } else if (usedMb > warnShare * limitMb) {
            if (!warned) {
                warned = true;
                state.log(LogLevel.WARN, String.format(Locale.ROOT,
                        "used_memory %.1f MiB is above %.0f%% of max_memory_usage_mb %s", usedMb, warnShare * 100,
                        Units.plain(limitMb)));
            }
        } else {
            warned = false;
        }
    }
}
