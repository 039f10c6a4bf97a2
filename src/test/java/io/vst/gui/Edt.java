package io.vst.gui;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.swing.SwingUtilities;

/** Test and tool helper: run on the EDT and wait, and bounded polling of a condition read on the EDT. */
public final class Edt {

    private Edt() {
    }

    /** Runs {@code s} on the EDT and returns its value. */
    public static <T> T call(Supplier<T> s) {
        if (SwingUtilities.isEventDispatchThread()) {
            return s.get();
        }
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Throwable> err = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    out.set(s.get());
                } catch (RuntimeException | Error e) {
                    err.set(e);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (err.get() instanceof RuntimeException r) {
            throw r;
        }
        if (err.get() instanceof Error e) {
            throw e;
        }
        return out.get();
    }

    /** Runs {@code r} on the EDT and waits. */
    public static void run(Runnable r) {
        call(() -> {
            r.run();
            return null;
        });
    }

    /** Polls {@code condition} on the EDT every 50 ms until it holds or {@code limit} passes. */
    public static boolean await(BooleanSupplier condition, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (call(condition::getAsBoolean)) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return call(condition::getAsBoolean);
    }
}
