package io.vst.valkey;

import io.vst.VstException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where and how to reach a Valkey server: address, database, credentials, TLS and cluster mode.
 *
 * <p>Parsed from {@code valkey://[user[:pass]@]host[:port][/db]} ({@code valkeys://} for TLS;
 * {@code redis://} and {@code rediss://} are accepted too). The password is best given through an
 * environment variable ({@link #withPasswordFromEnv(String)}); it never appears in {@link #toString()} or
 * in any message.
 *
 * <pre>{@code
 * ValkeyEndpoint ep = ValkeyEndpoint.parse("valkeys://vst@db1.example:6380/0")
 *         .withPasswordFromEnv("VST_PASSWORD")
 *         .withTls(Path.of("ca.pem"), null, null, false)
 *         .withCluster(ClusterMode.AUTO);
 * }</pre>
 *
 * @param user ACL user, or {@code null} for the default user
 * @param password the password, or {@code null} for none
 * @param tlsCa PEM file with the CA certificates to trust, or {@code null} for the JVM's trust store
 * @param tlsCert PEM client certificate for mutual TLS, or {@code null}
 * @param tlsKey PEM (PKCS#8) private key of the client certificate, or {@code null}
 * @param tlsInsecure skip certificate and host name verification (only when asked for)
 */
public record ValkeyEndpoint(String host, int port, int database, String user, Secret password, boolean tls,
        Path tlsCa, Path tlsCert, Path tlsKey, boolean tlsInsecure, ClusterMode cluster) {

    public static final int DEFAULT_PORT = 6379;
    static final String FORM_HINT = "write valkey://[user:pass@]host:port[/db], or valkeys://... for TLS "
            + "(e.g. valkey://127.0.0.1:6379/0); prefer --password-env VAR to a password in the URI";

    public ValkeyEndpoint {
        if (host == null || host.isBlank()) {
            throw VstException.invalidInput("Server address has no host", FORM_HINT);
        }
        if (port < 1 || port > 65535) {
            throw VstException.invalidInput("Server port " + port + " is out of range 1-65535", FORM_HINT);
        }
        if (database < 0) {
            throw VstException.invalidInput("Database number " + database + " is negative", FORM_HINT);
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw VstException.invalidInput("A TLS client certificate needs its key and the key its certificate",
                    "give both --tls-cert FILE and --tls-key FILE, or neither");
        }
        if (cluster == null) {
            cluster = ClusterMode.AUTO;
        }
    }

    /** A plain-TCP endpoint on the loopback address, no credentials, standalone. */
    public static ValkeyEndpoint loopback(int port) {
        return new ValkeyEndpoint("127.0.0.1", port, 0, null, null, false, null, null, null, false,
                ClusterMode.STANDALONE);
    }

    /** Parses a server URI; a wrong form is {@link VstException.Kind#INVALID_INPUT} with a hint. */
    public static ValkeyEndpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw VstException.invalidInput("No server URI given", FORM_HINT);
        }
        String shown = masked(text.trim());
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw VstException.invalidInput("Cannot read server URI '" + shown + "'", FORM_HINT);
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw VstException.invalidInput("Server URI '" + shown + "' has no scheme", FORM_HINT);
        }
        boolean tls = switch (scheme.toLowerCase(java.util.Locale.ROOT)) {
            case "valkey", "redis" -> false;
            case "valkeys", "rediss" -> true;
            default -> throw VstException.invalidInput("Unknown scheme '" + scheme + "' in server URI '" + shown + "'",
                    FORM_HINT);
        };
        if (uri.getHost() == null) {
            throw VstException.invalidInput("Server URI '" + shown + "' has no host", FORM_HINT);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw VstException.invalidInput("Server URI '" + shown + "' has a query or fragment vst does not read",
                    FORM_HINT + "; TLS files and the cluster flag are separate options");
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        int db = 0;
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            try {
                db = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw VstException.invalidInput("Database '" + path.substring(1) + "' in server URI '" + shown
                        + "' is not a number", FORM_HINT);
            }
        }
        String user = null;
        Secret password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            user = rawUser.isEmpty() ? null : decode(rawUser);
            if (colon >= 0) {
                password = new Secret(decode(userInfo.substring(colon + 1)), "URI");
            }
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ValkeyEndpoint(host, port, db, user, password, tls, null, null, null, false, ClusterMode.AUTO);
    }

    /** Loads the named profile from {@code ~/.config/vst/profiles/<name>.yaml}. */
    public static ValkeyEndpoint fromProfile(String name) {
        return EndpointProfiles.load(name, EndpointProfiles.defaultDirectory(), System.getenv());
    }

    /** Loads the named profile from {@code directory}, reading password variables from {@code env}. */
    public static ValkeyEndpoint fromProfile(String name, Path directory, Map<String, String> env) {
        return EndpointProfiles.load(name, directory, env);
    }

    /** Takes the password from environment variable {@code var}; an unset variable is invalid input. */
    public ValkeyEndpoint withPasswordFromEnv(String var) {
        return withPasswordFromEnv(var, System.getenv());
    }

    /** As {@link #withPasswordFromEnv(String)}, reading from the given environment (for tests). */
    public ValkeyEndpoint withPasswordFromEnv(String var, Map<String, String> env) {
        String value = env.get(var);
        if (value == null || value.isEmpty()) {
            throw VstException.invalidInput("Environment variable " + var + " for the server password is not set",
                    "export " + var + "=... before running vst, or drop --password-env");
        }
        return withPassword(new Secret(value, "env " + var));
    }

    ValkeyEndpoint withPassword(Secret secret) {
        return new ValkeyEndpoint(host, port, database, user, secret, tls, tlsCa, tlsCert, tlsKey, tlsInsecure,
                cluster);
    }

    public ValkeyEndpoint withUser(String newUser) {
        return new ValkeyEndpoint(host, port, database, newUser, password, tls, tlsCa, tlsCert, tlsKey, tlsInsecure,
                cluster);
    }

    /** Turns TLS on with the given PEM files (each may be {@code null}). */
    public ValkeyEndpoint withTls(Path ca, Path cert, Path key, boolean insecure) {
        return new ValkeyEndpoint(host, port, database, user, password, true, ca, cert, key, insecure, cluster);
    }

    public ValkeyEndpoint withCluster(ClusterMode mode) {
        return new ValkeyEndpoint(host, port, database, user, password, tls, tlsCa, tlsCert, tlsKey, tlsInsecure,
                mode);
    }

    /** {@code host:port}, IPv6 hosts in brackets. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The URI without password, e.g. {@code valkeys://vst@db1:6380/0}. */
    public String toUri() {
        return (tls ? "valkeys://" : "valkey://") + (user == null ? "" : user + "@") + address() + "/" + database;
    }

    /** Whether the host is a loopback address (a server on this machine). */
    public boolean isLoopback() {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            // A name that does not resolve is certainly not this machine's loopback.
            return false;
        }
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", toUri() + " (", ")");
        if (tls) {
            j.add("tls" + (tlsCa == null ? "" : " ca=" + tlsCa) + (tlsCert == null ? "" : " cert=" + tlsCert)
                    + (tlsInsecure ? " insecure" : ""));
        }
        j.add("cluster=" + cluster.name().toLowerCase(java.util.Locale.ROOT));
        if (password != null) {
            j.add(password.toString());
        }
        return j.toString();
    }

    /** The URI with any password replaced by {@code ****}, for messages. */
    static String masked(String uriText) {
        return uriText.replaceAll("(//[^/@:]*):[^@/]*@", "$1:****@");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
