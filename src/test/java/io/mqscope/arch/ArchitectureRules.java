package io.mqscope.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The rules of ARCHITECTURE.md, written once over a root package. {@link LayeringTest} applies them to
 * {@code io.mqscope}; {@link ArchitectureRulesBiteTest} applies the very same definitions to small fixture trees under
 * {@code io.mqscope.arch.fixtures.*} that mimic our package names, so every rule is shown to report a breach.
 */
final class ArchitectureRules {

    static final String[] UI_LIBRARIES = {
        "javafx..", "org.controlsfx..", "atlantafx..", "org.fxmisc..", "org.kordamp.ikonli.."
    };

    private ArchitectureRules() {
    }

    /**
     * Arrows point one way. The arrows are today's imports, which match ARCHITECTURE.md: ui and cli use everything
     * below them (cli also starts ui); session (and check, once it exists) uses tap, profile, auth, payload, wire;
     * capture (once it exists) uses wire; store records what session and tap report; broker reads a profile; wire
     * uses nothing of ours. Every class must sit in a layer, so a new package has to be placed here.
     */
    static LayeredArchitecture layers(String root) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .layer("wire").definedBy(root + ".wire..")
                .layer("payload").definedBy(root + ".payload..")
                .layer("profile").definedBy(root + ".profile..")
                .layer("auth").definedBy(root + ".auth..")
                .optionalLayer("doctor").definedBy(root + ".doctor..")
                .layer("tap").definedBy(root + ".tap..")
                .layer("session").definedBy(root + ".session..")
                .optionalLayer("check").definedBy(root + ".check..")
                .optionalLayer("capture").definedBy(root + ".capture..")
                .layer("store").definedBy(root + ".store..")
                .layer("broker").definedBy(root + ".broker..")
                .layer("ui").definedBy(root + ".ui..")
                .layer("cli").definedBy(root + ".cli..")
                .whereLayer("wire").mayNotAccessAnyLayer()
                .whereLayer("payload").mayNotAccessAnyLayer()
                .whereLayer("profile").mayOnlyAccessLayers("payload")
                .whereLayer("auth").mayOnlyAccessLayers("profile")
                .whereLayer("doctor").mayOnlyAccessLayers("wire")
                .whereLayer("tap").mayOnlyAccessLayers("profile", "wire", "doctor")
                .whereLayer("session").mayOnlyAccessLayers("tap", "profile", "auth", "payload", "wire", "doctor")
                .whereLayer("check").mayOnlyAccessLayers("tap", "profile", "auth", "payload", "wire")
                .whereLayer("capture").mayOnlyAccessLayers("wire")
                .whereLayer("store").mayOnlyAccessLayers("session", "tap", "profile", "payload", "wire")
                .whereLayer("broker").mayOnlyAccessLayers("profile")
                .whereLayer("ui").mayOnlyAccessLayers("session", "check", "capture", "store", "broker", "tap",
                        "profile", "auth", "payload", "wire", "doctor")
                .whereLayer("cli").mayOnlyAccessLayers("ui", "session", "check", "capture", "store", "broker", "tap",
                        "profile", "auth", "payload", "wire", "doctor");
    }

    /** The decoder is pure Java: no I/O library, no JavaFX, no HiveMQ, no Jackson, nothing else of ours. */
    static ArchRule wireUsesOnlyJava(String root) {
        return classes().that().resideInAPackage(root + ".wire..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".wire..", "java..")
                .as("wire depends only on java.. (and itself)");
    }

    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    static ArchRule onlyUiUsesUiLibraries(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".ui..")
                .should().dependOnClassesThat().resideInAnyPackage(UI_LIBRARIES)
                .as("only ui imports JavaFX, ControlsFX, AtlantaFX, RichTextFX/Flowless or Ikonli");
    }

    /** The relay exists because the HiveMQ client is one replaceable part: only session may know it. */
    static ArchRule onlySessionUsesHiveMqClient(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".session..")
                .should().dependOnClassesThat().resideInAPackage("com.hivemq.client..")
                .as("only session imports com.hivemq.client");
    }

    /**
     * Standard output is the CLI's contract (golden files, JSON lines); anything else printing there corrupts it.
     * ArchUnit's condition also counts {@code printStackTrace()}, which writes to System.err.
     */
    static ArchRule onlyCliUsesStandardStreams(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".cli..")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .as("no System.out/err (or printStackTrace) outside cli");
    }

    /**
     * Views run on the FX thread, where file I/O freezes the window; files are read and written by background work.
     * Nested and anonymous classes of a view count as the view.
     */
    static ArchRule viewsDoNoFileIo() {
        return noClasses().that().haveNameMatching(".*View(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("java.nio.file..")
                .as("no java.nio.file in any *View");
    }
}
