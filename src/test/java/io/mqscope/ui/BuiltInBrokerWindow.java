package io.mqscope.ui;

import io.mqscope.broker.BrokerSettings;
import io.mqscope.ui.app.AppBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.main.MainViewModel;
import io.mqscope.ui.settings.UiSettings;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/**
 * The real main window at 1280×820 over the built-in broker on ephemeral ports, with no saved profiles: what a
 * TestFX test opens in its {@code @Start} method and closes in its {@code @AfterEach}, written once.
 */
public final class BuiltInBrokerWindow {
    private final AppBackend backend = new AppBackend(BrokerSettings.ephemeral());
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final MainView view;

    private BuiltInBrokerWindow(Stage stage) {
        stage.setWidth(1280);
        stage.setHeight(820);
        view = DesktopApp.open(stage, UiSettings.DEFAULT, backend, ProfileRepository.inMemory(List.of()), pool);
    }

    /** Opens the window on {@code stage} (the FX thread, as TestFX calls {@code @Start}). */
    public static BuiltInBrokerWindow open(Stage stage) {
        return new BuiltInBrokerWindow(stage);
    }

    public MainView view() {
        return view;
    }

    public MainViewModel vm() {
        return view.viewModel();
    }

    /** Shuts the window down on the FX thread, then the broker and the I/O pool. */
    public void close(FxRobot robot) {
        robot.interact(view::shutdown);
        backend.shutdown();
        pool.shutdownNow();
    }
}
