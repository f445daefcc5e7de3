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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The desktop window. {@code --smoke-test} opens the window, waits for the first rendered frame, reports the time to
 * it and exits 0.
 */
public final class DesktopApp extends Application {
    /**
     * Who hears what {@code --smoke-test} measured. JavaFX constructs the application itself, so the launcher hands
     * the listener over here, once, before {@link Application#launch}.
     */
    private static volatile SmokeReport smokeReport = ms -> { };
    /** The process's exit status, set by a smoke test that failed. */
    private static volatile SmokeTest smokeTest;

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

    /**
     * What the window reads from disk before it opens: profiles (which may probe the OS keyring), settings and the
     * history (SQLite loads its native library and checks the file). Read on a thread of its own, started before the
     * toolkit, so that it overlaps JavaFX's start-up instead of following it (issue 17: about 150 ms of the first
     * frame); {@link #init} waits for it.
     */
    private record Startup(ProfileRepository profiles, SettingsFile settingsFile, UiSettings settings,
                           WindowLayout windowLayout, HistorySettings historySettings) {
        static Startup read() {
            ProfileRepository profiles = AppBackend.profiles();
            SettingsFile file = SettingsFile.defaultLocation();
            UiSettings settings = file.load();
            WindowLayout layout = file.loadWindow();
            HistorySettings historySettings = HistorySettings.load(file);
            try {
                history = HistoryStore.openIn(file.path().toAbsolutePath().getParent(), historySettings.limits());
            } catch (java.io.IOException | RuntimeException | LinkageError e) {
                historyFailure = String.valueOf(e.getMessage());
            }
            return new Startup(profiles, file, settings, layout, historySettings);
        }
    }

    /** Started by {@link #launchDesktop}; null when JavaFX constructs the application some other way. */
    private static volatile CompletableFuture<Startup> startup;

    @Override
    public void init() {
        // the launcher thread, not the FX thread: what Startup reads touches the disk and may take seconds
        CompletableFuture<Startup> started = startup;
        Startup s = started != null ? started.join() : Startup.read();
        profiles = s.profiles();
        settingsFile = s.settingsFile();
        settings = s.settings();
        windowLayout = s.windowLayout();
        historySettings = s.historySettings();
    }

    /**
     * Opens the window; when it is closed the process ends (issue 14 item 1), whatever happened before.
     *
     * @param report hears what {@code --smoke-test} measured (the command line prints it for CI, packaging/measure.sh
     *               and bench/startup)
     */
    public static void launchDesktop(String[] args, SmokeReport report) {
        GraphicsChoice.apply();
        smokeReport = report;
        startup = CompletableFuture.supplyAsync(Startup::read, r -> {
            Thread t = new Thread(r, "mqscope-startup");
            t.setDaemon(true);
            t.start();
        });
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
        SmokeTest smoke = smokeTest;
        System.exit(smoke == null ? 0 : smoke.status());
    }

    @Override
    public void start(Stage stage) {
        io = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mqscope-io");
            t.setDaemon(true);
            return t;
        });
        backend = AppBackend.create(history);
        String smoke = getParameters().getRaw().stream().filter(a -> a.startsWith("--smoke-test")).findFirst()
                .orElse(null);
        view = MainView.show(stage, settings, settingsFile, backend, profiles,
                new TaskExecutor(io, Platform::runLater), windowLayout);
        view.viewModel().historyOnDisk().opened(historyFailure, historySettings);
        if (smoke == null) {
            // publish templates live beside the profiles (issue 16)
            view.viewModel().publisher().templates().useFile(settingsFile.path().resolveSibling("templates.json"));
            view.viewModel().payload().useChoicesFile(settingsFile.path().resolveSibling("decoding.json"));
            view.viewModel().connections().autoConnect();
            return;
        }
        smokeTest = new SmokeTest(view, smoke, smokeReport);
        smokeTest.start();
    }

    @Override
    public void stop() {
        if (view != null) {
            if (smokeTest == null) {
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
