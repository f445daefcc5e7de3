package io.mqscope.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The POSIX launcher's AppCDS block, run for real: target/mqscope is written from src/main/launcher/mqscope and
 * packaging/app-image.options exactly as {@code mvn package} writes it, beside a jar whose program prints one line
 * of JSON. A fresh archive is used; a stale (jar rebuilt), mismatched or broken one never stops start-up nor puts
 * a byte on standard output besides the program's own.
 */
class LauncherAppCdsTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;
    private Path jar;
    private Path archive;

    @BeforeEach
    void launcherBesideAJar() throws Exception {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows") && Files.isExecutable(Path.of("/bin/sh")));
        String template = Files.readString(Path.of("src/main/launcher/mqscope"));
        String options = Dist.launcherOptions(Dist.options(Path.of("packaging/app-image.options")));
        Path launcher = dir.resolve("mqscope");
        String cli = Dist.launcherOptions(Dist.replaced(Dist.options(Path.of("packaging/app-image.options")),
                Dist.options(Path.of("packaging", Dist.CLI_OPTIONS_FILE))));
        Files.writeString(launcher, template.replace(Dist.CLI_JVM_OPTIONS_TOKEN, cli)
                .replace(Dist.JVM_OPTIONS_TOKEN, options));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = dir.resolve("mqscope.jar");
        archive = dir.resolve("mqscope.jsa");
        writeJar(jar, "");
    }

    @Test
    void a_fresh_archive_is_used_and_stdout_is_the_programs_alone() throws Exception {
        dumpArchive();

        Run run = launch("-Xshare:on -Xlog:cds=info:file=" + dir.resolve("cds.log"));

        assertThat(run.exit).isZero();
        assertThat(run.stdout).isEqualTo(JsonLineMain.LINE + "\n");
        // -Xshare:on makes the JVM fail when it cannot map the archive it was given
        assertThat(Files.readString(dir.resolve("cds.log"))).contains(archive.toString());
    }

    @Test
    void an_archive_older_than_the_jar_is_left_out() throws Exception {
        dumpArchive();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 5000));

        Run run = launch("-Xlog:cds=info:file=" + dir.resolve("cds.log"));

        assertThat(run.exit).isZero();
        assertThat(run.stdout).isEqualTo(JsonLineMain.LINE + "\n");
        assertThat(Files.readString(dir.resolve("cds.log"))).doesNotContain(archive.toString());
    }

    @Test
    void a_rebuilt_jar_behind_a_newer_archive_still_starts_with_nothing_more_on_stdout() throws Exception {
        dumpArchive();
        writeJar(jar, "rebuilt"); // other bytes and size: the JVM refuses the archive
        Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis() + 5000));

        Run run = launch(null);

        assertThat(run.exit).isZero();
        assertThat(run.stdout).isEqualTo(JsonLineMain.LINE + "\n");
    }

    @Test
    void a_broken_archive_still_starts_with_nothing_more_on_stdout() throws Exception {
        Files.write(archive, "not a class-data archive".getBytes(StandardCharsets.US_ASCII));
        Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis() + 5000));

        Run run = launch(null);

        assertThat(run.exit).isZero();
        assertThat(run.stdout).isEqualTo(JsonLineMain.LINE + "\n");
    }

    @Test
    void a_dynamic_archive_of_another_jar_warns_on_stderr_only() throws Exception {
        // JDK 17 prints "[warning][cds,dynamic] Unable to use shared archive" when a dynamic archive's jar changed;
        // by default on stdout. The launcher's -Xlog options send it to stderr.
        Path trained = dir.resolve("trained.jsa");
        assertThat(exec(List.of(JAVA, "-XX:ArchiveClassesAtExit=" + trained, "-jar", jar.toString()), null).exit)
                .isZero();
        writeJar(jar, "rebuilt");
        Files.move(trained, archive);
        Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis() + 5000));

        Run run = launch(null);

        assertThat(run.exit).isZero();
        assertThat(run.stdout).isEqualTo(JsonLineMain.LINE + "\n");
    }

    /** A static archive of the JVM's and the program's classes, made the way packaging/AppCds.java makes it. */
    private void dumpArchive() throws Exception {
        Path list = dir.resolve("classes.lst");
        assertThat(exec(List.of(JAVA, "-XX:DumpLoadedClassList=" + list, "-jar", jar.toString()), null).exit)
                .isZero();
        Run dump = exec(List.of(JAVA, "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                "-XX:SharedArchiveFile=" + archive, "-cp", jar.toString()), null);
        assertThat(dump.exit).as(dump.stdout).isZero();
        // the jar was written just before: make the archive clearly newer whatever the file system's time grain
        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
    }

    private Run launch(String jdkJavaOptions) throws Exception {
        return exec(List.of(dir.resolve("mqscope").toString()), jdkJavaOptions);
    }

    private static Run exec(List<String> cmd, String jdkJavaOptions) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd));
        Map<String, String> env = pb.environment();
        env.remove("JDK_JAVA_OPTIONS");
        env.remove("JAVA_TOOL_OPTIONS");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        if (jdkJavaOptions != null) {
            env.put("JDK_JAVA_OPTIONS", jdkJavaOptions);
        }
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    /** A jar with {@link JsonLineMain} as its program; {@code extra} changes its bytes. */
    private static void writeJar(Path jar, String extra) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, JsonLineMain.class.getName());
        String entry = JsonLineMain.class.getName().replace('.', '/') + ".class";
        byte[] bytes;
        try (var in = JsonLineMain.class.getClassLoader().getResourceAsStream(entry)) {
            bytes = in.readAllBytes();
        }
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, m)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(bytes);
            out.closeEntry();
            if (!extra.isEmpty()) {
                out.putNextEntry(new JarEntry("extra.txt"));
                out.write(extra.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    private record Run(int exit, String stdout) {
    }
}
