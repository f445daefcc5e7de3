package io.mqscope.ui.publisher;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mqscope.profile.ConfigFile;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Saved publish templates: global ones and those of one connection, saved again under the same name and scope
 * replaced. Exported and imported as a JSON array of {@link PublishTemplate}s; kept in a file of the config
 * directory when the app gives one ({@link #useFile}). Files are read and written on the I/O executor.
 */
public final class PublishTemplates {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<PublishTemplate>> LIST = new TypeReference<>() {
    };

    private final ObservableList<PublishTemplate> all = FXCollections.observableArrayList();
    private final StringProperty connection = new SimpleStringProperty();
    private final FilteredList<PublishTemplate> offered = new FilteredList<>(all, t -> true);
    private final StringProperty status = new SimpleStringProperty("");
    private final TaskExecutor tasks;
    private final AtomicLong newest = new AtomicLong();
    private Path file;

    public PublishTemplates(TaskExecutor tasks) {
        this.tasks = tasks;
        connection.addListener((o, a, b) -> offered.setPredicate(t -> t.connection() == null
                || t.connection().equals(b)));
    }

    /** Saves {@code t}, replacing one with the same name and scope. */
    public void put(PublishTemplate t) {
        all.removeIf(o -> o.name().equals(t.name()) && Objects.equals(o.connection(), t.connection()));
        all.add(t);
        all.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        persist();
    }

    public void remove(PublishTemplate t) {
        all.remove(t);
        persist();
    }

    /**
     * Reads templates kept in {@code path} (if it exists) and writes every change back to it, atomically
     * ({@link ConfigFile}). A file that is not a template list is moved aside, not overwritten by the next save.
     */
    public void useFile(Path path) {
        BackgroundTask.wrap(() -> readKept(path)).onSuccess(kept -> {
            List<PublishTemplate> before = List.copyOf(all);
            all.setAll(kept.templates());
            before.forEach(this::replace); // saved before the file was read: kept too
            all.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
            this.file = path;
            if (kept.quarantined() != null) {
                status.set(I18n.t("templates.quarantined", path, kept.quarantined(), kept.problem()));
            }
            if (!before.isEmpty()) {
                persist();
            }
        }).onFailure(e -> status.set(I18n.t("templates.readFailed", path, e.getMessage()))).executeWith(tasks);
    }

    private record Kept(List<PublishTemplate> templates, Path quarantined, String problem) {
    }

    private static Kept readKept(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return new Kept(List.of(), null, null);
        }
        try {
            return new Kept(read(path), null, null);
        } catch (JacksonException e) {
            return new Kept(List.of(), ConfigFile.quarantine(path), e.getOriginalMessage());
        }
    }

    private void replace(PublishTemplate t) {
        all.removeIf(o -> o.name().equals(t.name()) && Objects.equals(o.connection(), t.connection()));
        all.add(t);
    }

    private void persist() {
        Path f = file;
        if (f == null) {
            return;
        }
        List<PublishTemplate> copy = List.copyOf(all);
        long number = newest.incrementAndGet();
        // saves may finish out of order on the I/O executor's threads: only the newest is written
        BackgroundTask.wrapAction(() -> {
            synchronized (newest) {
                if (number == newest.get()) {
                    ConfigFile.write(f, JSON.writeValueAsBytes(copy));
                }
            }
        }).onFailure(e -> status.set(I18n.t("templates.writeFailed", f, e.getMessage()))).executeWith(tasks);
    }

    /** Writes every template as a JSON array. */
    public void exportTo(Path path) {
        List<PublishTemplate> copy = List.copyOf(all);
        BackgroundTask.wrapAction(() -> write(path, copy))
                .onSuccess(v -> status.set(I18n.t("templates.exported", copy.size(), path)))
                .onFailure(e -> status.set(I18n.t("templates.writeFailed", path, e.getMessage()))).executeWith(tasks);
    }

    /** Adds the templates of a JSON file exported before (same name and scope: the imported one wins). */
    public void importFrom(Path path) {
        BackgroundTask.wrap(() -> read(path)).onSuccess(list -> {
            for (PublishTemplate t : list) {
                all.removeIf(o -> o.name().equals(t.name()) && Objects.equals(o.connection(), t.connection()));
                all.add(t);
            }
            all.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
            status.set(I18n.t("templates.imported", list.size(), path));
            persist();
        }).onFailure(e -> status.set(I18n.t("templates.readFailed", path, e.getMessage()))).executeWith(tasks);
    }

    static List<PublishTemplate> read(Path path) throws IOException {
        List<PublishTemplate> list = JSON.readValue(path.toFile(), LIST);
        List<PublishTemplate> ok = new ArrayList<>();
        for (PublishTemplate t : list) {
            if (t != null && t.name() != null && !t.name().isBlank()) {
                ok.add(t);
            }
        }
        return ok;
    }

    static void write(Path path, List<PublishTemplate> list) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), list);
        Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The templates offered for the current connection: the global ones and its own. */
    public ObservableList<PublishTemplate> offered() { return offered; }
    public ObservableList<PublishTemplate> all() { return all; }
    /** The current connection's profile name (null: none). */
    public StringProperty connectionProperty() { return connection; }
    public StringProperty statusProperty() { return status; }
}
