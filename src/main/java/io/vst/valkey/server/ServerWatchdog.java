package io.vst.valkey.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the embedded valkey-server die with vst, even when vst is killed with SIGKILL (no shutdown hook
 * runs then). Two parts:
 *
 * <ul>
 *   <li>a watchdog: a small {@code sh} loop that polls this JVM's pid and, once it is gone, ends the
 *       server (SIGTERM, then SIGKILL) — only if that pid still works in the server's own temporary
 *       directory ({@code /proc/<pid>/cwd}; valkey-server rewrites its command line), so a reused pid
 *       is never hit;</li>
 *   <li>a pid file ({@value #PID_FILE}) in the server's working directory, naming the server and its
 *       owner; the next start ends servers whose owner is gone and removes their directories, for the
 *       case where the watchdog itself was killed too.</li>
 * </ul>
 */
final class ServerWatchdog {

    static final String PID_FILE = "vst-owner.pid";
    static final String DIR_PREFIX = "vst-valkey-";
    private static final Logger LOG = LoggerFactory.getLogger(ServerWatchdog.class);
    private static final String SCRIPT = """
            owner=$1; srv=$2; dir=$3
            while kill -0 "$owner" 2>/dev/null && kill -0 "$srv" 2>/dev/null; do sleep 0.5; done
            ours() { [ "$(readlink /proc/"$srv"/cwd 2>/dev/null)" = "$dir" ]; }
            if ours; then
              kill -TERM "$srv" 2>/dev/null
              for i in 1 2 3 4 5 6 7 8; do ours || break; sleep 0.25; done
              if ours; then kill -KILL "$srv" 2>/dev/null; fi
              rm -rf -- "$dir"
            fi
            """;

    private ServerWatchdog() {
    }

    /** Starts the watchdog of {@code server} (working directory {@code dir}) and writes the pid file. */
    static Process start(Process server, Path dir) {
        ProcessHandle self = ProcessHandle.current();
        Properties p = new Properties();
        p.setProperty("server", Long.toString(server.pid()));
        p.setProperty("owner", Long.toString(self.pid()));
        self.info().startInstant().ifPresent(t -> p.setProperty("ownerStart", t.toString()));
        try (var out = Files.newBufferedWriter(dir.resolve(PID_FILE), StandardCharsets.UTF_8)) {
            p.store(out, "valkey-server started by vst; ended when its owner is gone");
            return new ProcessBuilder("sh", "-c", SCRIPT, "vst-watchdog", Long.toString(self.pid()),
                    Long.toString(server.pid()), dir.toRealPath().toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            // Without sh (not a POSIX system) the shutdown hook and the pid file still cover normal exits.
            LOG.warn("no watchdog for valkey-server pid {}: {}", server.pid(), e.getMessage());
            return null;
        }
    }

    /**
     * Ends the servers vst started in {@code tmpRoot} whose owning process is gone, and deletes their
     * working directories; returns how many servers it ended.
     */
    static int cleanOrphans(Path tmpRoot) {
        int ended = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmpRoot, DIR_PREFIX + "*")) {
            for (Path dir : dirs) {
                if (cleanOne(dir)) {
                    ended++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("cannot look for orphaned valkey-servers in {}: {}", tmpRoot, e.getMessage());
        }
        return ended;
    }

    private static boolean cleanOne(Path dir) {
        Path file = dir.resolve(PID_FILE);
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            return false; // not ours, or another user's
        }
        try {
            long owner = Long.parseLong(p.getProperty("owner", "-1"));
            Instant ownerStart = p.getProperty("ownerStart") == null ? null : Instant.parse(p.getProperty("ownerStart"));
            if (alive(owner, ownerStart)) {
                return false;
            }
            long server = Long.parseLong(p.getProperty("server", "-1"));
            boolean ended = false;
            Optional<ProcessHandle> h = ProcessHandle.of(server);
            if (h.isPresent() && startedIn(h.get(), dir)) {
                h.get().destroyForcibly();
                h.get().onExit().get(5, TimeUnit.SECONDS);
                LOG.warn("ended valkey-server pid {} left running by vst pid {}, which is gone", server, owner);
                ended = true;
            }
            deleteTree(dir);
            return ended;
        } catch (NumberFormatException | DateTimeParseException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            LOG.debug("skipping {}: {}", dir, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether {@code pid} runs and is the process that started at {@code start} (pids are reused). */
    static boolean alive(long pid, Instant start) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(h -> start == null
                || h.info().startInstant().map(t -> Duration.between(t, start).abs().toMillis() < 1000).orElse(true))
                .orElse(false);
    }

    private static boolean startedIn(ProcessHandle h, Path dir) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(h.pid()), "cwd")).equals(dir.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteTree(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot delete {}: {}", directory, e.getMessage());
        }
    }
}
