package io.mqscope.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A mosquitto of its own for one test, configured by that test (an ACL file, {@code max_packet_size}, persistence,
 * a password file...) on one loopback port; {@link #restart} stops it (SIGTERM, which saves a persistent database)
 * and starts it again on the same port, {@link #pause} freezes it.
 */
public final class ConfiguredMosquitto implements AutoCloseable {
    public final int port;
    public final Path dir;
    private final List<String> config;
    private Process process;

    private ConfiguredMosquitto(Path dir, int port, List<String> config) {
        this.dir = dir;
        this.port = port;
        this.config = config;
    }

    /** Starts mosquitto with these configuration lines after the listener's (anonymous unless they say otherwise). */
    public static ConfiguredMosquitto start(Path dir, String... lines) throws IOException, InterruptedException {
        Mosquitto.assumeInstalled();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> config = new ArrayList<>(List.of("user " + System.getProperty("user.name"), "log_dest stdout",
                "log_type all", "listener " + port + " 127.0.0.1"));
        config.addAll(List.of(lines));
        ConfiguredMosquitto m = new ConfiguredMosquitto(dir, port, config);
        m.launch();
        return m;
    }

    /** Writes a file into the broker's directory (ACL, passwords) and returns its path. */
    public static Path file(Path dir, String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    private void launch() throws IOException, InterruptedException {
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n", config) + "\n", StandardCharsets.UTF_8);
        process = new ProcessBuilder(Mosquitto.BINARY.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("mosquitto did not start on " + port + ": " + log());
                }
                Thread.sleep(50);
            }
        }
    }

    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    /** Freezes the broker (SIGSTOP): its sockets stay open, it answers nothing. */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    public String log() throws IOException {
        Path log = dir.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private void signal(String sig) throws IOException, InterruptedException {
        new ProcessBuilder("kill", sig, String.valueOf(process.pid())).inheritIO().start().waitFor();
    }

    private void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        try {
            resume();
        } catch (IOException | RuntimeException e) {
            // destroyed anyway
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
