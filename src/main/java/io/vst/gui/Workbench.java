package io.vst.gui;

import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Toolkit;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;

/**
 * Starts the workbench window.
 *
 * <pre>
 * MainFrame frame = Workbench.open(WorkbenchOptions.defaults().withScenario("quickstart"));
 * </pre>
 */
public final class Workbench {

    private Workbench() {
    }

    /**
     * Installs the theme, builds the window with the scenario open and shows it; returns once it is
     * visible. Any thread except the EDT.
     *
     * @throws io.vst.VstException when there is no display, a plugin cannot be loaded, or the scenario names
     *     nothing that exists
     */
    public static MainFrame open(WorkbenchOptions options) {
        if (GraphicsEnvironment.isHeadless()) {
            throw io.vst.VstException.runtime("No display: the workbench needs a graphical desktop",
                    null);
        }
        // Plugins load before the window: a broken plugin is told as such, not as a window that failed to open.
        io.vst.engine.RunEnvironment environment = io.vst.engine.RunEnvironment.load(options.pluginDirs(),
                options.runsRoot());
        AtomicReference<MainFrame> frame = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                Themes.install(Themes.startDark(options.theme(), options.settings()));
                MainFrame f = new MainFrame(options, environment);
                try {
                    if (options.scenario() != null) {
                        f.fileCommands().openFileOrBuiltin(options.scenario());
                    } else {
                        f.fileCommands().openBuiltin("quickstart");
                    }
                } catch (RuntimeException e) {
                    f.dispose();
                    failure.set(e);
                    return;
                }
                f.setVisible(true);
                lastVisibleAt = System.currentTimeMillis();
                frame.set(f);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw io.vst.VstException.runtime("interrupted while opening the workbench", e);
        } catch (InvocationTargetException e) {
            throw io.vst.VstException.runtime("the workbench failed to open: " + e.getCause(), e.getCause());
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return frame.get();
    }

    private static volatile long lastVisibleAt;

    /** Wall-clock milliseconds at which the last window opened by {@link #open} became visible. Any thread. */
    public static long lastVisibleAtMillis() {
        return lastVisibleAt;
    }

    /**
     * Opens the workbench, waits until the EDT has painted it and is idle, keeps it {@code millis} ms, then
     * closes it; returns the window title. For installer checks and startup measurements. Any thread except
     * the EDT.
     */
    public static String openAndClose(WorkbenchOptions options, long millis) throws InterruptedException {
        MainFrame f = open(options);
        awaitIdle(f);
        lastVisibleAt = System.currentTimeMillis();
        Thread.sleep(millis);
        String[] title = new String[1];
        try {
            SwingUtilities.invokeAndWait(() -> {
                title[0] = f.getTitle();
                f.dispose();
            });
        } catch (InvocationTargetException e) {
            throw io.vst.VstException.runtime("the workbench failed to close: " + e.getCause(), e.getCause());
        }
        return title[0];
    }

    /**
     * Returns once the window is showing and the event queue has been found empty twice in a row, 10 ms
     * apart (the first paint and the work queued while building the window are done), or after 60 s.
     */
    private static void awaitIdle(MainFrame f) throws InterruptedException {
        EventQueue queue = Toolkit.getDefaultToolkit().getSystemEventQueue();
        boolean[] idle = new boolean[1];
        int inARow = 0;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (inARow < 2 && System.nanoTime() < deadline) {
            try {
                SwingUtilities.invokeAndWait(() -> idle[0] = f.isShowing() && queue.peekEvent() == null);
            } catch (InvocationTargetException e) {
                throw io.vst.VstException.runtime("the workbench failed: " + e.getCause(), e.getCause());
            }
            inARow = idle[0] ? inARow + 1 : 0;
            Thread.sleep(10);
        }
    }

    /** Opens the workbench and waits until its window is closed. Any thread except the EDT. */
    public static void runUntilClosed(WorkbenchOptions options) throws InterruptedException {
        MainFrame f = open(options);
        CountDownLatch closed = new CountDownLatch(1);
        SwingUtilities.invokeLater(() -> {
            f.addWindowListener(new WindowAdapter() {
                @Override
                public void windowClosed(WindowEvent e) {
                    closed.countDown();
                }
            });
            if (!f.isDisplayable()) {
                closed.countDown();
            }
        });
        closed.await();
    }
}
