package io.mqscope.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds the native app image and installers with jdeps, jlink and jpackage of the JDK that runs it.
 *
 * <p>Run from the project root after {@code mvn package} (target/mqscope.jar and target/lib must exist), normally
 * through {@code mvn -Pdist package}. A single-file program rather than a shell script so that the same build runs
 * on Linux, Windows and macOS with nothing but a JDK (17 or newer, the one that runs Maven).
 *
 * <pre>
 * java packaging/Dist.java [--version=0.1.0-SNAPSHOT] [--types=default|app-image|deb,rpm|msi,exe|dmg,pkg]
 * java packaging/Dist.java --launchers
 * </pre>
 *
 * <p>Output: target/dist/runtime (jlink), target/dist/app-image/&lt;name&gt; (launcher, app, runtime) and the
 * installers in target/dist. {@code --launchers} (every {@code mvn package}) only writes target/mqscope and
 * target/mqscope.cmd, which run target/mqscope.jar with the app image's JVM options.
 *
 * <p>The source launcher compiles this one file, so it must stay self-contained (JDK 17 runs single files only).
 * The pom also compiles it with the tests, which call its pure functions (DistTest); they take what the JDK tools
 * print or the files read as arguments, and the methods around them do the I/O.
 */
public final class Dist {

    private static final Path TARGET = Path.of("target");
    private static final Path DIST = TARGET.resolve("dist");
    private static final Path PACKAGING = Path.of("packaging");

