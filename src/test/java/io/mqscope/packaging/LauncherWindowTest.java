package io.mqscope.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 20: the window starts without JavaFX's "Unsupported JavaFX configuration" warning, because the
 * launcher runs JavaFX as named modules for it; subcommands stay as fast as before and never load JavaFX.
 * Runs the generated POSIX launcher as a subprocess over the layout `mvn package` makes (mqscope.jar, lib/, javafx/).
 * Surefire runs before the jar exists, so the layout is built here: the launcher from the real templates and
 * options (Dist.writeLaunchers), a jar whose manifest is the pom's (main class, class path, Add-Exports/Add-Opens)
 * pointing at target/classes, and the runtime dependencies the pom lists in target/runtime-classpath.txt.
 */
@EnabledOnOs(OS.LINUX)
class LauncherWindowTest {

    @TempDir
    static Path app;

    @BeforeAll
    static void layout() throws IOException {
        Dist.writeLaunchers(Path.of("src/main/launcher"), Path.of("packaging/app-image.options"), app);
        Path lib = Files.createDirectories(app.resolve("lib"));
        Path javafx = Files.createDirectories(app.resolve("javafx"));
        Files.createSymbolicLink(app.resolve("classes"), Path.of("target/classes").toAbsolutePath());
        StringBuilder classPath = new StringBuilder("classes/");
        String runtime = Files.readString(Path.of("target/runtime-classpath.txt")).strip();
        for (String entry : runtime.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            Files.createSymbolicLink(lib.resolve(name), jar);
            classPath.append(" lib/").append(name);
            if (Dist.isJavafx(name)) {
                Files.createSymbolicLink(javafx.resolve(name), jar);
            }
        }
        String pom = Files.readString(Path.of("pom.xml"));
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, "io.mqscope.cli.Main");
        main.put(Attributes.Name.CLASS_PATH, classPath.toString());
        main.putValue("Add-Exports", pomProperty(pom, "javafx.add-exports"));
        main.putValue("Add-Opens", pomProperty(pom, "javafx.add-opens"));
        try (OutputStream out = Files.newOutputStream(app.resolve("mqscope.jar"));
             JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }

    @Test
    void window_starts_with_javafx_as_named_modules_and_without_the_unsupported_configuration_warning()
            throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/xvfb-run")), "xvfb-run (.ci/run installs xvfb)");

        Run run = run(List.of("/usr/bin/xvfb-run", "-a", app.resolve("mqscope").toString(), "--smoke-test"),
                Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + app.resolve("window-classes.txt")));

        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).contains("first frame after")
                .doesNotContain("Unsupported JavaFX configuration", "unnamed module", "Exception", "Unknown module");
        // the window's JavaFX came from the module path, ControlsFX (auto-completion, notification pane) from the
        // class path, reaching the internals the jar's Add-Exports open
        List<String> classes = Files.readAllLines(app.resolve("window-classes.txt"));
        assertThat(classes).filteredOn(l -> l.contains(" javafx.scene.control.Button source:")).singleElement()
                .asString().containsPattern("source: file:.*/javafx/javafx-controls-[^/ ]*-\\w+\\.jar$");
        assertThat(classes).anyMatch(l -> l.contains(" org.controlsfx.control.NotificationPane source: file:")
                && l.contains("/lib/controlsfx-"));
    }

    @Test
    void the_broker_smoke_test_connects_the_built_in_broker_and_only_the_shown_tab_is_built() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/xvfb-run")), "xvfb-run (.ci/run installs xvfb)");
        Path log = app.resolve("broker-classes.txt");

        Run run = run(List.of("/usr/bin/xvfb-run", "-a", app.resolve("mqscope").toString(), "--smoke-test=broker"),
                Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + log));

        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).containsPattern("first frame after \\d+ ms")
                .containsPattern("built-in broker connected after \\d+ ms");
        // the broker ran inside the window's process (what the window's class archive is trained on), and the
        // hidden tabs' views were never made (issue 17: they are built when first shown)
        String classes = Files.readString(log);
        assertThat(classes).contains("com.hivemq.embedded.EmbeddedHiveMQ source: ",
                "io.mqscope.ui.messages.MessagesView source: ")
                .doesNotContain("io.mqscope.ui.packets.PacketsView source: ",
                        "io.mqscope.ui.tree.TopicTreeView source: ", "io.mqscope.ui.chart.ChartView source: ");
    }

    @Test
    void without_a_graphics_device_the_window_never_loads_opengl() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/xvfb-run")), "xvfb-run (.ci/run installs xvfb)");
        assumeFalse(io.mqscope.ui.GraphicsChoice.hasGraphicsDevice(Path.of("/dev")),
                "a machine with a graphics device lets JavaFX try OpenGL, as it should");

        // the dynamic linker names every library it loads (Xvfb's own output goes to xvfb-run's error file)
        Run run = run(List.of("/usr/bin/xvfb-run", "-a", app.resolve("mqscope").toString(), "--smoke-test"),
                Map.of("LD_DEBUG", "files"));

        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).containsPattern("first frame after \\d+ ms").contains("libglassgtk3.so")
                .doesNotContain("libGLX", "libGL.so", "libEGL", "swrast_dri", "libLLVM", "libprism_es2");
    }

    @Test
    void a_subcommand_never_loads_javafx_and_keeps_the_archived_jdk_classes() throws Exception {
        Path log = app.resolve("cli-classes.txt");
        Run run = run(List.of(app.resolve("mqscope").toString(), "decode", "--hex", "c0 00"),
                Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + log));

        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).contains("PINGREQ");
        String classes = Files.readString(log);
        assertThat(classes).contains("io.mqscope.cli.Main source: ")
                .doesNotContain("javafx.", "com.sun.javafx", "org.controlsfx")
                // no module options: the JVM still uses its archived module graph and classes
                .containsPattern("java\\.lang\\.Object source: shared objects file");
    }

    @Test
    void java_jar_keeps_working_with_javafx_on_the_class_path() throws Exception {
        Run run = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                app.resolve("mqscope.jar").toString(), "decode", "--hex", "c0 00"), Map.of());

        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).contains("PINGREQ").doesNotContain("WARNING");
    }

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path home = Files.createDirectories(app.resolve("home"));
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Path out = Files.createTempFile(app, "out", ".txt");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command + "\n" + Files.readString(out));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private static String pomProperty(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</").matcher(pom);
        assertThat(m.find()).as(name + " in pom.xml").isTrue();
        return m.group(1).strip();
    }
}
