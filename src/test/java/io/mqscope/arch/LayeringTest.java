package io.mqscope.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shape of ARCHITECTURE.md, checked on the production classes; each rule is proven to bite elsewhere. */
@AnalyzeClasses(packages = LayeringTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    static final String ROOT = "io.mqscope";

    @ArchTest
    static final ArchRule layers = ArchitectureRules.layers(ROOT);

    @ArchTest
    static final ArchRule wire_depends_only_on_java = ArchitectureRules.wireUsesOnlyJava(ROOT);

    @ArchTest
    static final ArchRule packages_are_free_of_cycles = ArchitectureRules.noCycles(ROOT);

    @ArchTest
    static final ArchRule only_ui_imports_ui_libraries = ArchitectureRules.onlyUiUsesUiLibraries(ROOT);

    @ArchTest
    static final ArchRule only_session_imports_hivemq_client = ArchitectureRules.onlySessionUsesHiveMqClient(ROOT);

    @ArchTest
    static final ArchRule only_cli_prints = ArchitectureRules.onlyCliUsesStandardStreams(ROOT);

    @ArchTest
    static final ArchRule views_do_no_file_io = ArchitectureRules.viewsDoNoFileIo();
}
