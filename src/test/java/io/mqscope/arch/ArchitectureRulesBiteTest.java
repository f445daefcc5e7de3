package io.mqscope.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link LayeringTest} reports a breach. Each fixture tree under {@code io.mqscope.arch.fixtures.<name>}
 * mimics our package names (wire, tap, session, ui, ...) and holds allowed classes next to offending ones; the rule is
 * built by the same {@link ArchitectureRules} method with the fixture tree as root, and the test asserts that exactly
 * the offending classes are reported: the rule bites, and it does not bite the allowed ones.
 */
class ArchitectureRulesBiteTest {

    private static final String FIXTURES = "io.mqscope.arch.fixtures";

    @Test
    void layers_report_arrows_that_point_up_or_sideways_and_classes_outside_every_layer() {
        String root = FIXTURES + ".layers";
        // Fixture trees hold only the layers they need; emptiness is checked separately below.
        EvaluationResult result = ArchitectureRules.layers(root).withOptionalLayers(true).evaluate(fixtures(root));

        assertThat(violatingOrigins(result)).containsExactlyInAnyOrder(
                root + ".tap.RelayThatKnowsTheSession",
                root + ".payload.PayloadThatStartsABroker",
                root + ".misc.Stray");
    }

    @Test
    void layers_report_a_named_package_that_does_not_exist() {
        String root = FIXTURES + ".layers";
        EvaluationResult result = ArchitectureRules.layers(root).evaluate(fixtures(root));

        // The fixture tree has no profile, auth, store, ui or cli package: each is reported. check and capture are
        // optional layers (planned in ARCHITECTURE.md) and must not be.
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("Layer 'profile' is empty", "Layer 'auth' is empty", "Layer 'store' is empty",
                        "Layer 'ui' is empty", "Layer 'cli' is empty")
                .doesNotContain("Layer 'check'", "Layer 'capture'", "Layer 'wire'", "Layer 'tap'");
    }

    @Test
    void wire_reports_a_dependency_on_anything_but_java() {
        String root = FIXTURES + ".purewire";
        EvaluationResult result = ArchitectureRules.wireUsesOnlyJava(root).evaluate(fixtures(root));

        assertThat(violatingOrigins(result)).containsExactly(root + ".wire.DecoderWithJackson");
        assertThat(violatingTargets(result)).containsExactly("com.fasterxml.jackson.databind.ObjectMapper");
    }

    @Test
    void cycles_between_packages_are_reported() {
        String root = FIXTURES + ".cycle";
        EvaluationResult result = ArchitectureRules.noCycles(root).evaluate(fixtures(root));

        assertThat(result.hasViolation()).isTrue();
        assertThat(violatingOrigins(result)).containsExactlyInAnyOrder(root + ".session.Session", root + ".store.Log");
    }

    @Test
    void each_ui_library_outside_ui_is_reported() {
        String root = FIXTURES + ".fx";
        EvaluationResult result = ArchitectureRules.onlyUiUsesUiLibraries(root).evaluate(fixtures(root));

        assertThat(violatingOrigins(result)).containsExactly(root + ".store.StoreWithUiLibraries");
        assertThat(violatingTargets(result)).contains(
                "javafx.beans.property.SimpleStringProperty",
                "org.controlsfx.control.ToggleSwitch",
                "atlantafx.base.theme.PrimerLight",
                "org.fxmisc.richtext.CodeArea",
                "org.fxmisc.flowless.VirtualizedScrollPane",
                "org.kordamp.ikonli.javafx.FontIcon");
    }

    @Test
    void the_hivemq_client_outside_session_is_reported() {
        String root = FIXTURES + ".hivemq";
        EvaluationResult result = ArchitectureRules.onlySessionUsesHiveMqClient(root).evaluate(fixtures(root));

        assertThat(violatingOrigins(result)).containsExactly(root + ".tap.RelayWithHiveMqClient");
    }

    @Test
    void standard_streams_outside_cli_are_reported() {
        String root = FIXTURES + ".stdout";
        EvaluationResult result = ArchitectureRules.onlyCliUsesStandardStreams(root).evaluate(fixtures(root));

        assertThat(violatingOrigins(result)).containsExactlyInAnyOrder(
                root + ".ui.AppThatPrints", root + ".store.LogThatPrintsErrors");
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("java.lang.System.out", "java.lang.System.err", "printStackTrace");
    }

    @Test
    void file_io_in_a_view_or_its_nested_classes_is_reported() {
        String root = FIXTURES + ".views";
        EvaluationResult result = ArchitectureRules.viewsDoNoFileIo().evaluate(fixtures(root));

        assertThat(violatingOrigins(result)).containsExactlyInAnyOrder(
                root + ".ui.SaveView", root + ".ui.HistoryView$Cell");
    }

    private static JavaClasses fixtures(String root) {
        JavaClasses classes = new ClassFileImporter().importPackages(root);
        assertThat(classes).as("fixture classes under %s", root).isNotEmpty();
        return classes;
    }

    /** The classes a violation starts from: a dependency's origin, or a class that breaks a rule by itself. */
    private static Set<String> violatingOrigins(EvaluationResult result) {
        Set<String> origins = new TreeSet<>();
        violatingDependencies(result).forEach(d -> origins.add(d.getOriginClass().getName()));
        result.<JavaClass>handleViolations((classes, message) -> classes.forEach(c -> origins.add(c.getName())));
        return origins;
    }

    private static Set<String> violatingTargets(EvaluationResult result) {
        Set<String> targets = new TreeSet<>();
        violatingDependencies(result).forEach(d -> targets.add(d.getTargetClass().getName()));
        return targets;
    }

    private static List<Dependency> violatingDependencies(EvaluationResult result) {
        List<Dependency> dependencies = new ArrayList<>();
        result.<Dependency>handleViolations((found, message) -> dependencies.addAll(found));
        return dependencies;
    }
}
