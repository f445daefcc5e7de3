package io.mqscope.check;

import io.mqscope.testing.Mosquitto;
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

/**
 * mosquitto with one anonymous listener on loopback: TLS serving the given certificate file (may hold a chain), or
 * plain with extra settings.
 */
final class TlsMosquitto implements AutoCloseable {
    final int port;
    private final Process process;

    private TlsMosquitto(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static TlsMosquitto start(Path dir, Path certFile, Path keyFile) throws IOException {
        return startPlain(dir, "certfile " + certFile + "\nkeyfile " + keyFile + "\n");
    }

    /** One anonymous listener with {@code settings} (mosquitto.conf lines) added to it. */
    static TlsMosquitto startPlain(Path dir, String settings) throws IOException {
        Mosquitto.assumeInstalled();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("tls-" + port + ".conf");
        Files.writeString(conf, "per_listener_settings true\nuser " + System.getProperty("user.name")
                + "\npersistence false\nlog_dest stdout\nlistener " + port + " 127.0.0.1\nallow_anonymous true\n"
                + settings, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(Mosquitto.BINARY.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("tls-" + port + ".log").toFile()).start();
        TlsMosquitto m = new TlsMosquitto(port, p);
        Awaitility.await().atMost(15, TimeUnit.SECONDS).until(() -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("mosquitto exited: "
                        + Files.readString(dir.resolve("tls-" + port + ".log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return m;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
