package io.vst.testsupport.proxy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code valkey-server} child process on a free loopback port, without persistence, stopped by its
 * PID. Test support only.
 *
 * <pre>{@code
 * try (BackendServer server = BackendServer.start()) {
 *     int port = server.port();
 * }
 * }</pre>
 */
public final class BackendServer implements AutoCloseable {

    /** Where the server binary is installed on the build machine. */
    public static final Path BINARY = Path.of("/usr/bin/valkey-server");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final Path log;

    private BackendServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** True when the server binary is installed. */
    public static boolean isInstalled() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Skips the calling test when the server is not installed, unless {@code VST_TEST_REQUIRE_VALKEY=1},
     * where a missing server must fail instead (the start then throws).
     */
    public static void assumeAvailable() {
        if (!"1".equals(System.getenv("VST_TEST_REQUIRE_VALKEY"))) {
            org.junit.jupiter.api.Assumptions.assumeTrue(isInstalled(), BINARY + " is not installed");
        }
    }

    /** Starts a server and waits (bounded) until it answers PING. */
    public static BackendServer start() {
        if (!isInstalled()) {
            throw new IllegalStateException(BINARY + " is not installed");
        }
        int port = freePort();
        try {
            Path log = Files.createTempFile("vst-valkey-" + port + "-", ".log");
            Process process = new ProcessBuilder(List.of(BINARY.toString(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
                    "--dir", System.getProperty("java.io.tmpdir")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            BackendServer server = new BackendServer(process, port, log);
            server.awaitPing();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
    }

    /** A loopback port nobody listened on a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** The server's port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    private void awaitPing() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("valkey-server exited early, log: " + readLog());
            }
            try (RespConnection link = RespConnection.open(port, Duration.ofSeconds(2))) {
                if (link.call("PING") instanceof RespValue.Simple) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            sleep(Duration.ofMillis(20));
        }
        close();
        throw new IllegalStateException("valkey-server on port " + port + " did not answer PING in "
                + START_TIMEOUT + (last == null ? "" : ": " + last.getMessage()));
    }

    private String readLog() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Sleeps; an interrupt ends the wait with an exception and keeps the thread's interrupt flag. */
    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops the child by PID: TERM first, KILL after a bounded wait. */
    @Override
    public void close() {
        Optional<ProcessHandle> handle = ProcessHandle.of(process.pid());
        handle.ifPresent(ProcessHandle::destroy);
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                handle.ifPresent(ProcessHandle::destroyForcibly);
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            handle.ifPresent(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + log, e);
        }
    }
}
