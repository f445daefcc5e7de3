package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.cli.Main;
import io.mqscope.profile.FileSecretStore;
import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 1: after a failed connection, closing the window ends the process within 2 s. The app runs as a
 * subprocess (the real {@link Main} entry point, headless under Monocle) with a profile that auto-connects to a
 * port nobody listens on; {@link #main} closes the window as the title bar's close button does.
 */
class QuitAfterFailedConnectionTest {
    private static final String CLOSED = "window closed";

    @Test
    void windowClosedAfterAFailedConnectionEndsTheProcess(@TempDir Path dir) throws Exception {
        int refused;
        try (ServerSocket s = new ServerSocket(0)) {
            refused = s.getLocalPort();
        }
        Profile failing = Profile.builder().id("refused").name("refused").host("127.0.0.1").port(refused)
                .clientId("quit-test").autoConnect(true).build();
        new ProfileStore(dir, new FileSecretStore(dir)).save(List.of(failing));

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"),
                "-Dmqscope.config.dir=" + dir, "-Dmqscope.ui.settings=" + dir.resolve("ui.properties"),
                "-Djava.awt.headless=true", "-Dprism.order=sw", "-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless", "-Dprism.text=t2k", QuitAfterFailedConnectionTest.class.getName()));
        Process app = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(app.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.equals(CLOSED)) {
                output.append(line).append('\n');
            }
            assertThat(line).as("app output:\n" + output).isEqualTo(CLOSED);
            long closedAt = System.nanoTime();
            boolean exited = app.waitFor(2, TimeUnit.SECONDS);
            assertThat(exited).as("process still running %d ms after the window closed",
                    (System.nanoTime() - closedAt) / 1_000_000).isTrue();
        } finally {
            app.destroyForcibly();
        }
    }

    /** The app under test: waits for the failed connection, then closes the window. */
    public static void main(String[] args) {
        Thread closer = new Thread(() -> {
            try {
                awaitFailedConnection();
                Platform.runLater(() -> {
                    for (Window w : List.copyOf(Window.getWindows())) {
                        WindowEvent request = new WindowEvent(w, WindowEvent.WINDOW_CLOSE_REQUEST);
                        w.fireEvent(request);
                        if (!request.isConsumed()) {
                            w.hide();
                        }
                    }
                    System.out.println(CLOSED);
                    System.out.flush();
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "quit-test-closer");
        closer.setDaemon(true);
        closer.start();
        Main.main(new String[0]);
    }

    /**
     * The HiveMQ client's threads appear once the auto-connect has started; a refused loopback port fails within
     * milliseconds, the grace below lets the failure and the first reconnect attempt be scheduled.
     */
    private static void awaitFailedConnection() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("com.hivemq.client.mqtt"))) {
            if (System.nanoTime() > deadline) {
                System.out.println("no HiveMQ client thread after 60 s");
                System.exit(3);
            }
            Thread.sleep(50);
        }
        Thread.sleep(1500);
    }
}
