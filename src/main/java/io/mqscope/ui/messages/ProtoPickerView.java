package io.mqscope.ui.messages;

import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import java.io.File;
import java.util.List;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/** The .proto files and message type of a {@link ProtoSchemaModel}: shown only while Protobuf is the format. */
public final class ProtoPickerView {
    private final VBox root;

    /** @param idPrefix distinguishes the viewer's picker from the publisher's ({@code payload}, {@code publish}) */
    public ProtoPickerView(ProtoSchemaModel model, Window owner, ObservableBooleanValue shown, String idPrefix) {
        Button choose = Controls.button("proto.choose", Feather.FILE_TEXT);
        choose.setId(idPrefix + "ProtoChoose");
        choose.setMinWidth(Region.USE_PREF_SIZE);
        choose.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(I18n.t("proto.choose"));
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(I18n.t("proto.files"), "*.proto"));
            List<File> files = fc.showOpenMultipleDialog(owner);
            model.load(files);
        });
        Label files = new Label();
        files.getStyleClass().add("muted");
        files.textProperty().bind(model.filesProperty());
        ComboBox<String> type = new ComboBox<>(model.types());
        type.setId(idPrefix + "ProtoType");
        type.setPromptText(I18n.t("proto.type"));
        type.valueProperty().bindBidirectional(model.typeProperty());
        HBox row = new HBox(6, choose, type, files);
        row.setAlignment(Pos.CENTER_LEFT);
        Label error = Controls.errorLabel();
        error.setId(idPrefix + "ProtoError");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        root = new VBox(2, row, error);
        root.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(shown::get, shown));
        root.managedProperty().bind(root.visibleProperty());
    }

    public Region root() {
        return root;
    }
}
