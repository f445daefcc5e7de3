package io.mqscope.ui.check;

import io.mqscope.check.BrokerCheck;
import io.mqscope.check.CheckOptions;
import io.mqscope.check.CheckReport;
import io.mqscope.check.RuleResult;
import io.mqscope.check.StageResult;
import io.mqscope.profile.Profile;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The broker check of one profile for the desktop app: runs {@code BrokerCheck} on the I/O executor and shows its
 * stages as they finish (the check's thread leaves the latest rows in one slot; at most one UI update is pending at
 * a time, so the FX thread gets batches), then the verdict, the warnings and, for ws/wss, the mini-program rules.
 */
public final class CheckViewModel {
    private final Profile profile;
    private final String url;
    private final TaskExecutor tasks;
    private final Locale locale;
    private final ObservableList<StageResult> stages = FXCollections.observableArrayList();
    private final ObservableList<RuleResult> rules = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ObjectProperty<CheckReport> report = new SimpleObjectProperty<>();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final AtomicReference<List<StageResult>> latest = new AtomicReference<>();
    private final AtomicBoolean updatePending = new AtomicBoolean();

    private final BackgroundTask.Work<Profile> resolve;

    public CheckViewModel(Profile profile, String url, TaskExecutor tasks, Locale locale) {
        this(profile, url, tasks, locale, () -> profile);
    }

    /**
     * @param resolve the profile to check, computed on the I/O executor when the check starts (the built-in
     *                broker's profile gets its port once the broker runs)
     */
    public CheckViewModel(Profile profile, String url, TaskExecutor tasks, Locale locale,
            BackgroundTask.Work<Profile> resolve) {
        this.resolve = resolve;
        this.profile = profile;
        this.url = url;
        this.tasks = tasks;
        this.locale = locale;
    }

    /** The profile's address as the report names it (never its password). */
    public static String url(Profile p) {
        String scheme = switch (p.transport()) {
            case TCP -> "mqtt";
            case TLS -> "mqtts";
            case WS -> "ws";
            case WSS -> "wss";
        };
        return scheme + "://" + p.host() + ":" + p.port() + (p.transport().webSocket() ? p.wsPath() : "");
    }

    /** Runs the check (again); ignored while one runs. */
    public void start() {
        if (running.get()) {
            return;
        }
        running.set(true);
        stages.clear();
        rules.clear();
        warnings.clear();
        report.set(null);
        message.set("");
        CheckOptions options = CheckOptions.of(Duration.ofSeconds(Math.max(1, Math.min(30,
                profile.connectTimeoutSeconds()))), locale).withMiniprogram(profile.transport().webSocket())
                .withProgress(this::progress);
        BackgroundTask.wrap(() -> {
            Profile p = resolve.call();
            return BrokerCheck.run(p, url(p), options);
        }).onSuccess(r -> {
            running.set(false);
            report.set(r);
            stages.setAll(r.stages());
            rules.setAll(r.miniprogram());
            warnings.setAll(r.warnings());
        }).onFailure(e -> {
            running.set(false);
            message.set(String.valueOf(e.getMessage()));
        }).executeWith(tasks);
    }

    /** On the check's thread: keep the newest rows, and ask for one UI update unless one is pending already. */
    private void progress(List<StageResult> rows) {
        latest.set(rows);
        if (updatePending.compareAndSet(false, true)) {
            tasks.onUi(() -> {
                updatePending.set(false);
                List<StageResult> now = latest.get();
                if (running.get() && now != null) {
                    stages.setAll(now);
                }
            });
        }
    }

    public String markdown() {
        return report.get() == null ? "" : CheckReportText.markdown(report.get(), locale);
    }

    /** Writes the report as a self-contained HTML page, off the FX thread; {@code message} says how it went. */
    public void saveHtml(File file, String savedMessage) {
        CheckReport r = report.get();
        if (r == null) {
            return;
        }
        String html = CheckReportText.html(r, locale);
        BackgroundTask.wrapAction(() -> Files.writeString(file.toPath(), html, StandardCharsets.UTF_8))
                .onSuccess(v -> message.set(savedMessage)).onFailure(e -> message.set(String.valueOf(e.getMessage())))
                .executeWith(tasks);
    }

    public Profile profile() { return profile; }
    public String url() { return url; }
    public ObservableList<StageResult> stages() { return stages; }
    public ObservableList<RuleResult> rules() { return rules; }
    public ObservableList<String> warnings() { return warnings; }
    public ObjectProperty<CheckReport> reportProperty() { return report; }
    public BooleanProperty runningProperty() { return running; }
    public StringProperty messageProperty() { return message; }
}
