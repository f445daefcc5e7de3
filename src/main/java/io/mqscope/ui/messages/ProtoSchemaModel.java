package io.mqscope.ui.messages;

import io.mqscope.payload.ProtoChoice;
import io.mqscope.payload.ProtoSchema;
import io.mqscope.payload.ProtoSchemaError;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Protobuf message type chosen for a view or the publisher: {@code .proto} files loaded on the I/O executor (a
 * file that does not parse shows its file, line and column) and one of their message types.
 */
public final class ProtoSchemaModel {
    private final ObjectProperty<ProtoSchema> schema = new SimpleObjectProperty<>();
    private final ObservableList<String> types = FXCollections.observableArrayList();
    private final StringProperty type = new SimpleStringProperty();
    private final StringProperty files = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObjectBinding<ProtoChoice> choice;
    private final TaskExecutor tasks;

    public ProtoSchemaModel(TaskExecutor tasks) {
        this.tasks = tasks;
        choice = Bindings.createObjectBinding(() -> schema.get() == null || type.get() == null ? null
                : new ProtoChoice(schema.get(), type.get()), schema, type);
    }

    /** Parses the files off the FX thread; the first message type is chosen unless the current one is there. */
    public void load(List<File> chosen) {
        if (chosen == null || chosen.isEmpty()) {
            return;
        }
        List<Path> paths = chosen.stream().map(File::toPath).toList();
        error.set("");
        BackgroundTask.wrap(() -> ProtoSchema.load(paths)).onSuccess(loaded -> {
            if (!loaded.ok()) {
                ProtoSchemaError e = loaded.error();
                error.set(I18n.t("proto.error", e.file(), e.line(), e.column(), e.reason()));
                return;
            }
            set(new ProtoChoice(loaded.schema(), type.get()));
        }).onFailure(e -> error.set(I18n.t("proto.error", paths.get(0), 0, 0, String.valueOf(e.getMessage()))))
                .executeWith(tasks);
    }

    /** Shows a choice made before (a remembered one); a type the files do not declare becomes their first one. */
    public void set(ProtoChoice c) {
        if (c == null || c.schema() == null) {
            return;
        }
        List<String> names = c.schema().messageTypes();
        String keep = c.type() != null && names.contains(c.type()) ? c.type() : names.isEmpty() ? null : names.get(0);
        schema.set(c.schema());
        types.setAll(names);
        type.set(keep);
        files.set(String.join(", ", c.schema().files().stream().map(p -> p.getFileName().toString()).toList()));
        error.set("");
    }

    /** The current choice, or null until files and a type are chosen. */
    public ProtoChoice choice() {
        return choice.get();
    }

    public ObjectBinding<ProtoChoice> choiceProperty() { return choice; }
    public ObservableList<String> types() { return types; }
    public StringProperty typeProperty() { return type; }
    public StringProperty filesProperty() { return files; }
    public StringProperty errorProperty() { return error; }
}
