package io.vst.engine;

/** Lets the next run in this JVM warm up again, for tests of other packages (the warm-up runs once per JVM). */
public final class WarmupReset {

    private WarmupReset() {
    }

    public static void rearm() {
        JitWarmup.rearm();
    }
}
