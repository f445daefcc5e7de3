package io.mqscope.ui;

import static org.awaitility.Awaitility.await;

import io.mqscope.broker.BrokerSettings;
import io.mqscope.session.ConnectionState;
import io.mqscope.session.MessageProperties;
import io.mqscope.session.PublishRequest;
import io.mqscope.store.HistoryLimits;
import io.mqscope.store.HistoryStore;
import io.mqscope.ui.app.AppBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.UiSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/**
 * One run of the app on a test's stage over the history kept in {@code dir} (issue 15's restore tests: a first run
 * records, a second run over the same directory shows what was restored). Closed like the app closes.
 */
public final class HistoryRun implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    public final HistoryStore history;
    public final AppBackend backend;
    public final MainView view;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final FxRobot robot;

    public HistoryRun(FxRobot robot, Stage stage, Path dir) throws Exception {
        this.robot = robot;
        history = HistoryStore.openIn(dir, HistoryLimits.DEFAULT);
        backend = new AppBackend(BrokerSettings.ephemeral(), history);
        AtomicReference<MainView> opened = new AtomicReference<>();
        // interact, not Fx.read: building the window may take longer than its bound on a loaded machine
        robot.interact(() -> opened.set(DesktopApp.open(stage, UiSettings.DEFAULT, backend,
                ProfileRepository.inMemory(List.of()), pool)));
        view = opened.get();
    }

    /** Connects the built-in broker's entry and waits until it is connected. */
    public ConnectionEntry connect() {
        ConnectionEntry local = Fx.read(() -> view.viewModel().connections().entries().get(0));
        robot.interact(() -> view.viewModel().connections().connect(local));
        await().atMost(WAIT).until(() -> Fx.read(() -> local.stateProperty().get()) == ConnectionState.CONNECTED);
        return local;
    }

    /** Publishes "hello again" at QoS 1 on {@code topic} and waits for its PUBACK. */
    public void publish(ConnectionEntry e, String topic) throws Exception {
        e.live().session().publish(new PublishRequest(topic, "hello again".getBytes(StandardCharsets.UTF_8), 1,
                false, MessageProperties.NONE)).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        robot.interact(view::shutdown);
        backend.shutdown();
        pool.shutdownNow();
        history.close();
    }

    /** Whether the Messages list shows a message on {@code topic}. */
    public static boolean shows(io.mqscope.ui.messages.MessagesViewModel vm, String topic) {
        return Fx.read(() -> vm.visible().stream().anyMatch(r -> r.event().topic().equals(topic)));
    }

    /** The texts of every label inside {@code cell}, joined with "|". */
    public static String texts(org.testfx.api.FxRobot robot, javafx.scene.Node cell) {
        java.util.function.Predicate<javafx.scene.Node> labeled = n -> n instanceof javafx.scene.control.Labeled;
        return Fx.read(() -> String.join("|", robot.from(cell).lookup(labeled).queryAll().stream()
                .map(n -> ((javafx.scene.control.Labeled) n).getText()).filter(t -> t != null).toList()));
    }
}
