package io.vst.valkey;

import io.vst.VstException;
import io.vst.dataset.DatasetHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Named connection profiles, one file each, {@code <config>/profiles/<name>.yaml}, where {@code <config>} is
 * the user's vst config directory ({@code $VST_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/vst}, else
 * {@code ~/.config/vst}, as for plugins and the dataset catalog). {@code vst --profile NAME} reads them; the
 * workbench's connection manager lists, writes and deletes them. A profile never holds a password, only
 * where it comes from: an environment variable, or typed at each connection.
 *
 * <pre>
 * host: db1.example
 * port: 6380
 * user: vst
 * password_env: VST_PASSWORD   # never a plain password
 * tls: true
 * tls_ca: /etc/vst/ca.pem
 * cluster: auto
 * </pre>
 *
 * <pre>{@code
 * EndpointProfiles profiles = EndpointProfiles.user();
 * profiles.write(EndpointProfiles.Profile.of("bench", "127.0.0.1", 6379));
 * ValkeyEndpoint ep = profiles.endpoint("bench", System.getenv());
 * }</pre>
 */
public final class EndpointProfiles {

    static final Set<String> KEYS = Set.of("host", "port", "db", "user", "password_env", "password_prompt", "tls",
            "tls_ca", "tls_cert", "tls_key", "insecure", "cluster");
    private static final String NAME_FORM = "[A-Za-z0-9_.-]+";
    private static final String SUFFIX = ".yaml";

    /**
     * One profile as its file says. The password itself is never part of it.
     *
     * @param passwordEnv environment variable holding the password, or {@code null}
     * @param passwordPrompt the password is typed at each connection (the workbench asks; the CLI needs
     *     {@code --password-env})
     * @param tlsCa PEM CA file, or {@code null}; {@code tlsCert}, {@code tlsKey} likewise
     */
    public record Profile(String name, String host, int port, int db, String user, String passwordEnv,
            boolean passwordPrompt, boolean tls, Path tlsCa, Path tlsCert, Path tlsKey, boolean insecure,
            ClusterMode cluster) {

        public Profile {
            checkName(name);
            cluster = cluster == null ? ClusterMode.AUTO : cluster;
            user = blankToNull(user);
            passwordEnv = blankToNull(passwordEnv);
        }

        /** A plain-TCP profile for {@code host:port}, default user, no password, cluster mode auto. */
        public static Profile of(String name, String host, int port) {
            return new Profile(name, host, port, 0, null, null, false, false, null, null, null, false,
                    ClusterMode.AUTO);
        }

        /** The endpoint it names; a password variable is read from {@code env}. */
        public ValkeyEndpoint endpoint(Map<String, String> env) {
            ValkeyEndpoint ep = withoutPassword();
            return passwordEnv == null ? ep : ep.withPasswordFromEnv(passwordEnv, env);
        }

        /** The server URI without password, e.g. {@code valkeys://vst@db1:6380/0}; refuses wrong fields. */
        public String uri() {
            return withoutPassword().toUri();
        }

        /** The endpoint without its password; refuses a wrong host, port, database or TLS pair. */
        ValkeyEndpoint withoutPassword() {
            ValkeyEndpoint ep = new ValkeyEndpoint(host, port, db, user, null, false, null, null, null, false,
                    cluster);
            return tls ? ep.withTls(tlsCa, tlsCert, tlsKey, insecure) : ep;
        }
    }

    private final Path directory;

    /** The profiles in {@code directory}. */
    public EndpointProfiles(Path directory) {
        this.directory = directory;
    }

    /** The user's profiles, in the config directory the environment names (see the class comment). */
    public static EndpointProfiles user() {
        return new EndpointProfiles(defaultDirectory());
    }

    static Path defaultDirectory() {
        return DatasetHome.fromEnvironment().configDir().resolve("profiles");
    }

    /** The directory the profile files live in. */
    public Path directory() {
        return directory;
    }

