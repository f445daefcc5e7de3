package io.mqscope.ui;

import io.mqscope.ui.app.AppBackend;
import io.mqscope.ui.app.Backend;
import io.mqscope.ui.app.FxThread;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.main.MainViewModel;
import io.mqscope.ui.settings.SettingsFile;
import io.mqscope.ui.settings.UiSettings;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The desktop window. {@code --smoke-test} opens the window, waits for the first rendered frame, prints the time to
 * it and exits 0.
 */
public final class DesktopApp extends Application {
    private static final long STARTED = System.nanoTime();

    private ExecutorService io;
    private Backend backend;
    private MainView view;
    private ProfileRepository profiles;

    @Override
    public void init() {
        // the launcher thread, not the FX thread: opening the profile store may probe the OS keyring for seconds
        profiles = AppBackend.profiles();
    }

    public static void launchDesktop(String[] args) {
        Application.launch(DesktopApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        FxThread.use(Platform::runLater);
        io = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mqscope-io");
            t.setDaemon(true);
            return t;
        });
        SettingsFile settingsFile = SettingsFile.defaultLocation();
        UiSettings settings = settingsFile.load();
        backend = AppBackend.create();
        view = MainView.show(stage, settings, settingsFile, backend, profiles, io);
        if (!getParameters().getRaw().contains("--smoke-test")) {
            view.viewModel().connections().autoConnect();
        }
        if (getParameters().getRaw().contains("--smoke-test")) {
            new AnimationTimer() {
                private int frames;

                @Override
                public void handle(long now) {
                    // the first pulse after show() renders the first frame; the second proves it was shown
                    if (++frames == 2) {
                        stop();
                        System.out.printf("first frame after %d ms%n", (System.nanoTime() - STARTED) / 1_000_000);
                        Platform.exit();
                    }
                }
            }.start();
        }
    }

    @Override
    public void stop() {
        if (view != null) {
            view.shutdown();
        }
        if (backend != null) {
            backend.shutdown();
        }
        if (io != null) {
            io.shutdownNow();
        }
    }

    /** Builds the same window for tests and screenshots, on the FX thread. */
    public static MainView open(Stage stage, UiSettings settings, Backend backend, ProfileRepository profiles,
                                java.util.concurrent.Executor io) {
        FxThread.use(Platform::runLater);
        return MainView.show(stage, settings, null, backend, profiles, io);
    }

}
