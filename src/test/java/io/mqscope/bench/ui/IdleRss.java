package io.mqscope.bench.ui;

import io.mqscope.session.ConnectionState;
import io.mqscope.ui.DesktopApp;
import io.mqscope.ui.app.AppBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.UiSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Resident memory of the desktop window connected to its built-in broker and left idle (issue 17's target: under
 * 300 MB). Opens the real main window with the real backend, connects the built-in broker's entry as its button
 * does, waits, and prints VmRSS. Run under a display with the launcher's JVM options:
 *
 * <pre>xvfb-run -a java -XX:+UseSerialGC -Xms32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30
 *     -XX:TieredStopAtLevel=1 -cp ... io.mqscope.bench.ui.IdleRss [idle seconds, default 60]</pre>
 */
public final class IdleRss {

    public static void main(String[] args) throws Exception {
        int idle = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Platform.startup(() -> { });
        CompletableFuture<MainView> opened = new CompletableFuture<>();
        Platform.runLater(() -> opened.complete(DesktopApp.open(new Stage(), UiSettings.DEFAULT,
                AppBackend.create(), ProfileRepository.inMemory(List.of()), Executors.newSingleThreadExecutor())));
        MainView view = opened.get(60, TimeUnit.SECONDS);
        CompletableFuture<ConnectionEntry> local = new CompletableFuture<>();
        Platform.runLater(() -> {
            var connections = view.viewModel().connections();
            ConnectionEntry e = connections.entries().stream().filter(ConnectionEntry::isLocalBroker).findFirst()
                    .orElseThrow();
            connections.connect(e);
            local.complete(e);
        });
        ConnectionEntry e = local.get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (e.stateProperty().get() != ConnectionState.CONNECTED && System.nanoTime() < deadline) {
            Thread.sleep(100); // a benchmark's own polling of an FX property: no test framework here
        }
        System.out.println("connected: " + e.stateProperty().get());
        Thread.sleep(TimeUnit.SECONDS.toMillis(idle));
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .findFirst().orElse("VmRSS: ?");
        System.out.printf("idle %d s with the built-in broker connected: %s%n", idle, rss.replaceAll("\\s+", " "));
        System.exit(0);
    }

    private IdleRss() {
    }
}
