package io.vst.dataset;

import io.vst.VstException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The dataset catalog: the built-in {@code config/datasets.yaml} (on the classpath as
 * {@code /vst/config/datasets.yaml}) overlaid by the user's {@code datasets.yaml}, whose entries
 * replace built-in ones of the same name. Generated and imported datasets are recorded in the user file.
 *
 * <pre>{@code
 * DatasetCatalog catalog = DatasetCatalog.load(DatasetHome.fromEnvironment());
 * catalog.find("sift-128-euclidean").ifPresent(e -> System.out.println(e.url()));
 * }</pre>
 */
public final class DatasetCatalog {

    static final String BUILT_IN = "/vst/config/datasets.yaml";

    private final DatasetHome home;
    private final Map<String, CatalogEntry> entries;
    private final Map<String, Boolean> fromUser;

    private DatasetCatalog(DatasetHome home, Map<String, CatalogEntry> entries, Map<String, Boolean> fromUser) {
        this.home = home;
        this.entries = entries;
        this.fromUser = fromUser;
    }

    public static DatasetCatalog load(DatasetHome home) {
        Map<String, CatalogEntry> all = new LinkedHashMap<>();
        Map<String, Boolean> user = new LinkedHashMap<>();
        try (InputStream in = DatasetCatalog.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw VstException.runtime("Built-in dataset catalog " + BUILT_IN + " is missing from the build", null);
            }
            parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in catalog").forEach((k, v) -> {
                all.put(k, v);
                user.put(k, false);
            });
        } catch (IOException e) {
            throw VstException.runtime("Cannot read the built-in dataset catalog: " + e.getMessage(), e);
        }
        Path file = home.userCatalog();
        if (Files.isRegularFile(file)) {
            parse(read(file), file.toString()).forEach((k, v) -> {
                all.put(k, v);
                user.put(k, true);
            });
        }
        return new DatasetCatalog(home, all, user);
    }

    public DatasetHome home() {
        return home;
    }

    public Optional<CatalogEntry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** All entries, built-in first, in file order. */
    public List<CatalogEntry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(entries.values()));
    }

    /** True when the entry comes from (or is overridden by) the user's catalog. */
    public boolean isUserEntry(String name) {
        return fromUser.getOrDefault(name, false);
    }

    /** Resolves a catalog file name against the data directory. */
    public Path resolve(String file) {
        Path p = Path.of(file);
        return p.isAbsolute() ? p : home.dataDir().resolve(p);
    }

    /** Adds or replaces {@code entry} in the user's catalog file (written atomically). */
    public void record(CatalogEntry entry) {
        Path file = home.userCatalog();
        Map<String, Object> datasets = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            parse(read(file), file.toString()).forEach((k, v) -> datasets.put(k, v.toMap()));
        }
        datasets.put(entry.name(), entry.toMap());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("datasets", datasets);
        String yaml = "# vst user dataset catalog: entries here extend or replace the built-in ones.\n"
                + new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(root);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw VstException.runtime("Cannot write the user dataset catalog " + file + ": " + e.getMessage(), e);
        }
        entries.put(entry.name(), entry);
        fromUser.put(entry.name(), true);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VstException.invalidInput("Cannot read dataset catalog " + file + ": " + e.getMessage(), null);
        }
    }

    static Map<String, CatalogEntry> parse(String yaml, String origin) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(origin).build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw VstException.invalidInput("Dataset catalog " + origin + " is not valid YAML: " + e.getMessage(), null);
        }
        Map<String, CatalogEntry> out = new LinkedHashMap<>();
        if (root == null) {
            return out;
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("datasets") instanceof Map<?, ?> ds)) {
            throw VstException.invalidInput("Dataset catalog " + origin + " must have a top-level 'datasets:' mapping",
                    "see config/datasets.yaml for the layout");
        }
        for (Map.Entry<?, ?> e : ds.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Map<?, ?> m)) {
                throw VstException.invalidInput("Dataset catalog " + origin + ": entry '" + name + "' must be a mapping",
                        null);
            }
            out.put(name, CatalogEntry.fromMap(name, m, origin));
        }
        return out;
    }
}