    /** The names of the profiles there, sorted; none when the directory does not exist. */
    public List<String> names() {
        TreeSet<String> out = new TreeSet<>();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                n = n.substring(0, n.length() - SUFFIX.length());
                if (n.matches(NAME_FORM) && Files.isRegularFile(f)) {
                    out.add(n);
                }
            }
        } catch (IOException e) {
            throw new VstException(VstException.Kind.INVALID_INPUT, "Cannot list connection profiles in " + directory
                    + ": " + e.getMessage(), "check that the directory is readable", e);
        }
        return new ArrayList<>(out);
    }

    /** Loads profile {@code name} as an endpoint, reading a password variable from {@code env}. */
    public ValkeyEndpoint endpoint(String name, Map<String, String> env) {
        return read(name).endpoint(env);
    }

    static ValkeyEndpoint load(String name, Path directory, Map<String, String> env) {
        return new EndpointProfiles(directory).endpoint(name, env);
    }

    /** Reads profile {@code name}; a missing, unreadable or wrong file is invalid input with a hint. */
    public Profile read(String name) {
        Path file = file(name);
        if (!Files.isRegularFile(file)) {
            throw VstException.invalidInput("No connection profile '" + name + "' (looked for " + file + ")",
                    "create " + file + " with host, port and optionally user, password_env, tls, cluster");
        }
        Map<?, ?> map;
        try {
            Object doc = new Load(LoadSettings.builder().build()).loadFromString(
                    Files.readString(file, StandardCharsets.UTF_8));
            if (!(doc instanceof Map<?, ?> m)) {
                throw VstException.invalidInput("Profile " + file + " is not a mapping of settings",
                        "write one 'key: value' per line");
            }
            map = m;
        } catch (IOException | YamlEngineException e) {
            throw new VstException(VstException.Kind.INVALID_INPUT, "Cannot read profile " + file + ": "
                    + e.getMessage(), "check the YAML syntax", e);
        }
        if (map.containsKey("password")) {
            throw VstException.invalidInput("Profile " + file + " holds a plain password",
                    "remove 'password' and name an environment variable with 'password_env: VAR'");
        }
        Set<String> unknown = new TreeSet<>();
        for (Object k : map.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                unknown.add(String.valueOf(k));
            }
        }
        if (!unknown.isEmpty()) {
            throw VstException.invalidInput("Profile " + file + " has unknown settings " + unknown,
                    "known settings: " + new TreeSet<>(KEYS));
        }
        return new Profile(name, text(map, "host", "127.0.0.1"), number(map, "port", ValkeyEndpoint.DEFAULT_PORT, file),
                number(map, "db", 0, file), text(map, "user", null), text(map, "password_env", null),
                flag(map, "password_prompt"), flag(map, "tls"), path(map, "tls_ca"), path(map, "tls_cert"),
                path(map, "tls_key"), flag(map, "insecure"), ClusterMode.parse(text(map, "cluster", "auto")));
    }

    /**
     * Writes {@code p} to its file (replacing one of the same name), creating the directory when needed;
     * returns the file. Only the settings are written, never a password.
     */
    public Path write(Profile p) {
        // Checked as the reader checks, so that a profile written here can always be read back.
        p.withoutPassword();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("host", p.host());
        root.put("port", p.port());
        if (p.db() != 0) {
            root.put("db", p.db());
        }
        putIf(root, "user", p.user());
        putIf(root, "password_env", p.passwordEnv());
        if (p.passwordPrompt()) {
            root.put("password_prompt", true);
        }
        if (p.tls()) {
            root.put("tls", true);
            putIf(root, "tls_ca", p.tlsCa());
            putIf(root, "tls_cert", p.tlsCert());
            putIf(root, "tls_key", p.tlsKey());
            if (p.insecure()) {
                root.put("insecure", true);
            }
        }
        root.put("cluster", p.cluster().name().toLowerCase(Locale.ROOT));
        String text = "# vst connection profile (vst --profile " + p.name() + "); never holds a password\n"
                + new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(root);
        Path file = file(p.name());
        try {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, "." + p.name(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new VstException(VstException.Kind.INVALID_INPUT, "Cannot write profile " + file + ": "
                    + e.getMessage(), "check that " + directory + " is writable", e);
        }
        return file;
    }

    /** Deletes profile {@code name}; nothing happens when there is none. */
    public void delete(String name) {
        Path file = file(name);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new VstException(VstException.Kind.INVALID_INPUT, "Cannot delete profile " + file + ": "
                    + e.getMessage(), "check that " + directory + " is writable", e);
        }
    }

    private Path file(String name) {
        checkName(name);
        return directory.resolve(name + SUFFIX);
    }

    private static void checkName(String name) {
        if (name == null || !name.matches(NAME_FORM)) {
            throw VstException.invalidInput("Profile name '" + name + "' is not valid",
                    "use letters, digits, '.', '_' and '-' only");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static void putIf(Map<String, Object> root, String key, Object value) {
        if (value != null) {
            root.put(key, value.toString());
        }
    }

    private static String text(Map<?, ?> map, String key, String fallback) {
        Object v = map.get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    private static boolean flag(Map<?, ?> map, String key) {
        return Boolean.parseBoolean(text(map, key, "false"));
    }

    private static Path path(Map<?, ?> map, String key) {
        String v = text(map, key, null);
        return v == null ? null : Path.of(v.replaceFirst("^~", System.getProperty("user.home")));
    }

    private static int number(Map<?, ?> map, String key, int fallback, Path file) {
        String v = text(map, key, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw VstException.invalidInput("Setting '" + key + "' in " + file + " is not a number: " + v,
                    "write e.g. " + key + ": " + fallback);
        }
    }
}
