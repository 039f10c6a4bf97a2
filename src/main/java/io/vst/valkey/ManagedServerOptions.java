package io.vst.valkey;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start a {@link ManagedServer}.
 *
 * @param binary the {@code valkey-server} executable, or {@code null} to look it up on PATH
 * @param modules shared objects passed as {@code --loadmodule}
 * @param extraArgs further server arguments, e.g. {@code --maxmemory 1gb}
 * @param keep leave the server running when vst exits (no shutdown hook, {@code stop()} still works)
 * @param startTimeout how long to wait for the first PING answer
 * @param tls certificate, key and CA (PEM) to also listen with TLS on a second port, or {@code null}
 */
public record ManagedServerOptions(Path binary, List<Path> modules, List<String> extraArgs, boolean keep,
        Duration startTimeout, TlsFiles tls) {

    /** PEM files for a TLS listener. */
    public record TlsFiles(Path cert, Path key, Path ca) {
    }

    public ManagedServerOptions {
        modules = List.copyOf(modules);
        extraArgs = List.copyOf(extraArgs);
    }

    /** Binary from PATH, no modules, no extra arguments, stopped on exit, 15 s start timeout. */
    public static ManagedServerOptions defaults() {
        return new ManagedServerOptions(null, List.of(), List.of(), false, Duration.ofSeconds(15), null);
    }

    public ManagedServerOptions withBinary(Path path) {
        return new ManagedServerOptions(path, modules, extraArgs, keep, startTimeout, tls);
    }

    public ManagedServerOptions withModule(Path module) {
        List<Path> all = new ArrayList<>(modules);
        all.add(module);
        return new ManagedServerOptions(binary, all, extraArgs, keep, startTimeout, tls);
    }

    public ManagedServerOptions withArgs(String... args) {
        List<String> all = new ArrayList<>(extraArgs);
        all.addAll(List.of(args));
        return new ManagedServerOptions(binary, modules, all, keep, startTimeout, tls);
    }

    public ManagedServerOptions withKeep(boolean keepRunning) {
        return new ManagedServerOptions(binary, modules, extraArgs, keepRunning, startTimeout, tls);
    }

    public ManagedServerOptions withTls(TlsFiles files) {
        return new ManagedServerOptions(binary, modules, extraArgs, keep, startTimeout, files);
    }
}
