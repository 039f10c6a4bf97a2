package io.vst.valkey;

import io.vst.VstException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads named connection profiles, {@code ~/.config/vst/profiles/<name>.yaml}:
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
 */
final class EndpointProfiles {

    static final Set<String> KEYS = Set.of("host", "port", "db", "user", "password_env", "tls", "tls_ca",
            "tls_cert", "tls_key", "insecure", "cluster");

    private EndpointProfiles() {
    }

    static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".config", "vst", "profiles");
    }

    static ValkeyEndpoint load(String name, Path directory, Map<String, String> env) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw VstException.invalidInput("Profile name '" + name + "' is not valid",
                    "use letters, digits, '.', '_' and '-' only");
        }
        Path file = directory.resolve(name + ".yaml");
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
        String host = text(map, "host", "127.0.0.1");
        int port = number(map, "port", ValkeyEndpoint.DEFAULT_PORT, file);
        int db = number(map, "db", 0, file);
        String user = text(map, "user", null);
        ValkeyEndpoint ep = new ValkeyEndpoint(host, port, db, user, null, false, null, null, null, false,
                ClusterMode.parse(text(map, "cluster", "auto")));
        if (Boolean.parseBoolean(text(map, "tls", "false"))) {
            ep = ep.withTls(path(map, "tls_ca"), path(map, "tls_cert"), path(map, "tls_key"),
                    Boolean.parseBoolean(text(map, "insecure", "false")));
        }
        String passwordEnv = text(map, "password_env", null);
        if (passwordEnv != null) {
            ep = ep.withPasswordFromEnv(passwordEnv, env);
        }
        return ep;
    }

    private static String text(Map<?, ?> map, String key, String fallback) {
        Object v = map.get(key);
        return v == null ? fallback : String.valueOf(v);
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
