package io.vst.gui.run;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import javax.swing.SwingUtilities;

/**
 * The workbench's one executor for work too slow for the EDT: planning (dry-run and Run), HTML and PNG
 * export and run-history reads. Its daemon threads are named {@code vst-background-N}; the window owns it
 * and {@link #shutdown() shuts it down} when it closes. A task hands back its result or its failure, any
 * throwable, on the EDT, so the caller can always reset its state (a "planning" flag, a disabled action).
 *
 * <pre>
 * background.submit(() -> RunPlan.of(scenario, schema, options), (plan, failure) -> {
 *     planning = false;                               // EDT, after a VstException and a bug alike
 *     if (failure == null) { show(plan); } else { tellTheUser(failure); }
 * });
 * </pre>
 */
public final class BackgroundExecutor {

    /** Threads at most: two cores on the build machine, and a run's own threads need them too. */
    static final int THREADS = 2;
    private final AtomicInteger created = new AtomicInteger();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "vst-background-" + created.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    /**
     * Runs {@code work} on a background thread, then on the EDT hands {@code then} its result and
     * {@code null}, or {@code null} and whatever it threw. The returned future completes after that
     * callback ran; after {@link #shutdown()} neither happens. Any thread.
     */
    public <T> CompletableFuture<T> submit(Callable<T> work, BiConsumer<? super T, ? super Throwable> then) {
        CompletableFuture<T> out = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                T result = null;
                Throwable failure = null;
                try {
                    result = work.call();
                } catch (Throwable t) {
                    // Any throwable, not only ours: a bug while planning must not leave Run disabled for good.
                    failure = t;
                }
                T r = result;
                Throwable f = failure;
                SwingUtilities.invokeLater(() -> {
                    if (closed) {
                        return;
                    }
                    try {
                        then.accept(r, f);
                    } finally {
                        if (f == null) {
                            out.complete(r);
                        } else {
                            out.completeExceptionally(f);
                        }
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            out.completeExceptionally(e);
        }
        return out;
    }

    /** As {@link #submit(Callable, BiConsumer)} for a caller that reads the outcome from the future. Any thread. */
    public <T> CompletableFuture<T> submit(Callable<T> work) {
        return submit(work, (result, failure) -> {
        });
    }

    /** Interrupts running tasks, drops queued ones and runs no more callbacks. Any thread. */
    public void shutdown() {
        closed = true;
        pool.shutdownNow();
    }

    /** Whether {@link #shutdown()} was called. Any thread. */
    public boolean isShutdown() {
        return pool.isShutdown();
    }
}
