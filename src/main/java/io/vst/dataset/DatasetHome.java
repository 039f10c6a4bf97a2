package io.vst.dataset;

import java.nio.file.Path;

/**
 * Where datasets live on this machine: the data directory ({@code $VST_DATA_DIR}, else
 * {@code ~/.local/share/vst/datasets}) and the user's config directory holding the user catalog
 * ({@code $VST_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/vst}, else {@code ~/.config/vst}). The system
 * properties {@code vst.data.dir} / {@code vst.config.dir} take precedence (tests use them).
 */
public record DatasetHome(Path dataDir, Path configDir) {

    /** The user catalog file, {@code <configDir>/datasets.yaml}. */
    public Path userCatalog() {
        return configDir.resolve("datasets.yaml");
    }

    /** Resolves from system properties, then the environment, then the defaults. */
    public static DatasetHome fromEnvironment() {
        String home = System.getProperty("user.home");
        String data = first(System.getProperty("vst.data.dir"), System.getenv("VST_DATA_DIR"));
        String xdg = System.getenv("XDG_CONFIG_HOME");
        String config = first(System.getProperty("vst.config.dir"), System.getenv("VST_CONFIG_DIR"),
                xdg == null || xdg.isBlank() ? null : Path.of(xdg, "vst").toString());
        return new DatasetHome(data != null ? Path.of(data) : Path.of(home, ".local", "share", "vst", "datasets"),
                config != null ? Path.of(config) : Path.of(home, ".config", "vst"));
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
