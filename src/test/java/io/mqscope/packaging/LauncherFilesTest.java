package io.mqscope.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The launchers `mvn package` writes beside the jar (target/mqscope, target/mqscope.cmd) come from the templates in
 * src/main/launcher and the --java-options of packaging/app-image.options. Surefire runs before package, so this
 * checks the inputs; .ci/run calls the generated target/mqscope after `mvn verify`.
 */
class LauncherFilesTest {

    private static final Path TEMPLATES = Path.of("src/main/launcher");

    @Test
    void launcher_options_are_the_packaged_apps_java_options_in_order() throws IOException {
        String options = Dist.launcherOptions(Dist.options(Path.of("packaging/app-image.options")));

        assertThat(options.split(" ")).startsWith("-Dfile.encoding=UTF-8", "-XX:+UseParallelGC")
                .contains("-XX:TieredStopAtLevel=1")
                // JVM warnings (an unusable class-data archive) must not reach stdout: --json output stays JSON
                .contains("-Xlog:all=off", "-Xlog:all=warning:stderr")
                .doesNotContain("--main-class", "io.mqscope.cli.Main");
    }

    @Test
    void subcommands_take_the_serial_collector_and_every_other_option_of_the_window() throws IOException {
        List<String> window = Dist.options(Path.of("packaging/app-image.options"));
        String cli = Dist.launcherOptions(Dist.replaced(window,
                Dist.options(Path.of("packaging", Dist.CLI_OPTIONS_FILE))));

        assertThat(cli.split(" ")).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MinHeapSize=32m",
                "-XX:InitialHeapSize=32m").doesNotContain("-XX:+UseParallelGC", "-XX:InitialHeapSize=64m");
        assertThat(Dist.launcherOptions(window).split(" ")).contains("-XX:InitialHeapSize=64m");
        assertThat(cli.split(" ")).hasSize(Dist.launcherOptions(window).split(" ").length);
    }

    @Test
    void an_override_replaces_the_same_flag_property_size_or_any_collector() {
        List<String> base = List.of("--main-class", "x.Main", "--java-options", "-XX:+UseParallelGC",
                "--java-options", "-XX:TieredStopAtLevel=1", "--java-options", "-Da.b=1", "--java-options", "-Xms32m",
                "--java-options", "-Xlog:all=off");
        List<String> overrides = List.of("--java-options", "-XX:+UseSerialGC", "--java-options",
                "-XX:TieredStopAtLevel=4", "--java-options", "-Da.b=2", "--java-options", "-Xms8m");

        assertThat(Dist.launcherOptions(Dist.replaced(base, overrides)))
                .isEqualTo("-Xlog:all=off -XX:+UseSerialGC -XX:TieredStopAtLevel=4 -Da.b=2 -Xms8m");
        assertThat(Dist.replaced(base, List.of())).isEqualTo(base);
    }

    @Test
    void only_java_options_are_taken_and_a_value_a_shell_would_change_is_refused() {
        assertThat(Dist.launcherOptions(List.of("--main-class", "x.Main", "--java-options", "-Xms32m",
                "--java-options", "-Dmqscope.lang=zh-CN"))).isEqualTo("-Xms32m -Dmqscope.lang=zh-CN");
        // $APPDIR is jpackage's, and a space would split the option in both sh and cmd.
        assertThatThrownBy(() -> Dist.launcherOptions(List.of("--java-options",
                "-XX:SharedArchiveFile=$APPDIR/mqscope.jsa"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dist.launcherOptions(List.of("--java-options", "-Da=b c")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void posix_launcher_finds_the_jar_beside_itself_and_passes_every_argument() throws IOException {
        String sh = Files.readString(TEMPLATES.resolve("mqscope"));

        assertThat(sh).startsWith("#!/bin/sh\n").doesNotContain("\r")
                .contains("while [ -h \"$self\" ]", "dirname -- \"$self\"")
                .contains("exec \"$java\" " + Dist.CLI_JVM_OPTIONS_TOKEN
                        + " ${cds:+\"$cds\"} -jar \"$dir/mqscope.jar\" \"$@\"")
                // the window (no arguments, --smoke-test) takes JavaFX from the module path and its own class
                // archive; subcommands do not
                .contains("--smoke-test*) window=1", "[ $# -eq 0 ] && window=1", "archive mqscope-window.jsa",
                        "archive mqscope.jsa", "exec \"$java\" " + Dist.JVM_OPTIONS_TOKEN
                        + " ${cds:+\"$cds\"} --module-path \"$dir/javafx\" --add-modules "
                        + Dist.FX_MODULES_TOKEN + " -jar \"$dir/mqscope.jar\" \"$@\"");
        assertThat(Dist.LAUNCHERS).containsExactly("mqscope", "mqscope.cmd");
    }

    @Test
    void windows_launcher_finds_the_jar_beside_itself_and_passes_every_argument() throws IOException {
        String cmd = Files.readString(TEMPLATES.resolve("mqscope.cmd"));

        assertThat(cmd).startsWith("@echo off")
                .contains("\"%JAVA%\" " + Dist.CLI_JVM_OPTIONS_TOKEN + " -jar \"%~dp0mqscope.jar\" %*")
                .contains("exit /b %ERRORLEVEL%")
                .contains("if not defined ARG1 set \"FX=1\"", "\"%ARG1:~0,12%\"==\"--smoke-test\"",
                        "\"%JAVA%\" " + Dist.JVM_OPTIONS_TOKEN + " --module-path \"%~dp0javafx\" --add-modules "
                        + Dist.FX_MODULES_TOKEN + " -jar \"%~dp0mqscope.jar\" %*");
    }
}
