package io.vst;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package map of DESIGN.md §2 and README "Architecture", checked on the compiled production
 * classes. Every rule must match classes: ArchUnit's default fails a rule that matches none, and no
 * archunit.properties turns that off; {@link #importerSeesTheProductionClasses()} proves the import
 * itself read the production classes.
 */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vst");

    /** Fewer classes means the importer read the wrong place (about 430 today, nested ones included). */
    private static final int CLASS_FLOOR = 300;

    @Test
    void importerSeesTheProductionClasses() {
        assertThat(PRODUCTION.size()).as("classes imported from io.vst").isGreaterThan(CLASS_FLOOR);
        assertThat(PRODUCTION.contain("io.vst.cli.Main")).as("io.vst.cli.Main imported").isTrue();
        assertThat(PRODUCTION.contain("io.vst.engine.Runner")).as("io.vst.engine.Runner imported").isTrue();
        assertThat(PRODUCTION.contain(ArchitectureTest.class)).as("test classes left out").isFalse();
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : PRODUCTION) {
            packages.add(c.getPackageName());
        }
        assertThat(packages).contains("io.vst", "io.vst.units", "io.vst.scenario", "io.vst.scenario.yaml",
                "io.vst.scenario.schema",
                "io.vst.scenario.validate", "io.vst.valkey", "io.vst.valkey.resp", "io.vst.valkey.server",
                "io.vst.dataset", "io.vst.metrics", "io.vst.rundir", "io.vst.report", "io.vst.workload",
                "io.vst.engine", "io.vst.cli", "io.vst.gui", "io.vst.gui.run");
    }

    /**
     * The layers, lowest first: the floor (units, model, Valkey adapter, datasets) knows nothing above it;
     * metrics reads the server; the run directory's format (rundir) and report, which turns recorded
     * figures into files, know no engine, workload or Valkey; workloads drive the server; the engine
     * runs a plan; the faces use them all.
     */
    @Test
    void layersOnlyReachDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Floor").definedBy("io.vst", "io.vst.units..", "io.vst.scenario..", "io.vst.valkey..",
                        "io.vst.dataset..")
                .layer("Metrics").definedBy("io.vst.metrics..")
                .layer("RunDir").definedBy("io.vst.rundir..")
                .layer("Report").definedBy("io.vst.report..")
                .layer("Workload").definedBy("io.vst.workload..")
                .layer("Engine").definedBy("io.vst.engine..")
                .layer("Faces").definedBy("io.vst.cli..", "io.vst.gui..")
                .whereLayer("Faces").mayNotBeAccessedByAnyLayer()
                .whereLayer("Engine").mayOnlyBeAccessedByLayers("Faces")
                .whereLayer("Workload").mayOnlyBeAccessedByLayers("Engine", "Faces")
                .whereLayer("Report").mayOnlyBeAccessedByLayers("Engine", "Faces")
                .whereLayer("RunDir").mayOnlyBeAccessedByLayers("Report", "Engine", "Faces")
                .whereLayer("Metrics").mayOnlyBeAccessedByLayers("RunDir", "Report", "Workload", "Engine", "Faces")
                .check(PRODUCTION);
    }

    /**
     * Inside scenario: the model is the floor; the YAML reader and the schema registry build on the model
     * only and know nothing of each other; the validator uses all three and nothing in scenario uses it.
     */
    @Test
    void scenarioSubPackagesOnlyReachDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Model").definedBy("io.vst.scenario")
                .layer("Yaml").definedBy("io.vst.scenario.yaml..")
                .layer("Schema").definedBy("io.vst.scenario.schema..")
                .layer("Validate").definedBy("io.vst.scenario.validate..")
                .whereLayer("Validate").mayNotBeAccessedByAnyLayer()
                .whereLayer("Yaml").mayOnlyBeAccessedByLayers("Validate")
                .whereLayer("Schema").mayOnlyBeAccessedByLayers("Validate")
                .check(PRODUCTION);
    }

    /**
     * Inside valkey: the wire (RESP, pipelines, error mapping) is the floor; the client facade uses it; the
     * servers vst starts use both, and neither the facade nor the wire knows them.
     */
    @Test
    void valkeySubPackagesOnlyReachDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Resp").definedBy("io.vst.valkey.resp..")
                .layer("Client").definedBy("io.vst.valkey")
                .layer("Server").definedBy("io.vst.valkey.server..")
                .whereLayer("Server").mayNotBeAccessedByAnyLayer()
                .whereLayer("Client").mayOnlyBeAccessedByLayers("Server")
                .check(PRODUCTION);
    }

    @Test
    void reportKnowsNoValkey() {
        noClasses().that().resideInAnyPackage("io.vst.report..", "io.vst.rundir..")
                .should().dependOnClassesThat().resideInAPackage("io.vst.valkey..")
                .check(PRODUCTION);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.vst.(**)").should().beFreeOfCycles().check(PRODUCTION);
    }

    /** Every package states its charter (README "Architecture" lists them); the sources are read from disk. */
    @Test
    void everyPackageHasACharter() throws IOException {
        Path root = Path.of("src/main/java/io/vst");
        assertThat(root).isDirectory();
        List<Path> packages;
        try (Stream<Path> dirs = Files.walk(root)) {
            packages = dirs.filter(Files::isDirectory).filter(ArchitectureTest::holdsJava).toList();
        }
        assertThat(packages).hasSizeGreaterThan(10)
                .allSatisfy(dir -> assertThat(dir.resolve("package-info.java")).isRegularFile());
    }

    private static boolean holdsJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void onlyValkeyPackageImportsJedis() {
        noClasses().that().resideOutsideOfPackage("io.vst.valkey..")
                .should().dependOnClassesThat().resideInAPackage("redis.clients..")
                .check(PRODUCTION);
    }

    @Test
    void onlyGuiPackageImportsSwing() {
        noClasses().that().resideOutsideOfPackage("io.vst.gui..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.swing..", "com.formdev..",
                        "org.fife..", "net.miginfocom..")
                .check(PRODUCTION);
    }

    @Test
    void guiDoesNotDependOnCli() {
        noClasses().that().resideInAPackage("io.vst.gui..")
                .should().dependOnClassesThat().resideInAPackage("io.vst.cli..")
                .check(PRODUCTION);
    }
}
