import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
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
 * </pre>
 *
 * <p>Output: target/dist/runtime (jlink), target/dist/app-image/&lt;name&gt; (launcher, app, runtime) and the
 * installers in target/dist.
 */
public final class Dist {

    private static final Path TARGET = Path.of("target");
    private static final Path DIST = TARGET.resolve("dist");
    private static final Path PACKAGING = Path.of("packaging");

    public static void main(String[] args) throws Exception {
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
        Os os = Os.current();
        List<String> installerTypes = installerTypes(os, types);
        String appVersion = appVersion(os, version);

        Path mainJar = TARGET.resolve("mqscope.jar");
        Path lib = TARGET.resolve("lib");
        if (!Files.isRegularFile(mainJar) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("run 'mvn package' first: " + mainJar + " and " + lib + " are needed");
        }
        deleteRecursively(DIST);
        Files.createDirectories(DIST);

        long t0 = System.nanoTime();
        Path input = DIST.resolve("input");
        stageInput(mainJar, lib, input, os);

        Set<String> modules = modules(input);
        Path runtime = DIST.resolve("runtime");
        jlink(modules, runtime);
        log("runtime: %s (%s)", runtime, megabytes(sizeOf(runtime)));

        Path appImageDir = DIST.resolve("app-image");
        List<String> app = new ArrayList<>();
        app.addAll(List.of("--type", "app-image", "--input", input.toString(), "--main-jar", "mqscope.jar",
                "--runtime-image", runtime.toString(), "--app-version", appVersion,
                "--dest", appImageDir.toString()));
        app.addAll(options(PACKAGING.resolve("common.options")));
        app.addAll(options(PACKAGING.resolve("app-image.options")));
        app.addAll(options(PACKAGING.resolve(os.dir).resolve("app-image.options")));
        run("jpackage", app);
        Path appImage;
        try (Stream<Path> s = Files.list(appImageDir)) {
            appImage = s.findFirst().orElseThrow(() -> new IllegalStateException("jpackage made no app image"));
        }
        log("app image: %s (%s)", appImage, megabytes(sizeOf(appImage)));

        boolean classList = os == Os.LINUX && recordClassList(appImage);

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
            String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
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
     * the class path). Native libraries for other platforms are dropped from the packaged copies only.
     */
    static void stageInput(Path mainJar, Path lib, Path input, Os os) throws IOException {
        Files.createDirectories(input);
        Files.copy(mainJar, input.resolve(mainJar.getFileName()));
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        boolean arm = arch.equals("aarch64") || arch.equals("arm64");
        try (Stream<Path> s = Files.list(lib)) {
            for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList())) {
                String name = jar.getFileName().toString();
                Path out = input.resolve(name);
                if (name.startsWith("rocksdbjni-")) {
                    String keep = rocksDbLibrary(os, arm);
                    long removed = filterJar(jar, out, e -> !e.startsWith("librocksdbjni-") || e.equals(keep));
                    log("%s: kept only %s (%s of other platforms' natives dropped)", name, keep, megabytes(removed));
                } else if (name.startsWith("jna-") && !name.startsWith("jna-platform")) {
                    String keep = "com/sun/jna/" + jnaPlatform(os, arm) + "/";
                    long removed = filterJar(jar, out,
                            e -> !e.matches("com/sun/jna/[^/]+/.+") || e.startsWith(keep)
                                    || e.endsWith(".class") || e.startsWith("com/sun/jna/internal/"));
                    log("%s: kept only %s (%s dropped)", name, keep, megabytes(removed));
                } else {
                    Files.copy(jar, out);
                }
            }
        }
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
    static long filterJar(Path in, Path out, java.util.function.Predicate<String> keep) throws IOException {
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

    /** What jdeps finds in the staged jars, plus packaging/jlink-modules.txt (reached only at run time). */
    static Set<String> modules(Path input) throws IOException {
        List<String> jdeps = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
                "--multi-release", String.valueOf(Runtime.version().feature())));
        try (Stream<Path> s = Files.list(input)) {
            s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> jdeps.add(p.toString()));
        }
        String out = run("jdeps", jdeps);
        Set<String> modules = new TreeSet<>();
        for (String line : out.split("\\R")) {
            if (!line.isBlank() && !line.startsWith("Warning") && line.matches("[\\w.,]+")) {
                modules.addAll(Arrays.asList(line.trim().split(",")));
            }
        }
        if (modules.isEmpty()) {
            throw new IllegalStateException("jdeps printed no modules:\n" + out);
        }
        log("jdeps: %s", String.join(",", modules));
        Set<String> extra = new TreeSet<>();
        for (String line : Files.readAllLines(PACKAGING.resolve("jlink-modules.txt"))) {
            line = line.strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                extra.add(line);
            }
        }
        extra.removeAll(modules);
        log("added for run time: %s", String.join(",", extra));
        modules.addAll(extra);
        return modules;
    }

    static void jlink(Set<String> modules, Path output) {
        int feature = Runtime.version().feature();
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
        run("jlink", args);
        // The archive for heaps over 32 GB (no compressed oops) is 11 MB that a desktop app never uses.
        try {
            Files.deleteIfExists(output.resolve("lib/server/classes_nocoops.jsa"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Application class-data sharing (AppCDS), Linux: records the classes the desktop window loads up to its first
     * frame (a smoke test under Xvfb) into lib/app/mqscope.classlist and points the launcher at
     * lib/app/mqscope.jsa, which the .deb's postinst dumps from that list at install time. On JDK 17 an archive only
     * matches the exact class-path location it was dumped at, so it cannot be built here for /opt/mqscope; a missing
     * or mismatched archive is silently ignored by the JVM. Returns false (and changes nothing) without a display.
     */
    static boolean recordClassList(Path appImage) throws IOException, InterruptedException {
        List<String> display = displayPrefix();
        if (display == null) {
            log("no DISPLAY and no xvfb-run: skipping the AppCDS class list (start-up is slower, nothing breaks)");
            return false;
        }
        Path app = appImage.resolve("lib/app");
        Path list = app.resolve("mqscope.classlist");
        List<String> cmd = new ArrayList<>(display);
        cmd.addAll(List.of(java(appImage), "-XX:DumpLoadedClassList=" + list.toAbsolutePath(),
                "-Dfile.encoding=UTF-8", "-cp", classPath(appImage), "io.mqscope.cli.Main", "--smoke-test"));
        if (exec(cmd, 180) != 0 || !Files.isRegularFile(list) || Files.size(list) == 0) {
            log("smoke test for the AppCDS class list failed: skipping AppCDS");
            Files.deleteIfExists(list);
            return false;
        }
        Path cfg = app.resolve(appImage.getFileName() + ".cfg");
        String text = Files.readString(cfg);
        String option = "java-options=-XX:SharedArchiveFile=$APPDIR/mqscope.jsa";
        if (!text.contains(option)) {
            Files.writeString(cfg, text.stripTrailing() + System.lineSeparator() + option + System.lineSeparator());
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

    /** The class path exactly as the jpackage launcher builds it from the .cfg (the archive checks it). */
    static String classPath(Path appImage) throws IOException {
        Path app = appImage.resolve("lib/app").toAbsolutePath();
        Path cfg = app.resolve(appImage.getFileName() + ".cfg");
        return Files.readAllLines(cfg).stream().filter(l -> l.startsWith("app.classpath="))
                .map(l -> l.substring("app.classpath=".length()).replace("$APPDIR", app.toString()))
                .collect(Collectors.joining(java.io.File.pathSeparator));
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

    /** Reads an options file: "--option value" or "--flag" per line, # comments; values are taken verbatim. */
    static List<String> options(Path file) throws IOException {
        List<String> result = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
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
