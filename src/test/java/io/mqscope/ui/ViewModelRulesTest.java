package io.mqscope.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** STYLE.md: views bind, view models decide; view models never touch the scene graph. Views
 * touching files and printing are forbidden for the whole code base by arch.LayeringTest. */
@AnalyzeClasses(packages = "io.mqscope.ui", importOptions = ImportOption.DoNotIncludeTests.class)
class ViewModelRulesTest {

    @ArchTest
    static final ArchRule view_models_do_not_use_the_scene_graph = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .or().resideInAnyPackage("io.mqscope.ui.live..", "io.mqscope.ui.app..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..",
                    "org.controlsfx..", "org.fxmisc..", "atlantafx..", "org.kordamp..");

    /** Work runs where the one TaskExecutor says, never on a pool picked in passing. */
    @ArchTest
    static final ArchRule no_common_pool = noClasses()
            .should().callMethod(java.util.concurrent.CompletableFuture.class, "supplyAsync",
                    java.util.function.Supplier.class)
            .orShould().callMethod(java.util.concurrent.CompletableFuture.class, "runAsync", Runnable.class)
            .orShould().callMethod(java.util.concurrent.ForkJoinPool.class, "commonPool");

    @ArchTest
    static final ArchRule views_do_not_open_sessions = noClasses()
            .that().haveSimpleNameEndingWith("View")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.mqscope.session.Sessions");
}
