package io.mqscope.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of ARCHITECTURE.md: arrows point one way. */
@AnalyzeClasses(packages = "io.mqscope", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule only_ui_imports_javafx = noClasses()
            .that().resideOutsideOfPackage("io.mqscope.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..",
                    "org.fxmisc..", "org.kordamp.ikonli..");

    @ArchTest
    static final ArchRule wire_uses_nothing_of_ours = noClasses()
            .that().resideInAPackage("io.mqscope.wire..")
            .should().dependOnClassesThat().resideInAnyPackage("io.mqscope..")
            .andShould().dependOnClassesThat().resideOutsideOfPackages("io.mqscope.wire..", "java..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule only_session_imports_hivemq_client = noClasses()
            .that().resideOutsideOfPackage("io.mqscope.session..")
            .should().dependOnClassesThat().resideInAPackage("com.hivemq.client..");

    @ArchTest
    static final ArchRule core_does_not_use_ui_or_cli = noClasses()
            .that().resideInAnyPackage("io.mqscope.wire..", "io.mqscope.payload..", "io.mqscope.profile..",
                    "io.mqscope.auth..", "io.mqscope.tap..", "io.mqscope.session..", "io.mqscope.store..",
                    "io.mqscope.broker..", "io.mqscope.check..")
            .should().dependOnClassesThat().resideInAnyPackage("io.mqscope.ui..", "io.mqscope.cli..", "picocli..");

    @ArchTest
    static final ArchRule lower_layers_do_not_use_session = noClasses()
            .that().resideInAnyPackage("io.mqscope.wire..", "io.mqscope.payload..", "io.mqscope.profile..",
                    "io.mqscope.auth..")
            .should().dependOnClassesThat().resideInAnyPackage("io.mqscope.session..", "io.mqscope.tap..",
                    "io.mqscope.store..");
}
