package io.vst;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of DESIGN.md §2, checked on the compiled production classes. */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vst");

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
    void engineNeverDependsOnFaces() {
        noClasses().that().resideInAnyPackage("io.vst.scenario..", "io.vst.engine..", "io.vst.workload..",
                        "io.vst.valkey..", "io.vst.dataset..", "io.vst.metrics..", "io.vst.report..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vst.cli..", "io.vst.gui..")
                .check(PRODUCTION);
    }

    @Test
    void guiDoesNotDependOnCli() {
        noClasses().that().resideInAPackage("io.vst.gui..")
                .should().dependOnClassesThat().resideInAPackage("io.vst.cli..")
                .check(PRODUCTION);
    }
}
