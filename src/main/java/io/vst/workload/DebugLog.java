package io.vst.workload;

import org.slf4j.LoggerFactory;

/**
 * Whether DEBUG lines belong in the run log ({@code vst.log}) and on the console: the level of the
 * {@code io.vst} logger, which {@code --log-level} sets (DEBUG and TRACE turn it on; the default is WARN).
 * Lines a step asks for itself ({@code enable_detailed_logging}) go to {@code vst.log} regardless.
 */
public final class DebugLog {

    private DebugLog() {
    }

    /** Whether {@code --log-level} is DEBUG or finer. Any thread. */
    public static boolean enabled() {
        return LoggerFactory.getLogger("io.vst").isDebugEnabled();
    }
}
