package io.mqscope.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqscope.packaging.Dist.Os;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decisions packaging/Dist.java makes without running a JDK tool: arguments, versions, installer types, which
 * natives a packaged jar keeps, and how it reads options files, jdeps output and the launcher's .cfg. A wrong answer
 * here only shows in an installer on a user's machine (a broker without its RocksDB library, a Mac build refused).
 */
class DistTest {

    @Test
    void javafx_platform_jars_are_linked_as_modules_and_the_empty_ones_left_out() {
        assertThat(Dist.isJavafx("javafx-base-21.0.12.jar")).isTrue();
        assertThat(Dist.isJavafxModule("javafx-base-21.0.12.jar")).isFalse();
        assertThat(Dist.isJavafxModule("javafx-graphics-21.0.12-linux.jar")).isTrue();
        assertThat(Dist.isJavafxModule("javafx-controls-21.0.12-mac-aarch64.jar")).isTrue();
        assertThat(Dist.isJavafxModule("javafx-base-21.0.12-win.jar")).isTrue();
        assertThat(Dist.isJavafx("controlsfx-11.2.4.jar")).isFalse();
    }

    @Test
    void the_jars_add_exports_and_add_opens_become_options_for_the_class_path() {
        java.util.jar.Manifest m = new java.util.jar.Manifest();
        m.getMainAttributes().putValue("Add-Exports", "javafx.base/com.sun.javafx.event  javafx.controls/a.b");
        m.getMainAttributes().putValue("Add-Opens", "javafx.graphics/javafx.scene");

        assertThat(Dist.moduleAccessOptions(m)).containsExactly(
                "--add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED",
                "--add-exports=javafx.controls/a.b=ALL-UNNAMED",
                "--add-opens=javafx.graphics/javafx.scene=ALL-UNNAMED");
        assertThat(Dist.moduleAccessOptions(new java.util.jar.Manifest())).isEmpty();
    }

    @Test
    void arguments_default_to_version_0_and_the_default_installer() {
        assertThat(Dist.Args.parse()).isEqualTo(new Dist.Args("0.0.0", "default"));
        assertThat(Dist.Args.parse("--types=deb,rpm", "--version=1.2.0-SNAPSHOT"))
                .isEqualTo(new Dist.Args("1.2.0-SNAPSHOT", "deb,rpm"));
    }

