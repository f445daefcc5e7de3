package io.mqscope.packaging;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Application class-data sharing (AppCDS) for the jar launcher: trains target/mqscope on the command line's
 * {@code broker}, {@code pub}, {@code sub}, {@code decode}, {@code check} and {@code tap} paths, merges the classes
 * each run loaded, and dumps one static archive, target/mqscope.jsa, which target/mqscope's subcommands use while it
 * is newer than the jar. The window gets its own archive, target/mqscope-window.jsa, trained on
 * {@code --smoke-test=broker} (its first frame, then its built-in broker connected) under a display
 * ({@code xvfb-run}, else {@code DISPLAY}; without either it is left out): the launcher runs the window with JavaFX
 * on the module path, which an archive dumped for the subcommands' class path does not match.
 *
 * <pre>
 * java packaging/AppCds.java      (after target/mqscope exists: mvn package runs it after Dist.java --launchers)
 * </pre>
 *
 * <p>The training runs go through target/mqscope itself, with {@code JDK_JAVA_OPTIONS} adding the class-list flag,
 * so the archive matches whatever class path and options the launcher uses. Nothing here may fail the build: a
 * training run that fails only leaves its classes out, and a failed dump leaves no archive (start-up is slower,
 * nothing breaks). Why the launcher checks the archive's age: on JDK 17 a static archive whose jar changed is
 * silently refused, and with it the JDK's own default archive, so a stale archive is slower than none.
 */
