package io.vst.cli;

import io.vst.VstException;
import io.vst.valkey.ClusterMode;
import io.vst.valkey.ManagedCluster;
import io.vst.valkey.ManagedServer;
import io.vst.valkey.ManagedServerOptions;
import io.vst.valkey.ValkeyEndpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that say which server a command talks to, shared by {@code vst info} and {@code vst run}
 * (a picocli mixin). Without {@code --server} or {@code --profile}, vst starts its own local
 * valkey-server (or a 3-primary cluster with {@code --cluster}) and stops it afterwards.
 *
 * <pre>{@code
 * @Mixin ConnectionOptions connection;
 * try (ConnectionOptions.Target target = connection.open()) {
 *     ValkeyClient client = ValkeyClient.connect(target.endpoint(), 8);
 * }
 * }</pre>
 */
public final class ConnectionOptions {

    @Option(names = "--server", paramLabel = "URI",
            description = "Server to use: valkey://[user@]host:port[/db], valkeys://... for TLS. "
                    + "Without it vst starts its own local valkey-server.")
    String server;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Connection profile ~/.config/vst/profiles/NAME.yaml instead of --server.")
    String profile;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Environment variable holding the server password.")
    String passwordEnv;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "PEM file of the CA to trust (turns TLS on).")
    Path tlsCa;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM client certificate for mutual TLS.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM (PKCS#8) key of the client certificate.")
    Path tlsKey;

    @Option(names = "--insecure", description = "TLS without verifying the server certificate or host name.")
    boolean insecure;

    /** The --cluster value as given, or {@code null}; checked when the command line is read. */
    String cluster;

    @Option(names = "--cluster", paramLabel = "MODE", arity = "0..1", fallbackValue = "true",
            description = "Cluster mode: true, false or auto (default auto: read INFO cluster). Without "
                    + "--server, --cluster starts a local 3-primary cluster.")
    void setCluster(String value) {
        ClusterMode.parse(value); // refuses "maybe" before anything runs
        cluster = value;
    }

    @Option(names = "--valkey-server", paramLabel = "PATH",
            description = "valkey-server binary for a server vst starts itself (default: from PATH).")
    Path valkeyServer;

    @Option(names = "--module", paramLabel = "PATH",
            description = "Module to load (--loadmodule) into a server vst starts itself; repeatable.")
    List<Path> modules = new ArrayList<>();

    @Option(names = "--keep-server", description = "Leave a server vst started running after the command.")
    boolean keepServer;

    /** The server a command talks to, and the local server vst started for it (if any). */
    public static final class Target implements AutoCloseable {
        private final ValkeyEndpoint endpoint;
        private final ManagedServer managed;
        private final ManagedCluster managedCluster;

        Target(ValkeyEndpoint endpoint, ManagedServer managed, ManagedCluster managedCluster) {
            this.endpoint = endpoint;
            this.managed = managed;
            this.managedCluster = managedCluster;
        }

        public ValkeyEndpoint endpoint() {
            return endpoint;
        }

        /** The standalone server vst started, or {@code null}. */
        public ManagedServer managedServer() {
            return managed;
        }

        /** Whether vst started the server (so it may FLUSHALL and read its /proc figures). */
        public boolean startedByVst() {
            return managed != null || managedCluster != null;
        }

        @Override
        public void close() {
            if (managed != null) {
                managed.close();
            }
            if (managedCluster != null) {
                managedCluster.close();
            }
        }
    }

    /** The endpoint the options name, or a freshly started local server when none is named. */
    public Target open() {
        if (server != null && profile != null) {
            throw VstException.invalidInput("--server and --profile both name a server", "give only one of them");
        }
        ClusterMode mode = cluster == null ? ClusterMode.AUTO : ClusterMode.parse(cluster);
        if (server == null && profile == null) {
            return startLocal(mode);
        }
        if (valkeyServer != null || !modules.isEmpty() || keepServer) {
            throw VstException.invalidInput("--valkey-server, --module and --keep-server apply only to a server "
                    + "vst starts itself", "drop them, or drop --server/--profile to let vst start one");
        }
        ValkeyEndpoint ep = server != null ? ValkeyEndpoint.parse(server) : ValkeyEndpoint.fromProfile(profile);
        if (cluster != null) {
            ep = ep.withCluster(mode);
        }
        if (passwordEnv != null) {
            ep = ep.withPasswordFromEnv(passwordEnv);
        }
        if (ep.tls() || tlsCa != null || tlsCert != null || tlsKey != null || insecure) {
            ep = ep.withTls(tlsCa != null ? tlsCa : ep.tlsCa(), tlsCert != null ? tlsCert : ep.tlsCert(),
                    tlsKey != null ? tlsKey : ep.tlsKey(), insecure || ep.tlsInsecure());
        }
        return new Target(ep, null, null);
    }

    private Target startLocal(ClusterMode mode) {
        if (passwordEnv != null || tlsCa != null || tlsCert != null || tlsKey != null || insecure) {
            throw VstException.invalidInput("Password and TLS options need --server or --profile",
                    "a server vst starts itself listens on loopback without password or TLS");
        }
        ManagedServerOptions options = ManagedServerOptions.defaults().withBinary(valkeyServer)
                .withKeep(keepServer);
        for (Path m : modules) {
            if (!java.nio.file.Files.isRegularFile(m)) {
                throw VstException.invalidInput("--module " + m + ": no such file",
                        "give the path of the module's shared object, e.g. --module /path/to/libsearch.so");
            }
            options = options.withModule(m);
        }
        if (mode == ClusterMode.CLUSTER) {
            ManagedCluster c = ManagedCluster.start(options, 3);
            return new Target(c.endpoint(), null, c);
        }
        ManagedServer s = ManagedServer.start(options);
        return new Target(s.endpoint(), s, null);
    }
}
