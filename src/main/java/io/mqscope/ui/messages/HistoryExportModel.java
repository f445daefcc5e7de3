package io.mqscope.ui.messages;

import io.mqscope.session.MessageEvent;
import io.mqscope.store.HistoryExport;
import io.mqscope.store.HistoryQuery;
import io.mqscope.store.HistoryStore;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Export of a connection's messages, all or the current filter's matches, as JSON lines or CSV, on the I/O
 * executor with progress and cancel. From the history on disk when there is one, else from memory.
 */
public final class HistoryExportModel {
    /** Progress reaches the FX thread at most this often, whatever the export's speed. */
    private static final long PROGRESS_NANOS = 100_000_000L;

    private final HistoryStore store;
    private final TaskExecutor tasks;
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private AtomicBoolean cancel = new AtomicBoolean();

    HistoryExportModel(HistoryStore store, TaskExecutor tasks) {
        this.store = store;
        this.tasks = tasks;
    }

    /**
     * Writes the messages {@code q} matches (its connection's whole history when the query has no filters) into
     * {@code file}; {@code inMemory} is the fallback without a history on disk.
     */
    public void export(HistoryQuery q, List<MessageEvent> inMemory, Path file, HistoryExport.Format format) {
        cancel.set(true);
        AtomicBoolean mine = new AtomicBoolean();
        cancel = mine;
        progress.set(0);
        running.set(true);
        status.set(I18n.t("export.running", file.getFileName()));
        AtomicLong lastShown = new AtomicLong();
        java.util.function.DoubleConsumer onProgress = p -> {
            long now = System.nanoTime();
            if (p >= 1.0 || now - lastShown.get() >= PROGRESS_NANOS) {
                lastShown.set(now);
                tasks.onUi(() -> progress.set(p));
            }
        };
        BackgroundTask.wrap(() -> store != null && q.connection() != null
                        ? HistoryExport.write(store, q, file, format, onProgress, mine::get)
                        : HistoryExport.write(inMemory, file, format, onProgress, mine::get))
                .onSuccess(n -> {
                    running.set(false);
                    progress.set(1);
                    status.set(mine.get() ? I18n.t("export.cancelled", n, file.getFileName())
                            : I18n.t("export.done", n, file.toString()));
                })
                .onFailure(e -> {
                    running.set(false);
                    status.set(I18n.t("export.failed", file.getFileName(), String.valueOf(e.getMessage())));
                })
                .executeWith(tasks);
    }

    public void cancel() {
        cancel.set(true);
    }

    public DoubleProperty progressProperty() { return progress; }
    public BooleanProperty runningProperty() { return running; }
    public StringProperty statusProperty() { return status; }
}
