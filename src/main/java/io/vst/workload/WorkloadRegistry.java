package io.vst.workload;

import io.vst.VstException;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.schema.WorkloadTraits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The workloads vst knows: the built-ins and those of plugins ({@link WorkloadProvider}s in jars of the
 * plugin directories), by name; and any class implementing {@link Workload} by its fully-qualified
 * name. A fresh instance per step. Immutable; any thread.
 */
public final class WorkloadRegistry {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WorkloadRegistry.class);

    private static final Pattern CLASS_NAME = Pattern.compile("[a-zA-Z_$][\\w$]*(\\.[a-zA-Z_$][\\w$]*)+");

    private static final WorkloadRegistry BUILTIN = new WorkloadRegistry(builtins(), List.of(),
            WorkloadRegistry.class.getClassLoader());

    private final Map<String, Supplier<Workload>> factories;
    private final List<WorkloadProvider> plugins;
    private final ClassLoader loader;
    private final SchemaRegistry schema;

    private WorkloadRegistry(Map<String, Supplier<Workload>> factories, List<WorkloadProvider> plugins,
                             ClassLoader loader) {
        this.factories = Collections.unmodifiableMap(new LinkedHashMap<>(factories));
        this.plugins = List.copyOf(plugins);
        this.loader = loader;
        this.schema = schema(SchemaRegistry.builtin());
    }

    private static Map<String, Supplier<Workload>> builtins() {
        Map<String, Supplier<Workload>> m = new LinkedHashMap<>();
        m.put("ingest", IngestWorkload::new);
        m.put("query", QueryWorkload::new);
        m.put("shrink", ShrinkWorkload::new);
        m.put("update", UpdateWorkload::new);
        m.put("mixed", MixedWorkload::new);
        return m;
    }

    /** Only the built-in workloads. */
    public static WorkloadRegistry builtin() {
        return BUILTIN;
    }

    /**
     * The built-ins plus every provider on the class path and in the jars of {@code pluginDirs}
     * (directories that do not exist are skipped).
     *
     * @throws VstException INVALID_INPUT when a plugin cannot be loaded or clashes with a known name
     */
    public static WorkloadRegistry withPlugins(List<Path> pluginDirs) {
        List<URL> jars = new ArrayList<>();
        for (Path dir : pluginDirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    String problem = jarProblem(jar);
                    if (problem != null) {
                        LOG.warn("Plugin jar {} skipped: {}", jar.toAbsolutePath(), problem);
                        continue;
                    }
                    jars.add(jar.toUri().toURL());
                }
            } catch (MalformedURLException e) {
                throw VstException.invalidInput("Bad plugin path in " + dir + ": " + e.getMessage(), null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list plugin directory " + dir, e);
            }
        }
        ClassLoader loader = jars.isEmpty() ? WorkloadRegistry.class.getClassLoader()
                : new URLClassLoader("vst-plugins", jars.toArray(URL[]::new), WorkloadRegistry.class.getClassLoader());
        Map<String, Supplier<Workload>> all = new LinkedHashMap<>(builtins());
        List<WorkloadProvider> found = new ArrayList<>();
        try {
            for (WorkloadProvider p : ServiceLoader.load(WorkloadProvider.class, loader)) {
                if (all.containsKey(p.name())) {
                    throw VstException.invalidInput("Plugin workload '" + p.name() + "' (" + p.getClass().getName()
                            + ") clashes with a workload of the same name", "rename the plugin's workload");
                }
                all.put(p.name(), p::create);
                found.add(p);
            }
        } catch (ServiceConfigurationError e) {
            throw VstException.invalidInput("A plugin could not be loaded: " + e.getMessage(),
                    "check the jar's META-INF/services/io.vst.workload.WorkloadProvider and its classes");
        }
        return new WorkloadRegistry(all, found, loader);
    }

    /**
     * Why {@code jar} cannot be read, or {@code null} when it is a readable jar (a jar without providers may
     * be a plugin's library, so it is not a problem).
     */
    private static String jarProblem(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            file.getManifest(); // reads the central directory and the manifest: a damaged jar fails here
            return null;
        } catch (IOException | SecurityException e) {
            return "it is not a readable jar (" + (e.getMessage() == null ? "damaged" : e.getMessage()) + ")";
        }
    }

    /** Whether {@code name} is a known workload or names a loadable Workload class. */
    public boolean knows(String name) {
        return factories.containsKey(name) || (CLASS_NAME.matcher(name).matches() && loadClass(name) != null);
    }

    public List<String> names() {
        return List.copyOf(factories.keySet());
    }

    /** The plugin providers found, in discovery order. */
    public List<WorkloadProvider> plugins() {
        return plugins;
    }

    /** The scenario schema with every plugin workload's parameters added to {@code base}. */
    public SchemaRegistry schema(SchemaRegistry base) {
        SchemaRegistry r = base;
        for (WorkloadProvider p : plugins) {
            r = r.withWorkload(p.spec());
        }
        return r;
    }

    /**
     * What workload {@code name} needs and does: a built-in's or a plugin provider's declared traits,
     * {@link WorkloadTraits#UNDECLARED} for a workload named by its class.
     */
    public WorkloadTraits traits(String name) {
        return schema.traits(name);
    }

    /** A new instance of workload {@code name} (a registered name or a Workload class name). */
    public Workload create(String name) {
        Supplier<Workload> f = factories.get(name);
        if (f != null) {
            return f.get();
        }
        Class<? extends Workload> type = CLASS_NAME.matcher(name).matches() ? loadClass(name) : null;
        if (type == null) {
            throw VstException.invalidInput("Unknown workload '" + name + "'",
                    "see 'vst workload list'; plugin jars go in ~/.config/vst/plugins or --plugins DIR");
        }
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw VstException.invalidInput("Workload class " + name + " cannot be created: " + e,
                    "it needs a public no-argument constructor");
        }
    }

    private Class<? extends Workload> loadClass(String name) {
        try {
            Class<?> c = Class.forName(name, false, loader);
            return Workload.class.isAssignableFrom(c) ? c.asSubclass(Workload.class) : null;
        } catch (ClassNotFoundException | LinkageError notLoadable) {
            // Not a class this loader can see: the caller reports the name as unknown.
            return null;
        }
    }
}