public final class AppCds {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path LAUNCHER = TARGET.resolve("mqscope");
    private static final Path ARCHIVE = TARGET.resolve("mqscope.jsa");
    private static final Path WINDOW_ARCHIVE = TARGET.resolve("mqscope-window.jsa");
    private static final Path WORK = TARGET.resolve("app-cds");

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Files.deleteIfExists(ARCHIVE); // the training must not run with an old archive
        Files.deleteIfExists(WINDOW_ARCHIVE);
        if (System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows")
                || !Files.isExecutable(LAUNCHER)) {
            log("no POSIX launcher: no AppCDS archive (start-up is slower, nothing breaks)");
            return;
        }
        Files.createDirectories(WORK);
        try (var s = Files.walk(WORK)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(WORK)) {
                    Files.delete(p);
                }
            }
        }
        List<Path> lists = train();
        dump(ARCHIVE, lists, "--version");
        // "--smoke-test": the launcher's window path, with the module path the window runs with
        windowClassList().ifPresent(list -> dump(WINDOW_ARCHIVE, List.of(list), "--smoke-test"));
        log("done in %.1f s", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Dumps one static archive of the classes in {@code lists} through the launcher, which {@code launcherArgument}
     * sends down the path (subcommands or window) whose class and module path the archive must match. The JVM
     * exits after the dump ({@code -Xshare:dump}): the argument is never run.
     */
    private static void dump(Path archive, List<Path> lists, String launcherArgument) {
        String name = archive.getFileName().toString();
        try {
            Set<String> merged = merge(lists);
            if (merged.isEmpty()) {
                log("%s: no training run loaded any class: no archive", name);
                return;
            }
            Path classList = WORK.resolve(name.replace(".jsa", ".classlist"));
            Files.write(classList, merged);
            Path tmp = TARGET.resolve(name + ".tmp");
            Files.deleteIfExists(tmp);
            int rc = run("dump-" + name, List.of(LAUNCHER.toString(), launcherArgument),
                    "-Xshare:dump -XX:SharedClassListFile=" + classList + " -XX:SharedArchiveFile=" + tmp, 300,
                    null);
            if (rc != 0 || !Files.isRegularFile(tmp)) {
                Files.deleteIfExists(tmp);
                log("%s: dump failed (exit %d): no archive, start-up is slower, nothing breaks", name, rc);
                return;
            }
            // Moved into place last, so that it is newer than the jar (the launcher's freshness check).
            Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log("AppCDS archive: %s (%d classes, %.1f MB)", archive, merged.size(), Files.size(archive) / 1e6);
        } catch (IOException e) {
            log("%s: %s: no archive, start-up is slower, nothing breaks", name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The classes the window loads up to its first frame and its built-in broker's connection:
     * {@code target/mqscope --smoke-test=broker} under a display, with
     * its own empty configuration directory (the training must not touch the user's profiles, settings or history).
     * Empty without a display.
     */
    private static java.util.Optional<Path> windowClassList() throws IOException, InterruptedException {
        List<String> display = displayPrefix();
        if (display == null) {
            log("no DISPLAY and no xvfb-run: no window archive (the window starts slower, nothing breaks)");
            return java.util.Optional.empty();
        }
        Path list = WORK.resolve("window.lst");
        Path config = WORK.resolve("window-config");
        Files.createDirectories(config);
        List<String> cmd = new ArrayList<>(display);
        // =broker: the window connects its built-in broker too, so the broker's classes (HiveMQ CE, which runs in
        // the window's process) come from the archive as well
        cmd.addAll(List.of(LAUNCHER.toString(), "--smoke-test=broker"));
        int rc = run("window", cmd, "-XX:DumpLoadedClassList=" + list + " -Dmqscope.config.dir=" + config, 180,
                null);
        if (rc != 0 || !Files.isRegularFile(list)) {
            log("window: the smoke test failed: no window archive");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(list);
    }

    /**
     * How the window's training run gets a display: its own Xvfb through {@code xvfb-run} where there is one (no
     * window flashes on the developer's screen), else the desktop's {@code DISPLAY}; null without either.
     */
    static List<String> displayPrefix() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "xvfb-run"))) {
                return List.of(Path.of(dir, "xvfb-run").toString(), "-a", "-s", "-screen 0 1400x900x24");
            }
        }
        String d = System.getenv("DISPLAY");
        return d != null && !d.isEmpty() ? List.of() : null;
    }

    /** Runs the training commands; returns the class lists they wrote. */
    private static List<Path> train() throws IOException, InterruptedException {
        String mq = LAUNCHER.toString();
        int port = freePort();
        int wsPort = freePort();
        Process broker = start("broker", List.of(mq, "broker", "--tcp-port", "" + port, "--ws-port", "" + wsPort));
        try {
            if (!awaitPort(port, broker, 90)) {
                log("the built-in broker did not start: training without a broker");
            } else {
                String p = "" + port;
                run("pub", List.of(mq, "pub", "-p", p, "-t", "mqscope/cds", "-m", "{\"t\":21.5}", "-r", "-q", "1"));
                run("sub", List.of(mq, "sub", "-p", p, "-t", "mqscope/#", "-C", "1", "-W", "30", "-v"));
                run("sub-json", List.of(mq, "sub", "-p", p, "-V", "5", "-t", "mqscope/cds", "-C", "1", "-W", "30",
                        "--json"));
                run("check", List.of(mq, "check", "mqtt://127.0.0.1:" + p, "--timeout", "10"));
                trainTap(mq, port);
            }
            run("decode", List.of(mq, "decode", "--hex", "30 0b 00 03 61 2f 62 68 65 6c 6c 6f 21"));
            run("decode-json", List.of(mq, "decode", "--json", "--hex", "c0 00"));
            // not the window: it runs JavaFX from the module path, which this archive is not dumped with (the
            // window has its own, windowClassList)
        } finally {
            stop(broker);
        }
        try (var s = Files.list(WORK)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".lst")).sorted().toList();
        }
    }

    /** The wiretap between a client and the broker: one publish goes through it, then it is stopped. */
    private static void trainTap(String mq, int brokerPort) throws IOException, InterruptedException {
        int tapPort = freePort();
        Process tap = start("tap", List.of(mq, "tap", "--listen", "mqtt://127.0.0.1:" + tapPort, "--url",
                "mqtt://127.0.0.1:" + brokerPort));
        try {
            if (awaitPort(tapPort, tap, 60)) {
                run("pub-tap", List.of(mq, "pub", "-p", "" + tapPort, "-t", "mqscope/tap", "-m", "x"));
            }
        } finally {
            stop(tap);
        }
    }

    /** The lines of every class list, each once, in first-seen order (comments left out). */
    static Set<String> merge(List<Path> lists) throws IOException {
        Set<String> merged = new LinkedHashSet<>();
        for (Path list : lists) {
            for (String line : Files.readAllLines(list)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    merged.add(line);
                }
            }
        }
        return merged;
    }

    private static Process start(String name, List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(WORK.resolve(name + ".log").toFile());
        pb.environment().put("JDK_JAVA_OPTIONS", "-XX:DumpLoadedClassList=" + WORK.resolve(name + ".lst"));
        return pb.start();
    }

    private static int run(String name, List<String> cmd) throws IOException, InterruptedException {
        return run(name, cmd, "-XX:DumpLoadedClassList=" + WORK.resolve(name + ".lst"), 120, null);
    }

    private static int run(String name, List<String> cmd, String jvmOptions, int timeoutSeconds,
                           Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(WORK.resolve(name + ".log").toFile());
        pb.environment().put("JDK_JAVA_OPTIONS", jvmOptions);
        if (env != null) {
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        p.getOutputStream().close(); // no stdin: a command that would read it sees its end
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            log("%s: still running after %d s, stopped (its classes count as far as they were written)",
                    name, timeoutSeconds);
            stop(p);
            return -1;
        }
        if (p.exitValue() != 0) {
            log("%s: exit %d (see %s)", name, p.exitValue(), WORK.resolve(name + ".log"));
        }
        return p.exitValue();
    }

    /** Ends a training process with SIGTERM (the JVM exits normally and closes its class list), then forcibly. */
    private static void stop(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static boolean awaitPort(int port, Process owner, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && owner.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                Thread.sleep(100); // polling a port a child process is about to open: nothing to await on
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void log(String format, Object... args) {
        System.out.println("[app-cds] " + String.format(Locale.ROOT, format, args));
    }

    private AppCds() {
    }
}