    @Test
    void an_unknown_argument_is_refused_with_what_is_expected() {
        assertThatThrownBy(() -> Dist.Args.parse("--version=1.0", "--type=deb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--type=deb").hasMessageContaining("--types=");
    }

    @ParameterizedTest
    @CsvSource({"Linux, LINUX", "Windows 11, WINDOWS", "Windows Server 2022, WINDOWS", "Mac OS X, MACOS",
        "FreeBSD, LINUX"})
    void os_from_the_os_name_property(String osName, Os expected) {
        assertThat(Os.of(osName)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"aarch64, true", "ARM64, true", "amd64, false", "x86_64, false", "x86, false"})
    void arm_from_the_os_arch_property(String osArch, boolean arm) {
        assertThat(Dist.isArm(osArch)).isEqualTo(arm);
    }

    @Test
    void installer_types_expand_default_per_os_and_skip_the_app_image() {
        assertThat(Dist.installerTypes(Os.LINUX, "default")).containsExactly("deb");
        assertThat(Dist.installerTypes(Os.WINDOWS, "default")).containsExactly("msi");
        assertThat(Dist.installerTypes(Os.MACOS, "default")).containsExactly("dmg");
        assertThat(Dist.installerTypes(Os.LINUX, "app-image")).isEmpty();
        assertThat(Dist.installerTypes(Os.LINUX, " deb , rpm,,app-image")).containsExactly("deb", "rpm");
        assertThat(Dist.installerTypes(Os.WINDOWS, "exe,default")).containsExactly("exe", "msi");
    }

    @ParameterizedTest
    @CsvSource({
        "LINUX, 0.1.0-SNAPSHOT, 0.1.0",
        "LINUX, 1.2.3+build.7, 1.2.3",
        "WINDOWS, 2, 2",
        "WINDOWS, 2.1-rc1, 2.1",
        // CFBundleVersion must not start with 0: macOS refuses the bundle.
        "MACOS, 0.1.0-SNAPSHOT, 1.0.0",
        "MACOS, 1.4.2, 1.4.2"})
    void app_version_is_what_jpackage_accepts(Os os, String mavenVersion, String expected) {
        assertThat(Dist.appVersion(os, mavenVersion)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1.2.3.4", "SNAPSHOT", "v1.0", "1..2"})
    void app_version_refuses_what_jpackage_would_refuse(String mavenVersion) {
        assertThatThrownBy(() -> Dist.appVersion(Os.LINUX, mavenVersion))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(mavenVersion);
    }

    @Test
    void only_rocksdb_and_jna_are_pruned() {
        assertThat(Dist.nativePruning("rocksdbjni-9.7.3.jar", Os.LINUX, false)).isPresent();
        assertThat(Dist.nativePruning("jna-5.13.0.jar", Os.LINUX, false)).isPresent();
        assertThat(Dist.nativePruning("jna-platform-5.13.0.jar", Os.LINUX, false)).isEmpty();
        assertThat(Dist.nativePruning("netty-transport-4.1.140.Final.jar", Os.LINUX, false)).isEmpty();
        assertThat(Dist.nativePruning("mqscope.jar", Os.WINDOWS, true)).isEmpty();
    }

    @Test
    void rocksdb_keeps_only_this_platforms_library_and_everything_that_is_not_a_native() {
        Predicate<String> keep = Dist.nativePruning("rocksdbjni-9.7.3.jar", Os.LINUX, false).orElseThrow().keep();
        List<String> entries = List.of("META-INF/MANIFEST.MF", "HISTORY-JAVA.md", "org/rocksdb/RocksDB.class",
                "librocksdbjni-linux64.so", "librocksdbjni-linux64-musl.so", "librocksdbjni-linux-aarch64.so",
                "librocksdbjni-win64.dll", "librocksdbjni-osx-arm64.jnilib");

        assertThat(entries.stream().filter(keep)).containsExactly("META-INF/MANIFEST.MF", "HISTORY-JAVA.md",
                "org/rocksdb/RocksDB.class", "librocksdbjni-linux64.so");
    }

    @Test
    void jna_keeps_its_classes_including_the_win32_package_and_only_this_platforms_dispatch_library() {
        Predicate<String> keep = Dist.nativePruning("jna-5.13.0.jar", Os.MACOS, true).orElseThrow().keep();
        List<String> entries = List.of("META-INF/MANIFEST.MF", "com/sun/jna/Native.class",
                "com/sun/jna/internal/Cleaner.class", "com/sun/jna/win32/StdCallLibrary.class",
                "com/sun/jna/ptr/IntByReference.class", "com/sun/jna/darwin-aarch64/libjnidispatch.jnilib",
                "com/sun/jna/darwin-x86-64/libjnidispatch.jnilib", "com/sun/jna/linux-x86-64/libjnidispatch.so",
                "com/sun/jna/win32-x86-64/jnidispatch.dll");

        assertThat(entries.stream().filter(keep)).containsExactly("META-INF/MANIFEST.MF", "com/sun/jna/Native.class",
                "com/sun/jna/internal/Cleaner.class", "com/sun/jna/win32/StdCallLibrary.class",
                "com/sun/jna/ptr/IntByReference.class", "com/sun/jna/darwin-aarch64/libjnidispatch.jnilib");
    }

    /**
     * The native names Dist keeps must exist in the jars we actually ship, for every OS and CPU it builds on: a
     * renamed library after a RocksDB or JNA upgrade would otherwise be pruned away and the packaged broker or
     * keyring would fail only at run time.
     */
    @ParameterizedTest
    @CsvSource({"LINUX, false", "LINUX, true", "WINDOWS, false", "WINDOWS, true", "MACOS, false", "MACOS, true"})
    void each_platform_keeps_exactly_one_native_of_the_shipped_jars(Os os, boolean arm) throws Exception {
        Path rocksDb = jarOf("org.rocksdb.RocksDB");
        Path jna = jarOf("com.sun.jna.Native");
        // RocksDB ships a single Windows build (x64), so Windows keeps it whatever the CPU.
        assertThat(nativesKept(rocksDb, os, arm, e -> e.startsWith("librocksdbjni-")))
                .containsExactly(Dist.rocksDbLibrary(os, arm));
        assertThat(nativesKept(jna, os, arm, e -> e.matches("com/sun/jna/[^/]+/[^/]*jnidispatch.*")))
                .containsExactly("com/sun/jna/" + Dist.jnaPlatform(os, arm) + "/"
                        + (os == Os.WINDOWS ? "jnidispatch.dll"
                        : os == Os.MACOS ? "libjnidispatch.jnilib" : "libjnidispatch.so"));
    }

    @Test
    void filter_jar_copies_kept_entries_byte_for_byte_and_counts_the_dropped_bytes(@TempDir Path dir)
            throws IOException {
        Path in = dir.resolve("in.jar");
        Map<String, byte[]> content = new TreeMap<>(Map.of(
                "a/Kept.class", "kept class".getBytes(StandardCharsets.UTF_8),
                "native-other.so", new byte[1000],
                "native-ours.so", "ours".getBytes(StandardCharsets.UTF_8),
                "native-third.dll", new byte[234]));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(in))) {
            for (Map.Entry<String, byte[]> e : content.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Path out = dir.resolve("out.jar");

        long removed = Dist.filterJar(in, out, e -> !e.startsWith("native-") || e.equals("native-ours.so"));

        assertThat(removed).isEqualTo(1234);
        try (ZipFile zip = new ZipFile(out.toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName)).containsExactly("a/Kept.class", "native-ours.so");
            assertThat(zip.getInputStream(zip.getEntry("native-ours.so")).readAllBytes()).isEqualTo(
                    content.get("native-ours.so"));
            assertThat(zip.getInputStream(zip.getEntry("a/Kept.class")).readAllBytes()).isEqualTo(
                    content.get("a/Kept.class"));
        }
    }

    @Test
    void jdeps_output_is_read_around_its_warnings() {
        String out = "Warning: split package: javax.annotation jrt:/java.xml.ws.annotation a.jar\n"
                + "java.base,java.desktop,jdk.unsupported\r\n\n";
        assertThat(Dist.jdepsModules(out)).containsExactly("java.base", "java.desktop", "jdk.unsupported");
        assertThat(Dist.jdepsModules("Warning: nothing found\n")).isEmpty();
    }

    /** The parser against the real tool's output, so a change in jdeps' format shows here and not in a release. */
    @Test
    void jdeps_output_of_a_real_jar_is_understood() throws Exception {
        String out = Dist.run("jdeps", List.of("--print-module-deps", "--ignore-missing-deps",
                jarOf("com.sun.jna.Native").toString()));
        assertThat(Dist.jdepsModules(out)).contains("java.base");
    }

    @Test
    void module_list_skips_comments_and_blank_lines() {
        assertThat(Dist.moduleList(List.of("# TLS", "jdk.crypto.ec", "", "  jdk.charsets  ", "#jdk.hidden")))
                .containsExactly("jdk.charsets", "jdk.crypto.ec");
    }

    @Test
    void the_committed_jlink_module_list_reads_as_modules() throws IOException {
        Set<String> modules = Dist.moduleList(Files.readAllLines(Path.of("packaging/jlink-modules.txt")));
        assertThat(modules).contains("jdk.crypto.ec", "jdk.localedata", "java.management")
                .allSatisfy(m -> assertThat(m).matches("[a-z][a-z0-9.]*"));
    }

    @Test
    void jlink_arguments_follow_the_jdk_release() {
        Set<String> modules = new LinkedHashSet<>(List.of("java.base", "jdk.localedata"));
        List<String> on17 = Dist.jlinkArgs(modules, Path.of("out"), 17);
        List<String> on21 = Dist.jlinkArgs(Set.of("java.base"), Path.of("out"), 21);

        assertThat(on17).containsSubsequence("--add-modules", "java.base,jdk.localedata")
                .contains("--compress=2", "--strip-debug", "--no-header-files", "--no-man-pages")
                .containsSubsequence("--include-locales", "en,zh")
                .containsSubsequence("--output", "out")
                .endsWith("--generate-cds-archive");
        assertThat(on21).contains("--compress=zip-6").doesNotContain("--compress=2", "--include-locales");
    }

    @Test
    void options_lines_become_an_option_and_its_verbatim_value() {
        List<String> lines = List.of("# comment", "", "--vendor MQScope",
                "  --description MQTT debugging tool: every packet as bytes  ", "--linux-shortcut",
                "--java-options -Dfile.encoding=UTF-8");
        assertThat(Dist.options(lines)).containsExactly("--vendor", "MQScope",
                "--description", "MQTT debugging tool: every packet as bytes", "--linux-shortcut",
                "--java-options", "-Dfile.encoding=UTF-8");
    }

    @Test
    void class_path_is_read_from_the_launcher_cfg_with_appdir_resolved() {
        List<String> cfg = List.of("[Application]", "app.mainclass=io.mqscope.cli.Main",
                "app.classpath=$APPDIR/mqscope.jar", "app.classpath=$APPDIR/picocli-4.7.7.jar", "",
                "[JavaOptions]", "java-options=-Djpackage.app-version=0.1.0");
        assertThat(Dist.classPath(cfg, Path.of("/opt/mqscope/lib/app"), ":"))
                .isEqualTo("/opt/mqscope/lib/app/mqscope.jar:/opt/mqscope/lib/app/picocli-4.7.7.jar");
    }

    @Test
    void a_cfg_line_is_added_once() {
        String cfg = "[JavaOptions]\njava-options=-Xms32m\n\n";
        String option = "java-options=-XX:SharedArchiveFile=$APPDIR/mqscope.jsa";
        String once = Dist.withLine(cfg, option);

        assertThat(once).isEqualTo("[JavaOptions]\njava-options=-Xms32m" + System.lineSeparator() + option
                + System.lineSeparator());
        assertThat(Dist.withLine(once, option)).isSameAs(once);
    }

    @Test
    void megabytes_use_a_decimal_point_whatever_the_default_locale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Dist.megabytes(149_250_000)).isEqualTo("149.3 MB");
            assertThat(Dist.megabytes(0)).isEqualTo("0.0 MB");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void delete_recursively_removes_a_tree_and_accepts_a_missing_one(@TempDir Path dir) throws IOException {
        Path tree = dir.resolve("dist");
        Files.createDirectories(tree.resolve("app-image/mqscope/lib"));
        Files.writeString(tree.resolve("app-image/mqscope/lib/x.cfg"), "x");
        try (OutputStream o = Files.newOutputStream(tree.resolve("mqscope.deb"))) {
            o.write(new byte[10]);
        }
        assertThat(Dist.sizeOf(tree)).isEqualTo(11);

        Dist.deleteRecursively(tree);
        Dist.deleteRecursively(tree);

        assertThat(tree).doesNotExist();
    }

    /** The jar a class is loaded from, without initialising the class (RocksDB would load its native). */
    private static Path jarOf(String className) throws ClassNotFoundException, URISyntaxException {
        Class<?> c = Class.forName(className, false, DistTest.class.getClassLoader());
        Path jar = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(jar.getFileName().toString()).endsWith(".jar");
        return jar;
    }

    private static List<String> nativesKept(Path jar, Os os, boolean arm, Predicate<String> isNative)
            throws IOException {
        Predicate<String> keep = Dist.nativePruning(jar.getFileName().toString(), os, arm).orElseThrow().keep();
        List<String> natives;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            natives = zip.stream().map(ZipEntry::getName).filter(isNative).collect(Collectors.toList());
        }
        assertThat(natives).as("natives in %s", jar.getFileName()).hasSizeGreaterThan(1);
        return natives.stream().filter(keep).collect(Collectors.toList());
    }
}
