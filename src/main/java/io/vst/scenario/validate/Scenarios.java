package io.vst.scenario.validate;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.SourceSpan;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.yaml.ParseResult;
import io.vst.scenario.yaml.ScenarioReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where scenarios come from: a file path or the name of a built-in scenario, as the CLI accepts them.
 *
 * <pre>
 * ParseResult r = Scenarios.load("quickstart", ValidationOptions.defaults());   // built-in
 * ParseResult f = Scenarios.load("my.yaml", ValidationOptions.defaults());      // file
 * </pre>
 */
public final class Scenarios {

    private static final String RESOURCE_DIR = "/vst/config/scenarios/";
    private static final List<String> BUILTINS = List.of("quickstart", "continuous_growth", "grow_shrink_grow",
            "mixed_workload", "memory_growth_analysis", "performance_regression", "memory_leak_detection",
            "high_velocity_ingestion", "vector_expansion_memory_impact", "memory_fragmentation_analysis",
            "production_simulation", "index_rebuild_memory_pattern", "capacity_probe");

    private Scenarios() {
    }

    /**
     * Reads and validates a scenario file or built-in; all diagnostics (reading and validation) are in the
     * result. An existing file wins over a built-in of the same name. Never throws for user mistakes.
     */
    public static ParseResult load(String fileOrBuiltin, ValidationOptions opts) {
        return load(fileOrBuiltin, opts, SchemaRegistry.builtin());
    }

    /** As {@link #load(String, ValidationOptions)} with a registry that may know plugin workloads. */
    public static ParseResult load(String fileOrBuiltin, ValidationOptions opts, SchemaRegistry registry) {
        ParseResult read = readOnly(fileOrBuiltin);
        if (read.tree() == null) {
            return read;
        }
        return read.withMore(new ScenarioValidator(registry, opts).validate(read));
    }

    /** Reads without validating: a file when one exists at that path, else a built-in. */
    public static ParseResult readOnly(String fileOrBuiltin) {
        Path path = Path.of(fileOrBuiltin);
        if (Files.isRegularFile(path)) {
            return ScenarioReader.read(path);
        }
        String name = builtinName(fileOrBuiltin);
        if (BUILTINS.contains(name)) {
            return ScenarioReader.read(builtinText(name), "config/scenarios/" + name + ".yaml");
        }
        String hint = "built-in scenarios: " + String.join(", ", BUILTINS);
        String message = Files.isDirectory(path) ? "'" + fileOrBuiltin + "' is a directory, not a scenario file"
                : "No scenario file or built-in scenario named '" + fileOrBuiltin + "'"
                        + Suggestions.didYouMean(name, BUILTINS);
        return new ParseResult(null, List.of(Diagnostic.error(SourceSpan.at(fileOrBuiltin, 0, 0), message, hint)));
    }

    private static String builtinName(String arg) {
        String n = arg.endsWith(".yaml") ? arg.substring(0, arg.length() - 5) : arg;
        int slash = n.lastIndexOf('/');
        return slash >= 0 && n.startsWith("config/scenarios/") ? n.substring(slash + 1) : n;
    }

    /** Names of the built-in scenarios, quickstart first. */
    public static List<String> builtinNames() {
        return BUILTINS;
    }

    /** The YAML text of a built-in scenario. */
    public static String builtinText(String name) {
        if (!BUILTINS.contains(name)) {
            throw new io.vst.VstException(io.vst.VstException.Kind.INVALID_INPUT,
                    "No built-in scenario named '" + name + "'" + Suggestions.didYouMean(name, BUILTINS),
                    "built-in scenarios: " + String.join(", ", BUILTINS));
        }
        try (InputStream in = Scenarios.class.getResourceAsStream(RESOURCE_DIR + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("built-in scenario resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every diagnostic formatted, one per line group, in order. */
    public static List<String> format(List<Diagnostic> diagnostics) {
        List<String> out = new ArrayList<>();
        diagnostics.forEach(d -> out.add(d.format()));
        return out;
    }
}
