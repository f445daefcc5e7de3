package io.mqscope.ui.main;

import io.mqscope.store.HistoryStore;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.settings.HistorySettings;
import io.mqscope.ui.settings.SettingsFile;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;

/**
 * The main window's side of the history on disk (issue 15): what happened when it was opened, said in the
 * connections' message line, and its bounds as the user sets them in Settings (applied at once, saved beside the
 * settings).
 */
public final class HistoryOnDisk {
    private final HistoryStore store;
    private final StringProperty notice;
    private final SettingsFile settingsFile;
    private final StringProperty saveError;
    private final TaskExecutor tasks;
    private HistorySettings settings = HistorySettings.DEFAULT;
    /** What the history could not keep (its writer behind, or the disk failing); empty while it keeps everything. */
    private final ReadOnlyStringWrapper losses = new ReadOnlyStringWrapper("");
    private long shownDropped;

    HistoryOnDisk(HistoryStore store, StringProperty notice, SettingsFile settingsFile, StringProperty saveError,
                  TaskExecutor tasks) {
        this.store = store;
        this.notice = notice;
        this.settingsFile = settingsFile;
        this.saveError = saveError;
        this.tasks = tasks;
    }

    /**
     * Says what happened to the file at start: it could not be opened ({@code failure}: messages are not kept), or
     * it was unreadable and set aside. Nothing when all went well. {@code limits}: the bounds it was opened with.
     */
    public void opened(String failure, HistorySettings limits) {
        settings = limits;
        if (failure != null) {
            notice.set(I18n.t("history.openFailed", failure));
        } else if (store != null && store.readOnly()) {
            notice.set(I18n.t("history.readOnly", store.file().toString()));
            losses.set(I18n.t("history.readOnlyStatus"));
        } else if (store != null && store.setAside() != null) {
            notice.set(I18n.t("history.setAside", store.setAside().toString()));
        }
    }

    /** Called a few times a second: says how many messages and packets the history dropped, once they exist. */
    public void refresh() {
        if (store == null || store.readOnly()) {
            return;
        }
        long dropped = store.dropped();
        if (dropped != shownDropped) {
            shownDropped = dropped;
            losses.set(store.failure() != null
                    ? I18n.t("history.failing", dropped, String.valueOf(store.failure().getMessage()))
                    : I18n.t("history.dropped", dropped));
        }
    }

    public ReadOnlyStringProperty lossesProperty() {
        return losses.getReadOnlyProperty();
    }

    /** What Settings says under the history's bounds: why they do not apply here, or empty. */
    public String state() {
        return store != null && store.readOnly() ? I18n.t("history.readOnly", store.file().toString()) : "";
    }

    public HistorySettings settings() {
        return settings;
    }

    /** New bounds: applied at once (the writer evicts the oldest rows), saved on the I/O executor. */
    public void apply(HistorySettings h) {
        settings = h;
        if (store != null) {
            store.setLimits(h.limits());
        }
        if (settingsFile != null) {
            BackgroundTask.wrapAction(() -> h.save(settingsFile))
                    .onFailure(e -> saveError.set(I18n.t("settings.saveFailed", e.getMessage()))).executeWith(tasks);
        }
    }
}
