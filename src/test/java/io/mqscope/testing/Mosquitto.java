package io.mqscope.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Debian's mosquitto ({@code /usr/sbin/mosquitto}) as a subprocess with a generated configuration on free ports,
 * stopped when the test run ends (JUnit root store) or, at the latest, when the JVM exits.
 *
 * <p>Listeners (per-listener settings): {@link #tcpPort} and {@link #wsPort} anonymous; {@link #tlsPort} and
 * {@link #wssPort} with the test server certificate of {@link TestTls}, anonymous; {@link #mtlsPort} TLS requiring
 * a client certificate signed by the test CA; {@link #authPort} plain tcp requiring {@link #USERNAME} /
 * {@link #PASSWORD}.
 *
 * <p>Where mosquitto is not installed, tests using it fail when {@code MQSCOPE_REQUIRE_MOSQUITTO=1} (CI) and are
 * skipped with a visible notice otherwise. Note: Debian's mosquitto 2.0.11 binds WebSocket listeners to every
 * interface whatever the configuration says; the ports are random and high.
 */
public final class Mosquitto implements AutoCloseable, ParameterResolver, BeforeEachCallback {
    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    public static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");
    public static final String USERNAME = "mqscope";
    public static final String PASSWORD = "s3cret-pw";
    private static final String KEY = "mqscope.mosquitto";

    public final int tcpPort;
    public final int wsPort;
    public final int tlsPort;
    public final int wssPort;
    public final int mtlsPort;
    public final int authPort;
    private final Path dir;
    private final Process process;
    private final Thread shutdownHook;

    private Mosquitto(Path dir, Process process, int[] ports) {
        this.dir = dir;
        this.process = process;
        this.tcpPort = ports[0];
        this.wsPort = ports[1];
        this.tlsPort = ports[2];
        this.wssPort = ports[3];
        this.mtlsPort = ports[4];
        this.authPort = ports[5];
        this.shutdownHook = new Thread(process::destroyForcibly, "mosquitto-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Public no-argument constructor for {@code @ExtendWith(Mosquitto.class)}; not a running broker. */
    public Mosquitto() {
        this.dir = null;
        this.process = null;
        this.shutdownHook = null;
        this.tcpPort = this.wsPort = this.tlsPort = this.wssPort = this.mtlsPort = this.authPort = -1;
    }

    /** Fails (CI) or skips with a notice when mosquitto is not installed. */
    public static void assumeInstalled() {
        if (Files.isExecutable(BINARY) && Files.isExecutable(PASSWD)) {
            return;
        }
        String notice = "mosquitto is not installed at " + BINARY + " (apt-get install mosquitto): "
                + "mosquitto tests are SKIPPED";
        if ("1".equals(System.getenv("MQSCOPE_REQUIRE_MOSQUITTO"))) {
            Assertions.fail(notice.replace("SKIPPED", "FAILED because MQSCOPE_REQUIRE_MOSQUITTO=1"));
        }
        System.err.println("NOTICE: " + notice);
        Assumptions.abort(notice);
    }

    /** The instance shared by the whole test run, started on first use. */
    public static Mosquitto shared(ExtensionContext context) {
        assumeInstalled();
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, k -> new Resource(startNew()), Resource.class).mosquitto;
    }

    /** A new instance the caller closes (for tests that stop or restart it). */
    public static Mosquitto startNew() {
        assumeInstalled();
        try {
            Path dir = Files.createTempDirectory("mqscope-mosquitto-");
            int[] ports = new int[6];
            for (int i = 0; i < ports.length; i++) {
                ports[i] = freePort(ports);
            }
            Path passwords = dir.resolve("passwords");
            Process pw = new ProcessBuilder(PASSWD.toString(), "-b", "-c", passwords.toString(), USERNAME, PASSWORD)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("passwd.log").toFile()).start();
            if (!pw.waitFor(20, TimeUnit.SECONDS) || pw.exitValue() != 0) {
                pw.destroyForcibly();
                throw new IllegalStateException("mosquitto_passwd failed: " + read(dir.resolve("passwd.log")));
            }
            Path conf = dir.resolve("mosquitto.conf");
            Files.writeString(conf, config(dir, ports, passwords), StandardCharsets.UTF_8);
            Path log = dir.resolve("mosquitto.log");
            Process p = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Mosquitto m = new Mosquitto(dir, p, ports);
            try {
                m.awaitListening(ports, log);
            } catch (RuntimeException e) {
                m.close();
                throw e;
            }
            return m;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start mosquitto: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting mosquitto", e);
        }
    }

    private static String config(Path dir, int[] p, Path passwords) {
        String tls = "cafile " + TestTls.file("ca.pem") + "\ncertfile " + TestTls.file("server.pem")
                + "\nkeyfile " + TestTls.file("server.key") + "\n";
        return String.join("\n", List.of(
                "per_listener_settings true",
                // started as root, mosquitto would switch to user "mosquitto", who cannot read our temp folder
                "user " + System.getProperty("user.name"),
                "persistence false",
                "log_dest stdout",
                "log_type error",
                "log_type warning",
                "log_type notice",
                "",
                "listener " + p[0] + " 127.0.0.1",
                "allow_anonymous true",
                "",
                "listener " + p[1] + " 127.0.0.1",
                "protocol websockets",
                "allow_anonymous true",
                "",
                "listener " + p[2] + " 127.0.0.1",
                "allow_anonymous true",
                tls,
                "listener " + p[3] + " 127.0.0.1",
                "protocol websockets",
                "allow_anonymous true",
                tls,
                "listener " + p[4] + " 127.0.0.1",
                "allow_anonymous true",
                "require_certificate true",
                tls,
                "listener " + p[5] + " 127.0.0.1",
                "allow_anonymous false",
                "password_file " + passwords,
                "")) + "\n";
    }

    private void awaitListening(int[] ports, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (int port : ports) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ": "
                            + read(log));
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("mosquitto does not listen on " + port + ": " + read(log));
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    /** What mosquitto logged so far (errors, warnings, notices). */
    public String log() {
        return dir == null ? "" : read(dir.resolve("mosquitto.log"));
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // JVM already exiting: the hook runs anyway
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // leftover temp files are harmless
        }
    }

    /** Skips (or fails on CI) before parameters are resolved: an abort inside a resolver would be an error. */
    @Override
    public void beforeEach(ExtensionContext context) {
        for (Class<?> type : context.getRequiredTestMethod().getParameterTypes()) {
            if (type == Mosquitto.class) {
                assumeInstalled();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == Mosquitto.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return shared(extension);
    }

    private static int freePort(int[] taken) throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                int port = s.getLocalPort();
                boolean dup = false;
                for (int t : taken) {
                    dup |= t == port;
                }
                if (!dup && port > 10000) {
                    return port;
                }
            }
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static final class Resource implements ExtensionContext.Store.CloseableResource {
        final Mosquitto mosquitto;

        Resource(Mosquitto mosquitto) {
            this.mosquitto = mosquitto;
        }

        @Override
        public void close() {
            mosquitto.close();
        }
    }
}
