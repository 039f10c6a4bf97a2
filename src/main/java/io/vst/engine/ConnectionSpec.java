package io.vst.engine;

import io.vst.valkey.ClusterMode;
import java.nio.file.Path;
import java.util.List;

/**
 * Which server a run uses and how to reach it, as a face (the {@code vst} options or the workbench's
 * connection bar) describes it; {@link ServerOpener} turns it into a {@link ServerSession}. Nothing here is
 * checked or resolved yet: a URI is parsed, a profile read and a password fetched only when the run opens
 * its server, on the run's thread. The password itself is never part of the record, only where it comes from.
 *
 * <pre>{@code
 * ConnectionSpec local = ConnectionSpec.embedded().withModules(List.of(Path.of("libsearch.so")));
 * ConnectionSpec remote = ConnectionSpec.server("valkeys://vst@db1:6380")
 *         .withTls(new ConnectionSpec.Tls(true, Path.of("ca.pem"), null, null, false))
 *         .withPassword(ConnectionSpec.Password.fromEnv("VST_PASSWORD"));
 * }</pre>
 *
 * @param server a server URI ({@code valkey://host:port}, {@code valkeys://...} for TLS), or {@code null}
 * @param profile a connection profile name ({@code ~/.config/vst/profiles/NAME.yaml}), or {@code null};
 *     with neither a server nor a profile, vst starts its own server
 * @param user ACL user replacing the URI's or profile's, or {@code null} to keep theirs
 * @param cluster cluster mode, or {@code null} when not given (the URI's or profile's, else auto); for a
 *     server vst starts, {@link ClusterMode#CLUSTER} starts a local 3-primary cluster
 * @param tls TLS as given apart from the URI or profile (never {@code null}; {@link Tls#NONE} for none)
 * @param password where the password comes from (never {@code null}; {@link Password#NONE} for none)
 * @param serverBinary the valkey-server binary for a server vst starts, or {@code null} for PATH
 * @param modules modules a server vst starts loads ({@code --loadmodule})
 * @param keepServer leave a server vst started running afterwards
 */
public record ConnectionSpec(String server, String profile, String user, ClusterMode cluster, Tls tls,
        Password password, Path serverBinary, List<Path> modules, boolean keepServer) {

    /**
     * TLS files given apart from the URI: {@code on} turns TLS on, each file may be {@code null}.
     *
     * @param ca PEM file of the CA to trust, or {@code null} for the JVM's trust store
     * @param cert PEM client certificate for mutual TLS, or {@code null}
     * @param key PEM (PKCS#8) key of the client certificate, or {@code null}
     * @param insecure skip certificate and host name verification
     */
    public record Tls(boolean on, Path ca, Path cert, Path key, boolean insecure) {

        /** No TLS asked for apart from the URI or profile. */
        public static final Tls NONE = new Tls(false, null, null, null, false);

        /** Whether anything was asked for. */
        public boolean given() {
            return on || ca != null || cert != null || key != null || insecure;
        }
    }

    /**
     * Where the server password comes from: an environment variable, or characters typed at Run (which
     * the caller clears once the run has connected).
     *
     * @param envVar the variable holding it, or {@code null}
     * @param typed the password typed at Run, or {@code null}
     */
    public record Password(String envVar, char[] typed) {

        /** No password apart from the URI's or profile's. */
        public static final Password NONE = new Password(null, null);

        public static Password fromEnv(String var) {
            return new Password(var, null);
        }

        public static Password typed(char[] chars) {
            return new Password(null, chars);
        }

        /** Whether a password source is given. */
        public boolean given() {
            return envVar != null || typed != null;
        }
    }

    public ConnectionSpec {
        tls = tls == null ? Tls.NONE : tls;
        password = password == null ? Password.NONE : password;
        modules = modules == null ? List.of() : List.copyOf(modules);
    }

    /** A valkey-server vst starts on a free loopback port and stops afterwards. */
    public static ConnectionSpec embedded() {
        return new ConnectionSpec(null, null, null, null, Tls.NONE, Password.NONE, null, List.of(), false);
    }

    /** The server at {@code uri}. */
    public static ConnectionSpec server(String uri) {
        return new ConnectionSpec(uri, null, null, null, Tls.NONE, Password.NONE, null, List.of(), false);
    }

    /** The server a connection profile names. */
    public static ConnectionSpec profile(String name) {
        return new ConnectionSpec(null, name, null, null, Tls.NONE, Password.NONE, null, List.of(), false);
    }

    /** Whether vst starts the server itself (no server URI and no profile). */
    public boolean startsServer() {
        return server == null && profile == null;
    }

    public ConnectionSpec withUser(String u) {
        return new ConnectionSpec(server, profile, u, cluster, tls, password, serverBinary, modules, keepServer);
    }

    public ConnectionSpec withCluster(ClusterMode mode) {
        return new ConnectionSpec(server, profile, user, mode, tls, password, serverBinary, modules, keepServer);
    }

    public ConnectionSpec withTls(Tls t) {
        return new ConnectionSpec(server, profile, user, cluster, t, password, serverBinary, modules, keepServer);
    }

    public ConnectionSpec withPassword(Password p) {
        return new ConnectionSpec(server, profile, user, cluster, tls, p, serverBinary, modules, keepServer);
    }

    /** The binary, modules and keep flag of a server vst starts. */
    public ConnectionSpec withLocalServer(Path binary, List<Path> mods, boolean keep) {
        return new ConnectionSpec(server, profile, user, cluster, tls, password, binary, mods, keep);
    }

    public ConnectionSpec withModules(List<Path> mods) {
        return withLocalServer(serverBinary, mods, keepServer);
    }

    /**
     * A one-line description without secrets, e.g. {@code embedded valkey-server + libsearch.so},
     * {@code local 3-primary cluster}, {@code valkeys://db1:6380} or {@code profile prod}.
     */
    public String describe() {
        if (startsServer()) {
            String what = cluster == ClusterMode.CLUSTER ? "local 3-primary cluster" : "embedded valkey-server";
            StringBuilder b = new StringBuilder(what);
            modules.forEach(m -> b.append(" + ").append(m.getFileName()));
            return b.toString();
        }
        String where = server != null ? shownUri(server) : "profile " + profile;
        return (user == null ? "" : user + " at ") + where + (tls.on() ? " (TLS)" : "")
                + (cluster == ClusterMode.CLUSTER ? " (cluster)" : "");
    }

    private static String shownUri(String uri) {
        try {
            return io.vst.valkey.ValkeyEndpoint.parse(uri).toUri();
        } catch (io.vst.VstException unreadable) {
            // Opening the server reports what is wrong with it; a description must not repeat the text (a password).
            return "a server URI vst cannot read";
        }
    }
}
