package io.mqscope.ui;

import io.mqscope.ui.app.AppBackend;
import io.mqscope.ui.app.Backend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.main.MainView;
import io.mqscope.store.HistoryStore;
import io.mqscope.ui.settings.HistorySettings;
import io.mqscope.ui.settings.SettingsFile;
import io.mqscope.ui.settings.UiSettings;
import io.mqscope.ui.settings.WindowLayout;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The desktop window. {@code --smoke-test} opens the window, waits for the first rendered frame, reports the time to
 * it and exits 0.
 */
public final class DesktopApp extends Application {
    private static final long STARTED = System.nanoTime();
    /**
     * Who hears "first frame after N ms" under {@code --smoke-test}. JavaFX constructs the application itself, so
     * the launcher hands the listener over here, once, before {@link Application#launch}.
     */
    private static volatile LongConsumer firstFrameListener = ms -> { };

    private ExecutorService io;
    private Backend backend;
    private MainView view;
    private ProfileRepository profiles;
    private SettingsFile settingsFile;
    private UiSettings settings;
    private WindowLayout windowLayout;
    /** The window's layout at close, written by the launcher thread after the toolkit has stopped. */
    private static volatile WindowLayout closingLayout;
    private static volatile SettingsFile closingFile;
    /** Messages kept across restarts; opened by init, closed by the launcher thread after the window has gone. */
    private static volatile HistoryStore history;
    /** Why the history could not be opened, or null. */
    private static volatile String historyFailure;
    private HistorySettings historySettings = HistorySettings.DEFAULT;

    @Override
    public void init() {
        // the launcher thread, not the FX thread: opening the profile store may probe the OS keyring for seconds,
        // and reading the settings touches the disk
        profiles = AppBackend.profiles();
        settingsFile = SettingsFile.defaultLocation();
        settings = settingsFile.load();
        windowLayout = settingsFile.loadWindow();
        // opening SQLite loads its native library and checks the file: here, never on the FX thread
        historySettings = HistorySettings.load(settingsFile);
        try {
            history = HistoryStore.openIn(settingsFile.path().toAbsolutePath().getParent(),
                    historySettings.limits());
        } catch (java.io.IOException | RuntimeException | LinkageError e) {
            historyFailure = String.valueOf(e.getMessage());
        }
    }

    /**
     * Opens the window; when it is closed the process ends (issue 14 item 1), whatever happened before.
     *
     * @param firstFrameMillis receives the milliseconds from start to the first rendered frame (with
     *                         {@code --smoke-test}; the command line prints them for CI and packaging/measure.sh)
     */
    public static void launchDesktop(String[] args, LongConsumer firstFrameMillis) {
        firstFrameListener = firstFrameMillis;
        Application.launch(DesktopApp.class, args);
        // here, not in stop(): stop() runs on the FX thread, which does no file I/O
        HistoryStore h = history;
        if (h != null) {
            // what is still queued is written (a few seconds at most), so a clean exit loses nothing
            h.close();
        }
        WindowLayout layout = closingLayout;
        SettingsFile file = closingFile;
        if (layout != null && file != null) {
            try {
                file.saveWindow(layout);
            } catch (java.io.IOException | RuntimeException e) {
                // the next start opens at a size that fits the screen
            }
        }
        // stop() has closed sessions and the broker, but the HiveMQ client's Netty event loops are non-daemon
        // threads that linger for tens of seconds after a failed connection (reconnect timers, graceful shutdown
        // quiet periods). A closed window means the user is done: end the process now.
        System.exit(0);
    }

    @Override
    public void start(Stage stage) {
        io = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mqscope-io");
            t.setDaemon(true);
            return t;
        });
        backend = AppBackend.create(history);
        boolean smokeTest = getParameters().getRaw().contains("--smoke-test");
        view = MainView.show(stage, settings, settingsFile, backend, profiles,
                new TaskExecutor(io, Platform::runLater), windowLayout);
        view.viewModel().historyOnDisk().opened(historyFailure, historySettings);
        if (!smokeTest) {
            // publish templates live beside the profiles (issue 16)
            view.viewModel().publisher().templates().useFile(settingsFile.path().resolveSibling("templates.json"));
            view.viewModel().payload().useChoicesFile(settingsFile.path().resolveSibling("decoding.json"));
            view.viewModel().connections().autoConnect();
            return;
        }
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                // the first pulse after show() renders the first frame; the second proves it was shown
                if (++frames == 2) {
                    stop();
                    firstFrameListener.accept((System.nanoTime() - STARTED) / 1_000_000);
                    Platform.exit();
                }
            }
        }.start();
    }

    @Override
    public void stop() {
        if (view != null) {
            if (!getParameters().getRaw().contains("--smoke-test")) {
                closingLayout = view.layout();
                closingFile = settingsFile;
            }
            view.shutdown();
        }
        if (backend != null) {
            backend.shutdown();
        }
        if (io != null) {
            io.shutdownNow();
        }
    }

    /** Builds the same window for tests and screenshots, on the FX thread; settings are not saved. */
    public static MainView open(Stage stage, UiSettings settings, Backend backend, ProfileRepository profiles,
                                Executor io) {
        return open(stage, settings, null, backend, profiles, io);
    }

    /** As above, saving settings chosen in the window to {@code settingsFile}. */
    public static MainView open(Stage stage, UiSettings settings, SettingsFile settingsFile, Backend backend,
                                ProfileRepository profiles, Executor io) {
        return MainView.show(stage, settings, settingsFile, backend, profiles,
                new TaskExecutor(io, Platform::runLater));
    }
}
