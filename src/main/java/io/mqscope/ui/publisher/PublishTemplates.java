package io.mqscope.ui.publisher;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

    /** Reads templates kept in {@code path} (if it exists) and writes every change back to it. */
    public void useFile(Path path) {
        this.file = path;
        BackgroundTask.wrap(() -> Files.isRegularFile(path) ? read(path) : List.<PublishTemplate>of())
                .onSuccess(list -> all.setAll(list))
                .onFailure(e -> status.set(I18n.t("templates.readFailed", path, e.getMessage()))).executeWith(tasks);
    }

    private void persist() {
        if (file != null) {
            exportTo(file);
        }
    }

    /** Writes every template as a JSON array. */
    public void exportTo(Path path) {
        List<PublishTemplate> copy = List.copyOf(all);
        BackgroundTask.wrapAction(() -> write(path, copy))
                .onSuccess(v -> status.set(path.equals(file) ? "" : I18n.t("templates.exported", copy.size(), path)))
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
