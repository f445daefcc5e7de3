package io.mqscope.session;

import io.mqscope.testing.Mosquitto;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A mosquitto with on-disk persistence on a given port, so it can be stopped (SIGTERM saves its database) and
 * started again with the same sessions and queued messages.
 */
final class PersistentMosquitto implements AutoCloseable {
    private final Process process;

    private PersistentMosquitto(Process process) {
        this.process = process;
    }

    static PersistentMosquitto start(Path dir, int port) throws IOException, InterruptedException {
        Mosquitto.assumeInstalled();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "user " + System.getProperty("user.name"),
                "persistence true",
                "persistence_location " + dir + "/",
                "log_dest stdout",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true", ""), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(Mosquitto.BINARY.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
        PersistentMosquitto m = new PersistentMosquitto(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return m;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    m.close();
                    throw new IllegalStateException("mosquitto did not start on " + port + ": "
                            + Files.readString(dir.resolve("mosquitto.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    /** Freezes the broker (SIGSTOP): its sockets stay open, it answers nothing. */
    void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a paused broker run again (SIGCONT). */
    void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String sig) throws IOException, InterruptedException {
        int rc = new ProcessBuilder("kill", sig, String.valueOf(process.pid())).inheritIO().start().waitFor();
        if (rc != 0) {
            throw new IllegalStateException("kill " + sig + " " + process.pid() + " exited with " + rc);
        }
    }

    @Override
    public void close() throws InterruptedException {
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
}
