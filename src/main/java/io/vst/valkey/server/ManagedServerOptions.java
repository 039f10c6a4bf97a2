package io.vst.valkey.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start a {@link ManagedServer}.
 *
 * @param binary the {@code valkey-server} executable, or {@code null} to look it up on PATH
 * @param modules shared objects passed as {@code --loadmodule}
 * @param extraArgs further server arguments, e.g. {@code --maxmemory 1gb}
 * @param keep leave the server running when vst exits (no shutdown hook, {@code stop()} still works)
 * @param startTimeout how long to wait for the first PING answer
 * @param tls certificate, key and CA (PEM) to also listen with TLS on a second port, or {@code null}
 * @param moduleArgs arguments for a module of {@code modules} (valkey-search's {@code --use-coordinator}); a
 *                   module with arguments is loaded from a config file, as the command line cannot pass
 *                   arguments that start with {@code --}
 */
public record ManagedServerOptions(Path binary, List<Path> modules, List<String> extraArgs, boolean keep,
        Duration startTimeout, TlsFiles tls, Map<Path, List<String>> moduleArgs) {

    /** PEM files for a TLS listener. */
    public record TlsFiles(Path cert, Path key, Path ca) {
    }

    public ManagedServerOptions {
        modules = List.copyOf(modules);
        extraArgs = List.copyOf(extraArgs);
        Map<Path, List<String>> args = new LinkedHashMap<>();
        moduleArgs.forEach((m, a) -> args.put(m, List.copyOf(a)));
        moduleArgs = Collections.unmodifiableMap(args);
    }

    public ManagedServerOptions(Path binary, List<Path> modules, List<String> extraArgs, boolean keep,
                                Duration startTimeout, TlsFiles tls) {
        this(binary, modules, extraArgs, keep, startTimeout, tls, Map.of());
    }

    /** The arguments given to {@code module} (none unless {@link #withModuleArgs} set some). */
    public List<String> argsOf(Path module) {
        return moduleArgs.getOrDefault(module, List.of());
    }

    /** The same options with {@code args} for every loaded module whose file name starts with {@code prefix}. */
    public ManagedServerOptions withModuleArgs(String prefix, String... args) {
        Map<Path, List<String>> all = new LinkedHashMap<>(moduleArgs);
        for (Path m : modules) {
            if (m.getFileName() != null && m.getFileName().toString().startsWith(prefix)) {
                all.put(m, List.of(args));
            }
        }
        return new ManagedServerOptions(binary, modules, extraArgs, keep, startTimeout, tls, all);
    }

    /** Binary from PATH, no modules, no extra arguments, stopped on exit, 15 s start timeout. */
    public static ManagedServerOptions defaults() {
        return new ManagedServerOptions(null, List.of(), List.of(), false, Duration.ofSeconds(15), null);
    }

    public ManagedServerOptions withBinary(Path path) {
        return new ManagedServerOptions(path, modules, extraArgs, keep, startTimeout, tls, moduleArgs);
    }

    public ManagedServerOptions withModule(Path module) {
        List<Path> all = new ArrayList<>(modules);
        all.add(module);
        return new ManagedServerOptions(binary, all, extraArgs, keep, startTimeout, tls, moduleArgs);
    }

    public ManagedServerOptions withArgs(String... args) {
        List<String> all = new ArrayList<>(extraArgs);
        all.addAll(List.of(args));
        return new ManagedServerOptions(binary, modules, all, keep, startTimeout, tls, moduleArgs);
    }

    public ManagedServerOptions withKeep(boolean keepRunning) {
        return new ManagedServerOptions(binary, modules, extraArgs, keepRunning, startTimeout, tls, moduleArgs);
    }

    public ManagedServerOptions withTls(TlsFiles files) {
        return new ManagedServerOptions(binary, modules, extraArgs, keep, startTimeout, files, moduleArgs);
    }
}
