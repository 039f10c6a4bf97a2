package io.vst.valkey.server;

import io.vst.VstException;
import io.vst.valkey.InfoReplies;
import io.vst.valkey.ValkeyEndpoint;
import io.vst.valkey.resp.Resp;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A {@code valkey-server} child process that vst starts on a free loopback port, with persistence off
 * ({@code --save '' --appendonly no}) and its working directory in a temporary folder.
 *
 * <p>It is stopped by its process id: {@code SHUTDOWN NOSAVE}, then SIGTERM, then a kill, each after a
 * bounded wait. A shutdown hook stops it when the JVM exits, unless the options ask to keep it; when the
 * JVM is killed outright, a {@link ServerWatchdog} ends it, and the next start cleans up what a killed
 * run left behind.
 *
 * <pre>{@code
 * try (ManagedServer server = ManagedServer.start(ManagedServerOptions.defaults())) {
 *     try (ValkeyClient client = ValkeyClient.connect(server.endpoint(), 4)) {
 *         client.ping();
 *     }
 * }
 * }</pre>
 */
public final class ManagedServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedServer.class);
    private static final long STOP_STEP_MILLIS = 5_000;
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final Path binary;
    private final int port;
    private final int tlsPort;
    private final Path directory;
    private final ManagedServerOptions options;
    private final Thread shutdownHook;
    private final Process watchdog;
    private volatile boolean stopped;
    private volatile boolean stoppedByVst;
    private volatile String deathReport;

    private ManagedServer(Process process, Path binary, int port, int tlsPort, Path directory,
            ManagedServerOptions options) {
        this.process = process;
        this.binary = binary;
        this.port = port;
        this.tlsPort = tlsPort;
        this.directory = directory;
        this.options = options;
        if (options.keep()) {
            this.shutdownHook = null;
            this.watchdog = null;
        } else {
            this.shutdownHook = new Thread(this::stopQuietly, "vst-valkey-stop-" + port);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            this.watchdog = ServerWatchdog.start(process, directory);
        }
    }

    /** Starts a server and waits (bounded by the options' timeout) until it answers PING. */
    public static ManagedServer start(ManagedServerOptions options) {
        Path binary = resolveBinary(options.binary());
        ServerWatchdog.cleanOrphans(Path.of(System.getProperty("java.io.tmpdir")));
        VstException last = null;
        // A free port can be taken by someone else between probing and binding: retry a few times.
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            try {
                return startOnce(binary, options);
            } catch (PortTakenException e) {
                last = e.failure;
            }
        }
        throw last;
    }

    /** The {@code valkey-server} to use: the explicit path, else the first on PATH. */
    public static Path resolveBinary(Path explicit) {
        if (explicit != null) {
            explicit = explicit.toAbsolutePath();
            if (!Files.isExecutable(explicit)) {
                throw VstException.invalidInput("valkey-server binary " + explicit + " is not an executable file",
                        "give the path of an installed valkey-server with --valkey-server PATH");
            }
            return explicit;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, "valkey-server");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new VstException(VstException.Kind.RUNTIME, "No valkey-server found on PATH",
                "install it (Debian bookworm: enable bookworm-backports, then "
                        + "'apt-get install -t bookworm-backports valkey-server'), or give its location with "
                        + "--valkey-server PATH", null);
    }

    /** Whether a {@code valkey-server} is on PATH. */
    public static boolean isAvailable() {
        try {
            resolveBinary(null);
            return true;
        } catch (VstException e) {
            return false;
        }
    }

    private static ManagedServer startOnce(Path binary, ManagedServerOptions options) {
        Path dir;
        try {
            dir = Files.createTempDirectory(ServerWatchdog.DIR_PREFIX);
        } catch (IOException e) {
            throw VstException.runtime("Cannot create a working directory for valkey-server: " + e.getMessage(), e);
        }
        int port = ModuleLoading.needsCoordinatorPort(options) ? ModuleLoading.coordinatedPort() : freePort();
        int tlsPort = options.tls() == null ? 0 : freePort();
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--logfile", dir.resolve("valkey.log").toString(), "--daemonize", "no"));
        if (options.tls() != null) {
            ManagedServerOptions.TlsFiles t = options.tls();
            // Absolute paths: the server runs in its own temporary working directory.
            cmd.addAll(List.of("--tls-port", Integer.toString(tlsPort), "--tls-cert-file", abs(t.cert()),
                    "--tls-key-file", abs(t.key()), "--tls-ca-cert-file", abs(t.ca()),
                    "--tls-auth-clients", "optional"));
        }
        cmd.addAll(1, ModuleLoading.arguments(options, dir));
        cmd.addAll(options.extraArgs());
        Process process;
        try {
            process = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .start();
        } catch (IOException e) {
            throw VstException.runtime("Cannot start " + binary + ": " + e.getMessage(), e);
        }
        ManagedServer server = new ManagedServer(process, binary, port, tlsPort, dir, options);
        server.awaitPing(options.startTimeout().toMillis());
        LOG.info("started valkey-server pid {} on 127.0.0.1:{}", process.pid(), port);
        return server;
    }

    private void awaitPing(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = logTail();
                List<String> moduleLines = ServerLog.lines(directory, logFile(), ModuleChecks::isLoadFailure);
                stopQuietly();
                if (!moduleLines.isEmpty()) {
                    throw ModuleChecks.loadFailure(moduleLines);
                }
                VstException failure = VstException.runtime("valkey-server exited at start (exit code "
                        + process.exitValue() + "): " + log, null);
                if (log.contains("Address already in use")) {
                    throw new PortTakenException(failure);
                }
                throw failure;
            }
            if (answersPing(port)) {
                if (!options.modules().isEmpty()) {
                    checkModules();
                }
                return;
            }
            sleep(50);
        }
        stopQuietly();
        throw VstException.runtime("valkey-server did not answer PING within " + timeoutMillis + " ms: "
                + logTail(), null);
    }

    // A module can load into a server it then crashes (valkey-search 1.0 in valkey 8.0): refuse that pair
    // before the run rather than fail at its first indexed write.
    private void checkModules() {
        VstException refused;
        try {
            refused = ModuleChecks.incompatibility(binary.toString(), Resp.text(call(port, "INFO", "server")),
                    InfoReplies.parseModuleList(call(port, "MODULE", "LIST")));
        } catch (RuntimeException e) {
            stopQuietly();
            throw VstException.runtime("valkey-server started with --module but does not answer INFO / MODULE LIST: "
                    + e.getMessage() + " | " + logTail(), e);
        }
        if (refused != null) {
            stopQuietly();
            throw refused;
        }
    }

    /**
     * Why the server died on its own, in its log's words (a crash report line such as {@code valkey 8.0.1
     * crashed by signal: 11}), or {@code null} while it runs or when vst stopped it.
     */
    public String deathReport() {
        if (process.isAlive() || stoppedByVst) {
            return null;
        }
        String report = this.deathReport;
        return report != null ? report : describeDeath();
    }

    private String describeDeath() {
        List<String> lines = ServerLog.lines(directory, logFile(), l -> l.contains("crashed by signal") || l.contains("ASSERTION FAILED")
                || l.contains("Guru Meditation"));
        String said = lines.isEmpty() ? logTail() : String.join(" | ", lines);
        return "exit code " + process.exitValue() + "; its log (" + logFile() + ") says: " + said;
    }

    static boolean answersPing(int port) {
        try {
            call(port, "PING");
            return true;
        } catch (JedisConnectionException e) {
            return false;
        } catch (JedisDataException e) {
            // NOAUTH or LOADING: the server is up and talking.
            return true;
        }
    }

    /** Sends one command to a loopback port on a fresh connection and returns the raw reply. */
    public static Object call(int port, String... args) {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(1_000).socketTimeoutMillis(5_000).build();
        try (Connection c = new Connection(new HostAndPort("127.0.0.1", port), config)) {
            CommandArguments ca = new CommandArguments(Protocol.Command.valueOf(args[0]));
            for (int i = 1; i < args.length; i++) {
                ca.add(args[i]);
            }
            return c.executeCommand(ca);
        }
    }

    public int port() {
        return port;
    }

    /** The TLS port, or 0 when the server was started without TLS. */
    public int tlsPort() {
        return tlsPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path directory() {
        return directory;
    }

    public Path logFile() {
        return directory.resolve("valkey.log");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The plain-TCP loopback endpoint of this server. */
    public ValkeyEndpoint endpoint() {
        return ValkeyEndpoint.loopback(port);
    }

    /** Stops the server (SHUTDOWN NOSAVE, SIGTERM, kill) and deletes its directory; safe to call twice. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (!process.isAlive()) {
            // Keep why it died before its directory (and log) goes.
            deathReport = describeDeath();
        } else {
            stoppedByVst = true;
        }
        if (process.isAlive()) {
            boolean refused = false;
            try {
                call(port, "SHUTDOWN", "NOSAVE");
            } catch (JedisConnectionException e) {
                // The server closes the connection while it shuts down: expected.
                LOG.debug("SHUTDOWN NOSAVE on port {}: {}", port, e.getMessage());
            } catch (JedisDataException e) {
                // Refused (e.g. NOAUTH on a server with a password): go straight to SIGTERM.
                refused = true;
                LOG.debug("SHUTDOWN NOSAVE refused on port {}: {}", port, e.getMessage());
            }
            if (refused || !waitExit(STOP_STEP_MILLIS)) {
                process.destroy();
                if (!waitExit(STOP_STEP_MILLIS)) {
                    process.destroyForcibly();
                    waitExit(STOP_STEP_MILLIS);
                }
            }
        }
        if (watchdog != null) {
            watchdog.destroy();
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook runs or has run.
                LOG.debug("shutdown in progress: {}", e.getMessage());
            }
        }
        deleteDirectory();
    }

    /** Stops the server unless the options asked to keep it running. */
    @Override
    public void close() {
        if (!options.keep()) {
            stop();
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.warn("stopping valkey-server pid {} failed: {}", process.pid(), e.getMessage());
        }
    }

    private boolean waitExit(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private String logTail() {
        return ServerLog.tail(directory, logFile());
    }

    private void deleteDirectory() {
        ServerWatchdog.deleteTree(directory);
    }

    private static String abs(Path p) {
        return p.toAbsolutePath().toString();
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw VstException.runtime("No free loopback port: " + e.getMessage(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VstException.runtime("Interrupted while waiting for valkey-server", e);
        }
    }

    /** Start failed because the probed port was taken meanwhile. */
    private static final class PortTakenException extends RuntimeException {
        private final transient VstException failure;

        PortTakenException(VstException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }
}
