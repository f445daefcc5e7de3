package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.broker.BrokerSettings;
import io.mqscope.session.ConnectionState;
import io.mqscope.store.HistoryStore;
import io.mqscope.ui.app.AppBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.main.MainViewModel;
import io.mqscope.ui.messages.MessageRow;
import io.mqscope.ui.settings.SettingsFile;
import io.mqscope.ui.settings.UiSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/**
 * The real main window at 1280×820 over the built-in broker on ephemeral ports, with no saved profiles: what a
 * TestFX test opens in its {@code @Start} method and closes in its {@code @AfterEach}, written once. A test that needs
 * other settings, a settings file, the history on disk or another size says so through {@link #with()}.
 */
public final class BuiltInBrokerWindow {
    /** How long a test waits for a connection, a subscription or a message. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final AppBackend backend;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final MainView view;

    private BuiltInBrokerWindow(Stage stage, Options options) {
        // TestFX shares one stage between all FX test classes: without a size of its own the window would keep the
        // small one a dialog test left. Set before the window is shown, which centres it on the Monocle screen
        // (headless.geometry in pom.xml; a window reaching past its edge makes Monocle log BufferOverflowExceptions)
        stage.setWidth(options.width);
        stage.setHeight(options.height);
        backend = new AppBackend(BrokerSettings.ephemeral(), options.history);
        view = DesktopApp.open(stage, options.settings, options.settingsFile, backend,
                ProfileRepository.inMemory(List.of()), pool);
    }

    /** Opens the window on {@code stage} (the FX thread, as TestFX calls {@code @Start}). */
    public static BuiltInBrokerWindow open(Stage stage) {
        return with().open(stage);
    }

    /** The window with something other than the defaults. */
    public static Options with() {
        return new Options();
    }

    public MainView view() {
        return view;
    }

    public MainViewModel vm() {
        return view.viewModel();
    }

    /** The built-in broker and its wiretaps, for the ports they bound. */
    public AppBackend backend() {
        return backend;
    }

    /** Connects the first connection, the built-in "Local broker", and waits until it is connected. */
    public ConnectionEntry connectLocalBroker(FxRobot robot) {
        ConnectionEntry local = Fx.read(() -> vm().connections().entries().get(0));
        robot.interact(() -> vm().connections().connect(local));
        await().atMost(WAIT).until(() -> Fx.read(() -> local.stateProperty().get()) == ConnectionState.CONNECTED);
        return local;
    }

    /** Types {@code filter} into the subscription box, presses Enter and waits until the broker granted it. */
    public void subscribeByTyping(FxRobot robot, String filter) {
        robot.clickOn("#subscriptionFilter").write(filter).type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> Fx.read(() -> vm().subscriptions().statusProperty().get())
                .equals(I18n.t("subscriptions.subscribed", filter)));
    }

    /** Sends {@code text} to {@code topic} through the publisher's view model, as its Send button does. */
    public void send(FxRobot robot, String topic, String text) {
        robot.interact(() -> {
            vm().publisher().topicProperty().set(topic);
            vm().publisher().payloadProperty().set(text);
            assertThat(vm().publisher().send()).isTrue();
        });
    }

    /** Waits for a received (not sent) message with exactly these payload bytes and returns its row. */
    public MessageRow awaitIncoming(byte[] payload) {
        await().atMost(WAIT).until(() -> Fx.read(() -> vm().messages().visible().stream()
                .anyMatch(m -> !m.event().outgoing() && Arrays.equals(m.event().payload(), payload))));
        return Fx.read(() -> vm().messages().visible().stream()
                .filter(m -> !m.event().outgoing() && Arrays.equals(m.event().payload(), payload))
                .findFirst().orElseThrow());
    }

    /** Shuts the window down on the FX thread, then the broker and the I/O pool. */
    public void close(FxRobot robot) {
        robot.interact(view::shutdown);
        backend.shutdown();
        pool.shutdownNow();
    }

    /** What a window differs in from the default one. */
    public static final class Options {
        private UiSettings settings = UiSettings.DEFAULT;
        private SettingsFile settingsFile;
        private HistoryStore history;
        private double width = 1280;
        private double height = 820;

        private Options() {
        }

        public Options settings(UiSettings s) {
            settings = s;
            return this;
        }

        /** Settings chosen in the window are saved to {@code file} (by default they are not saved). */
        public Options savingTo(SettingsFile file) {
            settingsFile = file;
            return this;
        }

        /** Sessions record into {@code store}, which the test opens and closes (by default nothing is kept). */
        public Options history(HistoryStore store) {
            history = store;
            return this;
        }

        public Options size(double w, double h) {
            width = w;
            height = h;
            return this;
        }

        public BuiltInBrokerWindow open(Stage stage) {
            return new BuiltInBrokerWindow(stage, this);
        }
    }
}