    public static void main(String[] args) throws Exception {
        if (List.of(args).equals(List.of("--launchers"))) {
            writeLaunchers();
            return;
        }
        Args parsed = Args.parse(args);
        Os os = Os.current();
        List<String> installerTypes = installerTypes(os, parsed.types());
        String appVersion = appVersion(os, parsed.version());

        Path mainJar = TARGET.resolve("mqscope.jar");
        Path lib = TARGET.resolve("lib");
        if (!Files.isRegularFile(mainJar) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("run 'mvn package' first: " + mainJar + " and " + lib + " are needed");
        }
        deleteRecursively(DIST);
        Files.createDirectories(DIST);

        long t0 = System.nanoTime();
        Path input = DIST.resolve("input");
        Path javafx = DIST.resolve("javafx");
        stageInput(mainJar, lib, input, javafx, os);

        Set<String> modules = modules(input, javafx);
        modules.add(FX_MODULES);
        Path runtime = DIST.resolve("runtime");
        jlink(modules, javafx, runtime);
        log("runtime: %s (%s)", runtime, megabytes(sizeOf(runtime)));

        Path appImageDir = DIST.resolve("app-image");
        List<String> app = new ArrayList<>();
        app.addAll(List.of("--type", "app-image", "--input", input.toString(), "--main-jar", "mqscope.jar",
                "--runtime-image", runtime.toString(), "--app-version", appVersion,
                "--dest", appImageDir.toString()));
        app.addAll(options(PACKAGING.resolve("common.options")));
        app.addAll(options(PACKAGING.resolve("app-image.options")));
        app.addAll(options(PACKAGING.resolve(os.dir).resolve("app-image.options")));
        for (String option : moduleAccessOptions(manifest(mainJar))) {
            app.addAll(List.of("--java-options", option));
        }
        run("jpackage", app);
        Path appImage;
        try (Stream<Path> s = Files.list(appImageDir)) {
            appImage = s.findFirst().orElseThrow(() -> new IllegalStateException("jpackage made no app image"));
        }
        log("app image: %s (%s)", appImage, megabytes(sizeOf(appImage)));

        boolean classList = os == Os.LINUX && recordClassList(appImage, moduleAccessOptions(manifest(mainJar)));

        for (String type : installerTypes) {
            List<String> inst = new ArrayList<>();
            inst.addAll(List.of("--type", type, "--app-image", appImage.toString(), "--app-version", appVersion,
                    "--dest", DIST.toString()));
            inst.addAll(options(PACKAGING.resolve("common.options")));
            inst.addAll(options(PACKAGING.resolve(os.dir).resolve("installer.options")));
            run("jpackage", inst);
        }
        if (classList) {
            // After the installers: the archive only fits this folder; an installed copy makes its own (postinst).
            dumpClassDataArchive(appImage, appImage.resolve("lib/app"));
        }
        try (Stream<Path> s = Files.list(DIST)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                log("installer: %s (%s)", p, megabytes(Files.size(p)));
            }
        }
        log("done in %.1f s", (System.nanoTime() - t0) / 1e9);
    }

    /** The command line: {@code --version=} (the Maven version) and {@code --types=} (installer types). */
    record Args(String version, String types) {

        static Args parse(String... args) {
            String version = "0.0.0";
            String types = "default";
            for (String arg : args) {
                if (arg.startsWith("--version=")) {
                    version = arg.substring("--version=".length());
                } else if (arg.startsWith("--types=")) {
                    types = arg.substring("--types=".length());
                } else {
                    throw new IllegalArgumentException("unknown argument: " + arg
                            + " (expected --version=... and/or --types=...)");
                }
            }
            return new Args(version, types);
        }
    }

    enum Os {
        LINUX("linux", List.of("deb")),
        WINDOWS("windows", List.of("msi")),
        MACOS("macos", List.of("dmg"));

        final String dir;
        final List<String> defaultInstallers;

        Os(String dir, List<String> defaultInstallers) {
            this.dir = dir;
            this.defaultInstallers = defaultInstallers;
        }

        static Os current() {
            return of(System.getProperty("os.name"));
        }

        /** From the {@code os.name} system property ("Linux", "Windows 11", "Mac OS X"). */
        static Os of(String osName) {
            String name = osName.toLowerCase(Locale.ROOT);
            if (name.contains("win")) {
                return WINDOWS;
            }
            if (name.contains("mac")) {
                return MACOS;
            }
            return LINUX;
        }
    }

    static List<String> installerTypes(Os os, String types) {
        List<String> result = new ArrayList<>();
        for (String t : types.split(",")) {
            t = t.trim();
            if (t.isEmpty() || t.equals("app-image")) {
                continue;
            }
            if (t.equals("default")) {
                result.addAll(os.defaultInstallers);
            } else {
                result.add(t);
            }
        }
        return result;
    }

    /** jpackage wants 1 to 3 numbers; macOS also refuses a first number of 0 (CFBundleVersion). */
    static String appVersion(Os os, String mavenVersion) {
        String numeric = mavenVersion.replaceFirst("[-+].*$", "");
        if (!numeric.matches("\\d+(\\.\\d+){0,2}")) {
            throw new IllegalArgumentException("cannot make a jpackage version out of " + mavenVersion);
        }
        if (os == Os.MACOS && numeric.startsWith("0")) {
            log("macOS refuses version %s (first number 0); packaging as 1.0.0", numeric);
            return "1.0.0";
        }
        return numeric;
    }

    /**
     * Copies the main jar and its runtime dependencies into one flat folder (jpackage puts every jar of --input on
     * the class path). Native libraries for other platforms are dropped from the packaged copies only. JavaFX goes
     * to {@code javafx} instead: jlink links its modules into the runtime, so that the window loads it as named
     * modules (on the class path JavaFX warns "Unsupported JavaFX configuration" at every start).
     */
    static void stageInput(Path mainJar, Path lib, Path input, Path javafx, Os os) throws IOException {
        Files.createDirectories(input);
        Files.createDirectories(javafx);
        Files.copy(mainJar, input.resolve(mainJar.getFileName()));
        boolean arm = isArm(System.getProperty("os.arch"));
        try (Stream<Path> s = Files.list(lib)) {
            for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList())) {
                String name = jar.getFileName().toString();
                if (isJavafx(name)) {
                    if (isJavafxModule(name)) {
                        Files.copy(jar, javafx.resolve(name));
                    }
                    continue;
                }
                Path out = input.resolve(name);
                Optional<NativePruning> pruning = nativePruning(name, os, arm);
                if (pruning.isPresent()) {
                    long removed = filterJar(jar, out, pruning.get().keep());
                    log("%s: kept only %s (%s of other platforms' natives dropped)", name, pruning.get().kept(),
                            megabytes(removed));
                } else {
                    Files.copy(jar, out);
                }
            }
        }
    }

    /** JavaFX's Maven jars: a platform jar with the classes and natives, and an empty one without classifier. */
    static boolean isJavafx(String jarName) {
        return jarName.startsWith("javafx-");
    }

    /** The platform jar ({@code javafx-base-21.0.12-linux.jar}): a module; the empty one is not linked. */
    static boolean isJavafxModule(String jarName) {
        return jarName.matches("javafx-[a-z]+-\\d[\\w.]*-[\\w-]+\\.jar");
    }

    /** The jar's manifest (its Add-Exports and Add-Opens). */
    static Manifest manifest(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.getManifest();
        }
    }

    /**
     * The jar's {@code Add-Exports} and {@code Add-Opens} as JVM options for the unnamed module. The JVM reads these
     * attributes only from the jar of {@code java -jar}; the jpackage launcher runs a main class on a class path,
     * so it needs them as options.
     */
    static List<String> moduleAccessOptions(Manifest manifest) {
        List<String> options = new ArrayList<>();
        Attributes main = manifest.getMainAttributes();
        for (String[] kind : new String[][] {{"Add-Exports", "--add-exports="}, {"Add-Opens", "--add-opens="}}) {
            String value = main.getValue(kind[0]);
            if (value != null) {
                for (String pair : value.trim().split("\\s+")) {
                    if (!pair.isEmpty()) {
                        options.add(kind[1] + pair + "=ALL-UNNAMED");
                    }
                }
            }
        }
        return options;
    }

    static boolean isArm(String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.equals("arm64");
    }

    /** Which entries of a jar to keep: {@code kept} names the native library (or folder) left in it. */
    record NativePruning(String kept, Predicate<String> keep) {
    }

    /**
     * The jars that carry natives for every platform: RocksDB (one library per OS and CPU at the jar's root) and JNA
     * (one {@code com/sun/jna/<platform>/} folder each). Empty for every other jar, which is copied untouched.
     */
    static Optional<NativePruning> nativePruning(String jarName, Os os, boolean arm) {
        if (jarName.startsWith("rocksdbjni-")) {
            String keep = rocksDbLibrary(os, arm);
            return Optional.of(new NativePruning(keep, e -> !e.startsWith("librocksdbjni-") || e.equals(keep)));
        }
        if (jarName.startsWith("jna-") && !jarName.startsWith("jna-platform")) {
            String keep = "com/sun/jna/" + jnaPlatform(os, arm) + "/";
            return Optional.of(new NativePruning(keep, e -> !e.matches("com/sun/jna/[^/]+/.+") || e.startsWith(keep)
                    || e.endsWith(".class") || e.startsWith("com/sun/jna/internal/")));
        }
        return Optional.empty();
    }

    /** File names as RocksDB's NativeLibraryLoader looks them up (glibc builds; jpackage images do not run on musl). */
    static String rocksDbLibrary(Os os, boolean arm) {
        switch (os) {
            case WINDOWS:
                return "librocksdbjni-win64.dll";
            case MACOS:
                return arm ? "librocksdbjni-osx-arm64.jnilib" : "librocksdbjni-osx-x86_64.jnilib";
            default:
                return arm ? "librocksdbjni-linux-aarch64.so" : "librocksdbjni-linux64.so";
        }
    }

    static String jnaPlatform(Os os, boolean arm) {
        switch (os) {
            case WINDOWS:
                return arm ? "win32-aarch64" : "win32-x86-64";
            case MACOS:
                return "darwin-" + (arm ? "aarch64" : "x86-64");
            default:
                return arm ? "linux-aarch64" : "linux-x86-64";
        }
    }

    /** Copies the entries of {@code in} that {@code keep} accepts; returns the uncompressed bytes left out. */
    static long filterJar(Path in, Path out, Predicate<String> keep) throws IOException {
        long removed = 0;
        try (ZipFile zip = new ZipFile(in.toFile());
             ZipOutputStream zos = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : zip.stream().collect(Collectors.toList())) {
                if (!keep.test(e.getName())) {
                    removed += Math.max(0, e.getSize());
                    continue;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                zos.putNextEntry(copy);
                try (InputStream is = zip.getInputStream(e)) {
                    is.transferTo(zos);
                }
                zos.closeEntry();
            }
        }
        return removed;
    }

    /**
     * What jdeps finds in the staged jars (JavaFX from {@code javafx}), plus packaging/jlink-modules.txt (reached
     * only at run time).
     */
    static Set<String> modules(Path input, Path javafx) throws IOException {
        // JavaFX is linked as modules, and modular jars on the class path (AtlantaFX) require them by name
        List<String> jdeps = new ArrayList<>(List.of("--module-path", javafx.toString(),
                "--print-module-deps", "--ignore-missing-deps",
                "--multi-release", String.valueOf(Runtime.version().feature())));
        try (Stream<Path> s = Files.list(input)) {
            s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> jdeps.add(p.toString()));
        }
        String out = run("jdeps", jdeps);
        Set<String> modules = jdepsModules(out);
        if (modules.isEmpty()) {
            throw new IllegalStateException("jdeps printed no modules:\n" + out);
        }
        log("jdeps: %s", String.join(",", modules));
        Set<String> extra = moduleList(Files.readAllLines(PACKAGING.resolve("jlink-modules.txt")));
        extra.removeAll(modules);
        log("added for run time: %s", String.join(",", extra));
        modules.addAll(extra);
        return modules;
    }

    /** The modules in what {@code jdeps --print-module-deps} printed: one comma list, around warnings. */
    static Set<String> jdepsModules(String jdepsOutput) {
        Set<String> modules = new TreeSet<>();
        for (String line : jdepsOutput.split("\\R")) {
            if (!line.isBlank() && !line.startsWith("Warning") && line.matches("[\\w.,]+")) {
                modules.addAll(Arrays.asList(line.trim().split(",")));
            }
        }
        return modules;
    }

    /** The lines of jlink-modules.txt: one module per line, # comments. */
    static Set<String> moduleList(List<String> lines) {
        Set<String> modules = new TreeSet<>();
        for (String line : lines) {
            line = line.strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                modules.add(line);
            }
        }
        return modules;
    }

    static void jlink(Set<String> modules, Path javafx, Path output) {
        List<String> args = new ArrayList<>(List.of("--module-path",
                javafx + java.io.File.pathSeparator + Path.of(System.getProperty("java.home"), "jmods")));
        args.addAll(jlinkArgs(modules, output, Runtime.version().feature()));
        run("jlink", args);
        // The archive for heaps over 32 GB (no compressed oops) is 11 MB that a desktop app never uses.
        try {
            Files.deleteIfExists(output.resolve("lib/server/classes_nocoops.jsa"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** jlink's arguments on a JDK of the given feature release. */
    static List<String> jlinkArgs(Set<String> modules, Path output, int feature) {
        List<String> args = new ArrayList<>(List.of("--add-modules", String.join(",", modules),
                "--strip-debug", "--no-header-files", "--no-man-pages",
                // --compress=2 is deprecated from JDK 21 on in favour of zip-6, the same zip level.
                "--compress=" + (feature >= 21 ? "zip-6" : "2"),
                "--output", output.toString()));
        if (modules.contains("jdk.localedata")) {
            args.addAll(List.of("--include-locales", "en,zh"));
        }
        // The JDK's default CDS archive of its own classes: shorter start-up for every launch. It needs bin/java,
        // which is why --strip-native-commands is not used (the few tool launchers weigh under 100 KB).
        args.add("--generate-cds-archive");
        return args;
    }

    /**
     * Application class-data sharing (AppCDS), Linux: records the classes the desktop window loads up to its first
     * frame and its built-in broker's connection (a smoke test under Xvfb) into lib/app/mqscope.classlist and points
     * the launcher at lib/app/mqscope.jsa, which the .deb's postinst dumps from that list at install time. On JDK 17
     * an archive only matches the exact class-path location it was dumped at, so it cannot be built here for
     * /opt/mqscope; a missing or mismatched archive is silently ignored by the JVM. Returns false (and changes
     * nothing) without a display.
     */
    static boolean recordClassList(Path appImage, List<String> moduleAccess)
            throws IOException, InterruptedException {
        List<String> display = displayPrefix();
        if (display == null) {
            log("no DISPLAY and no xvfb-run: skipping the AppCDS class list (start-up is slower, nothing breaks)");
            return false;
        }
        Path app = appImage.resolve("lib/app");
        Path list = app.resolve("mqscope.classlist");
        List<String> cmd = new ArrayList<>(display);
        // its own configuration directory: the training must not touch the builder's profiles, settings or history
        Path config = Files.createTempDirectory("mqscope-cds-config");
        cmd.addAll(List.of(java(appImage), "-XX:DumpLoadedClassList=" + list.toAbsolutePath(),
                "-Dfile.encoding=UTF-8", "-Dmqscope.config.dir=" + config));
        cmd.addAll(moduleAccess);
        // =broker: the built-in broker (HiveMQ CE) runs in the window's process, so its classes are archived too
        cmd.addAll(List.of("-cp", classPath(appImage), "io.mqscope.cli.Main", "--smoke-test=broker"));
        int rc = exec(cmd, 180);
        deleteRecursively(config);
        if (rc != 0 || !Files.isRegularFile(list) || Files.size(list) == 0) {
            log("smoke test for the AppCDS class list failed: skipping AppCDS");
            Files.deleteIfExists(list);
            return false;
        }
        Path cfg = app.resolve(appImage.getFileName() + ".cfg");
        String text = Files.readString(cfg);
        String withArchive = withLine(text, "java-options=-XX:SharedArchiveFile=$APPDIR/mqscope.jsa");
        if (!withArchive.equals(text)) {
            Files.writeString(cfg, withArchive);
        }
        log("AppCDS class list: %d classes", Files.readAllLines(list).size());
        return true;
    }

    /** Dumps the static AppCDS archive for the app image where it stands (same command as the .deb's postinst). */
    static void dumpClassDataArchive(Path appImage, Path app) throws IOException, InterruptedException {
        List<String> cmd = List.of(java(appImage), "-Xshare:dump",
                "-XX:SharedClassListFile=" + app.resolve("mqscope.classlist").toAbsolutePath(),
                "-XX:SharedArchiveFile=" + app.resolve("mqscope.jsa").toAbsolutePath(),
                "-cp", classPath(appImage));
        if (exec(cmd, 300) == 0) {
            Path archive = app.resolve("mqscope.jsa");
            log("AppCDS archive: %s (%s)", archive, megabytes(Files.size(archive)));
        } else {
            log("AppCDS dump failed: the app image runs without it");
        }
    }

    /** A launcher .cfg with one more line, unless it already has that line somewhere. */
    static String withLine(String cfgText, String line) {
        if (cfgText.contains(line)) {
            return cfgText;
        }
        return cfgText.stripTrailing() + System.lineSeparator() + line + System.lineSeparator();
    }

    /** The class path exactly as the jpackage launcher builds it from the .cfg (the archive checks it). */
    static String classPath(Path appImage) throws IOException {
        Path app = appImage.resolve("lib/app").toAbsolutePath();
        Path cfg = app.resolve(appImage.getFileName() + ".cfg");
        return classPath(Files.readAllLines(cfg), app, java.io.File.pathSeparator);
    }

    /** The {@code app.classpath=} lines of a launcher .cfg, with {@code $APPDIR} standing for {@code app}. */
    static String classPath(List<String> cfgLines, Path app, String pathSeparator) {
        return cfgLines.stream().filter(l -> l.startsWith("app.classpath="))
                .map(l -> l.substring("app.classpath=".length()).replace("$APPDIR", app.toString()))
                .collect(Collectors.joining(pathSeparator));
    }

    static String java(Path appImage) {
        return appImage.resolve("lib/runtime/bin/java").toAbsolutePath().toString();
    }

    /** How to reach a display: none needed when DISPLAY is set, else xvfb-run; null when neither exists. */
    static List<String> displayPrefix() {
        String d = System.getenv("DISPLAY");
        if (d != null && !d.isEmpty()) {
            return List.of();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "xvfb-run"))) {
                return List.of(Path.of(dir, "xvfb-run").toString(), "-a");
            }
        }
        return null;
    }

    /** Runs a process with its output on ours; gives up (and kills it) after the timeout. */
    static int exec(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** The launcher templates in src/main/launcher; each is written to target/ with its JVM options filled in. */
    static final List<String> LAUNCHERS = List.of("mqscope", "mqscope.cmd");

    /** Where the launcher templates take the JVM options (one line of space-separated flags). */
    static final String JVM_OPTIONS_TOKEN = "@JVM_OPTIONS@";

    /** Where the launcher templates put the JVM options of the subcommands (app-image's with launcher-cli's). */
    static final String CLI_JVM_OPTIONS_TOKEN = "@CLI_JVM_OPTIONS@";

    /** Beside app-image.options: what the launchers' subcommands use instead of some of its options. */
    static final String CLI_OPTIONS_FILE = "launcher-cli.options";

    /** Where the launcher templates take the JavaFX modules the window adds from javafx/ beside the jar. */
    static final String FX_MODULES_TOKEN = "@FX_MODULES@";

    /** The JavaFX root module: what the window imports (javafx.base and javafx.graphics come with it). */
    static final String FX_MODULES = "javafx.controls";

    /**
     * Writes target/mqscope (POSIX sh, executable) and target/mqscope.cmd with the --java-options of
     * packaging/app-image.options, so that the jar run from a build starts like the packaged app: one list of JVM
     * options for both.
     */
    static void writeLaunchers() throws IOException {
        writeLaunchers(Path.of("src/main/launcher"), PACKAGING.resolve("app-image.options"), TARGET);
        log("launchers: %s", LAUNCHERS.stream().map(TARGET::resolve).map(Path::toString)
                .collect(Collectors.joining(", ")));
    }

    /** Writes the launchers from the templates into {@code dir} (also how LauncherWindowTest builds its own). */
    static void writeLaunchers(Path templates, Path appImageOptions, Path dir) throws IOException {
        List<String> window = options(appImageOptions);
        String jvmOptions = launcherOptions(window);
        String cliOptions = launcherOptions(replaced(window,
                options(appImageOptions.resolveSibling(CLI_OPTIONS_FILE))));
        for (String name : LAUNCHERS) {
            String template = Files.readString(templates.resolve(name));
            Path out = dir.resolve(name);
            String text = template.replace(CLI_JVM_OPTIONS_TOKEN, cliOptions).replace(JVM_OPTIONS_TOKEN, jvmOptions)
                    .replace(FX_MODULES_TOKEN, FX_MODULES);
            // cmd.exe reads LF-only batch files, but mis-parses some lines in them; write what it expects.
            Files.writeString(out, name.endsWith(".cmd") ? text.replace("\r\n", "\n").replace("\n", "\r\n") : text);
            if (!name.endsWith(".cmd") && out.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    /**
     * The values of the --java-options in jpackage arguments, space-separated for a launcher's command line. They
     * are written unquoted into both sh and cmd, so a value that either shell would split or expand is refused.
     */
    static String launcherOptions(List<String> jpackageArgs) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < jpackageArgs.size() - 1; i++) {
            if (jpackageArgs.get(i).equals("--java-options")) {
                String value = jpackageArgs.get(++i);
                if (!value.matches("[A-Za-z0-9_.:=+,/-]+")) {
                    throw new IllegalArgumentException("JVM option not safe unquoted in sh and cmd: " + value);
                }
                values.add(value);
            }
        }
        return String.join(" ", values);
    }

    /**
     * {@code base}'s --java-options with each one that an option of {@code overrides} sets again taken out, then
     * {@code overrides}' appended: the same -XX flag, -D property or -X size, and any collector choice for any other
     * (the JVM refuses two).
     */
    static List<String> replaced(List<String> base, List<String> overrides) {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < overrides.size() - 1; i++) {
            if (overrides.get(i).equals("--java-options")) {
                keys.add(optionKey(overrides.get(++i)));
            }
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            if (base.get(i).equals("--java-options") && i + 1 < base.size()) {
                String value = base.get(++i);
                if (!keys.contains(optionKey(value))) {
                    result.add("--java-options");
                    result.add(value);
                }
            } else {
                result.add(base.get(i));
            }
        }
        result.addAll(overrides);
        return result;
    }

    private static final Pattern OPTION_KEY = Pattern.compile("-XX:[+-]?(\\w+).*|(-D[^=]+)=.*|(-X(?:ms|mx|ss|mn)).*");

    /** What a JVM option sets: "gc" for a collector choice, else its flag, property or size name. */
    static String optionKey(String option) {
        if (option.matches("-XX:[+-]Use\\w*GC")) {
            return "gc";
        }
        Matcher m = OPTION_KEY.matcher(option);
        if (!m.matches()) {
            return option;
        }
        return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    }

    /** Reads an options file: "--option value" or "--flag" per line, # comments; values are taken verbatim. */
    static List<String> options(Path file) throws IOException {
        return options(Files.readAllLines(file));
    }

    /** The lines of an options file as jpackage arguments. */
    static List<String> options(List<String> lines) {
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space < 0) {
                result.add(line);
            } else {
                result.add(line.substring(0, space));
                result.add(line.substring(space + 1).strip());
            }
        }
        return result;
    }

    /** Runs a JDK tool in this JVM; fails with its output when it exits non-zero. Returns what it printed. */
    static String run(String tool, List<String> args) {
        ToolProvider provider = ToolProvider.findFirst(tool).orElseThrow(() -> new IllegalStateException(
                tool + " not found in " + System.getProperty("java.home") + " (run Maven with a full JDK 17+)"));
        String line = String.join(" ", args);
        log("%s %s", tool, line.length() > 400 ? line.substring(0, 400) + " ..." : line);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            rc = provider.run(o, e, args.toArray(new String[0]));
        }
        if (rc != 0) {
            throw new IllegalStateException(tool + " failed with exit code " + rc + ":\n" + out + err);
        }
        return out.toString();
    }

    static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    static void log(String format, Object... args) {
        System.out.println("[dist] " + String.format(Locale.ROOT, format, args));
    }

    private Dist() {
    }
}
