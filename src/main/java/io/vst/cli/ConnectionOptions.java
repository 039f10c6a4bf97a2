package io.vst.cli;

import io.vst.VstException;
import io.vst.engine.ConnectionSpec;
import io.vst.engine.ServerOpener;
import io.vst.engine.ServerTarget;
import io.vst.valkey.ClusterMode;
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
 * try (ServerTarget target = connection.open()) {
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

    /**
     * What the options describe, for {@link io.vst.engine.ServerOpener}; refuses combinations that
     * contradict each other.
     */
    public ConnectionSpec spec() {
        if (server != null && profile != null) {
            throw VstException.invalidInput("--server and --profile both name a server", "give only one of them");
        }
        ClusterMode mode = cluster == null ? null : ClusterMode.parse(cluster);
        ConnectionSpec.Tls tls = new ConnectionSpec.Tls(false, tlsCa, tlsCert, tlsKey, insecure);
        ConnectionSpec.Password password = passwordEnv == null ? ConnectionSpec.Password.NONE
                : ConnectionSpec.Password.fromEnv(passwordEnv);
        if (server == null && profile == null) {
            return ConnectionSpec.embedded().withCluster(mode).withTls(tls).withPassword(password)
                    .withLocalServer(valkeyServer, modules, keepServer);
        }
        if (valkeyServer != null || !modules.isEmpty() || keepServer) {
            throw VstException.invalidInput("--valkey-server, --module and --keep-server apply only to a server "
                    + "vst starts itself", "drop them, or drop --server/--profile to let vst start one");
        }
        ConnectionSpec named = server != null ? ConnectionSpec.server(server) : ConnectionSpec.profile(profile);
        return named.withCluster(mode).withTls(tls).withPassword(password);
    }

    /** The endpoint the options name, or a freshly started local server when none is named. */
    public ServerTarget open() {
        return ServerOpener.start(spec());
    }
}
