package io.vst.engine;

import io.vst.VstException;
import io.vst.scenario.GlobalConfig;
import io.vst.valkey.ClientSettings;
import io.vst.valkey.ClusterMode;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.ValkeyEndpoint;
import io.vst.valkey.server.ManagedCluster;
import io.vst.valkey.server.ManagedServer;
import io.vst.valkey.server.ManagedServerOptions;
import io.vst.workload.Connections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one way a run opens its server, for the CLI and the workbench alike: resolves a
 * {@link ConnectionSpec} (parses the URI or reads the profile, applies TLS files, user, cluster mode and
 * the password source — or starts a local server or 3-primary cluster), then connects with a pool sized
 * for the plan and the scenario's {@code connection_timeout} / {@code operation_timeout}. The session it
 * returns owns the server it started and stops it on close. Runs on the run's thread, never the EDT.
 *
 * <pre>{@code
 * try (ServerSession session = ServerOpener.open(ConnectionSpec.server("valkey://db1:6379"), plan)) {
 *     new Runner(plan, session, environment.options(), listeners).run();
 * }
 * }</pre>
 */
public final class ServerOpener {

    /** The name a typed password travels under inside the endpoint (never the process environment). */
    static final String TYPED = "password typed at Run";

    private static final int LOCAL_CLUSTER_PRIMARIES = 3;

    private ServerOpener() {
    }

    /** Resolves {@code spec} and connects for {@code plan}; on failure whatever was started is stopped. */
    public static ServerSession open(ConnectionSpec spec, RunPlan plan) {
        return connect(start(spec), plan);
    }

    /**
     * Connects to {@code target} for {@code plan}; the session owns the server vst started (if any). On
     * failure the target is closed.
     */
    public static ServerSession connect(ServerTarget target, RunPlan plan) {
        return connect(target, settings(plan));
    }

    /**
     * Connects to {@code target} with {@code settings} (a watch, which has no plan); the session owns the
     * server vst started (if any). On failure the target is closed.
     */
    public static ServerSession connect(ServerTarget target, ClientSettings settings) {
        try {
            ValkeyClient client = ValkeyClient.connect(target.endpoint(), settings);
            try {
                return new ServerSession(client, target.startedByVst() ? target : null, target.pid());
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /** A pool with a connection for each worker the plan runs at once, and the scenario's timeouts. */
    public static ClientSettings settings(RunPlan plan) {
        int pool = Connections.poolSize(plan.flatten().stream().map(PlannedStep::config).toList());
        GlobalConfig global = plan.scenario().globalConfig();
        return new ClientSettings(pool, millis(global.connectionTimeout()), millis(global.operationTimeout()), true);
    }

    private static int millis(double seconds) {
        return (int) Math.min(Integer.MAX_VALUE, Math.round(seconds * 1000));
    }

    /** The server {@code spec} names, or a freshly started local server or cluster; passwords from the env. */
    public static ServerTarget start(ConnectionSpec spec) {
        return start(spec, System.getenv());
    }

    /** As {@link #start(ConnectionSpec)}, reading a password variable from {@code env}. */
    public static ServerTarget start(ConnectionSpec spec, Map<String, String> env) {
        if (spec.startsServer()) {
            return startLocal(spec);
        }
        ValkeyEndpoint ep = spec.server() != null ? ValkeyEndpoint.parse(spec.server())
                : ValkeyEndpoint.fromProfile(spec.profile());
        if (spec.user() != null) {
            ep = ep.withUser(spec.user());
        }
        if (spec.cluster() != null) {
            ep = ep.withCluster(spec.cluster());
        }
        ConnectionSpec.Tls tls = spec.tls();
        if (ep.tls() || tls.given()) {
            ep = ep.withTls(or(tls.ca(), ep.tlsCa()), or(tls.cert(), ep.tlsCert()), or(tls.key(), ep.tlsKey()),
                    tls.insecure() || ep.tlsInsecure());
        }
        ConnectionSpec.Password password = spec.password();
        if (password.typed() != null) {
            if (password.typed().length == 0) {
                throw VstException.invalidInput("No password was typed", "type it when Run asks, or pick another "
                        + "password source");
            }
            ep = ep.withPasswordFromEnv(TYPED, Map.of(TYPED, new String(password.typed())));
        } else if (password.envVar() != null) {
            ep = ep.withPasswordFromEnv(password.envVar(), env);
        }
        return new ServerTarget(ep, null, null);
    }

    private static ServerTarget startLocal(ConnectionSpec spec) {
        if (spec.password().given() || spec.tls().given() || spec.user() != null) {
            throw VstException.invalidInput("A user, password or TLS applies only to a server vst connects to",
                    "a server vst starts itself listens on loopback without them; name a server "
                            + "(--server or --profile) or drop them");
        }
        ManagedServerOptions options = ManagedServerOptions.defaults().withBinary(spec.serverBinary())
                .withKeep(spec.keepServer());
        for (Path m : spec.modules()) {
            if (!Files.isRegularFile(m)) {
                throw VstException.invalidInput("Module " + m + ": no such file", "give the path of the module's "
                        + "shared object, e.g. --module /path/to/libsearch.so");
            }
            options = options.withModule(m);
        }
        if (spec.cluster() == ClusterMode.CLUSTER) {
            ManagedCluster c = ManagedCluster.start(options, LOCAL_CLUSTER_PRIMARIES);
            return new ServerTarget(c.endpoint(), null, c);
        }
        ManagedServer s = ManagedServer.start(options);
        return new ServerTarget(s.endpoint(), s, null);
    }

    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }
}
