package io.mqscope.ui.messages;

import io.mqscope.ui.I18n;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Keeps {@link DecodingChoices} across restarts in a {@link DecodingChoicesFile}: read once when the app gives the
 * file, written after every change on the I/O executor. Saves may finish out of order on the executor's threads, so
 * each carries a number and only the newest is written. FX thread only, except the file work.
 */
final class RememberedDecodings {
    private final DecodingChoices choices;
    private final TaskExecutor tasks;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final AtomicLong newest = new AtomicLong();
    private DecodingChoicesFile file;
    private List<DecodingChoicesFile.Entry> inactive = List.of();

    RememberedDecodings(DecodingChoices choices, TaskExecutor tasks) {
        this.choices = choices;
        this.tasks = tasks;
    }

    /** Reads the choices kept in {@code path}; they apply before any chosen since (a choice made now wins). */
    void useFile(Path path) {
        DecodingChoicesFile f = new DecodingChoicesFile(path);
        BackgroundTask.wrap(f::read).onSuccess(loaded -> {
            List<DecodingChoices.Rule> now = choices.rules();
            loaded.rules().forEach(r -> choices.remember(r.filter(), r.format(), r.proto()));
            now.forEach(r -> choices.remember(r.filter(), r.format(), r.proto()));
            inactive = loaded.inactive();
            file = f;
            if (loaded.quarantined() != null) {
                status.set(I18n.t("decoding.quarantined", path, loaded.quarantined(), loaded.problem()));
            } else if (loaded.problem() != null) {
                status.set(I18n.t("decoding.inactive", loaded.inactive().size(), loaded.problem()));
            }
            if (!now.isEmpty()) {
                changed();
            }
        }).onFailure(e -> status.set(I18n.t("decoding.readFailed", path, String.valueOf(e.getMessage()))))
                .executeWith(tasks);
    }

    /** Saves the current choices (when a file is in use). */
    void changed() {
        DecodingChoicesFile f = file;
        if (f == null) {
            return;
        }
        List<DecodingChoices.Rule> rules = choices.rules();
        List<DecodingChoicesFile.Entry> keep = inactive;
        long number = newest.incrementAndGet();
        BackgroundTask.wrapAction(() -> {
            synchronized (f) {
                if (number == newest.get()) {
                    f.write(rules, keep);
                }
            }
        }).onFailure(e -> status.set(I18n.t("decoding.writeFailed", f.path(), String.valueOf(e.getMessage()))))
                .executeWith(tasks);
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
