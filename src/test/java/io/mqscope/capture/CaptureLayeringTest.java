package io.mqscope.capture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** ARCHITECTURE.md: capture uses wire and nothing else of ours, and no library (until the project-wide rule). */
@AnalyzeClasses(packages = "io.mqscope.capture", importOptions = ImportOption.DoNotIncludeTests.class)
class CaptureLayeringTest {

    @ArchTest
    static final ArchRule capture_depends_only_on_wire_and_the_jdk = classes()
            .that().resideInAPackage("io.mqscope.capture..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.mqscope.capture..", "io.mqscope.wire..",
                    "java..");
}
