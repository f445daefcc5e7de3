package io.mqscope.check;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's nginx ({@code /usr/sbin/nginx}, installed by {@code .ci/run}) in the foreground with a generated
 * configuration in a temp folder, on a free loopback port; never the system service.
 */
final class Nginx implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/nginx");

    final int port;
    private final Process process;

    private Nginx(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static void assumeInstalled() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        String notice = "nginx is not installed at " + BINARY + " (.ci/run installs it): nginx tests are SKIPPED";
        if ("1".equals(System.getenv("MQSCOPE_REQUIRE_MOSQUITTO"))) {
            Assertions.fail(notice.replace("SKIPPED", "FAILED because MQSCOPE_REQUIRE_MOSQUITTO=1"));
        }
        System.err.println("NOTICE: " + notice);
        Assumptions.abort(notice);
    }

    /** Starts nginx with {@code locations} (nginx syntax) inside its one server block. */
    static Nginx start(Path dir, String locations) throws IOException {
        return start(dir, "", locations);
    }

    /** As {@link #start(Path, String)} with {@code listenOptions} after the listen address (e.g. " ssl"). */
    static Nginx start(Path dir, String listenOptions, String locations) throws IOException {
        assumeInstalled();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path tmp = Files.createDirectories(dir.resolve("nginx-tmp-" + port));
        String user = System.getProperty("user.name");
        String conf = ("root".equals(user) ? "user root;\n" : "") + "worker_processes 1;\ndaemon off;\n"
                + "pid " + dir.resolve("nginx-" + port + ".pid") + ";\n"
                + "error_log " + dir.resolve("nginx-" + port + ".log") + " warn;\n"
                + "events { worker_connections 64; }\n"
                + "http {\n  access_log off;\n"
                + "  client_body_temp_path " + tmp + "/body;\n  proxy_temp_path " + tmp + "/proxy;\n"
                + "  fastcgi_temp_path " + tmp + "/fastcgi;\n  uwsgi_temp_path " + tmp + "/uwsgi;\n"
                + "  scgi_temp_path " + tmp + "/scgi;\n"
                + "  server {\n    listen 127.0.0.1:" + port + listenOptions + ";\n" + locations + "\n  }\n}\n";
        Path file = dir.resolve("nginx-" + port + ".conf");
        Files.writeString(file, conf, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(BINARY.toString(), "-c", file.toString(), "-p", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx-" + port + ".out").toFile()).start();
        Nginx n = new Nginx(port, p);
        Awaitility.await().atMost(15, TimeUnit.SECONDS).until(() -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("nginx-" + port
                        + ".out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return n;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
