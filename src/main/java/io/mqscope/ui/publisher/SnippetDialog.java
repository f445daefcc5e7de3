package io.mqscope.ui.publisher;

import io.mqscope.profile.Snippet;
import io.mqscope.ui.I18n;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextArea;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** "Copy as code": the active connection (and the publisher's topic) as code for another client, with a copy button. */
final class SnippetDialog {
    private final Dialog<Void> dialog = new Dialog<>();

    SnippetDialog(PublisherViewModel vm, Window owner) {
        dialog.initOwner(owner);
        dialog.setTitle(I18n.t("snippet.copyAsCode"));
        ChoiceBox<Snippet.Target> target = new ChoiceBox<>();
        target.setId("snippetTarget");
        target.getItems().addAll(Snippet.Target.values());
        target.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Snippet.Target t) {
                return t == null ? "" : I18n.t("snippet.target." + t.id());
            }

            @Override
            public Snippet.Target fromString(String s) {
                return null;
            }
        });
        CheckBox secrets = new CheckBox(I18n.t("snippet.includeSecrets"));
        secrets.setId("snippetSecrets");
        TextArea code = new TextArea();
        code.setId("snippetCode");
        code.setEditable(false);
        code.getStyleClass().add("mono");
        code.setPrefColumnCount(90);
        code.setPrefRowCount(24);
        VBox.setVgrow(code, Priority.ALWAYS);
        Runnable render = () -> {
            String s = target.getValue() == null ? "" : vm.snippet(target.getValue(), secrets.isSelected());
            code.setText(s == null ? "" : s);
        };
        target.valueProperty().addListener((o, a, b) -> render.run());
        secrets.selectedProperty().addListener((o, a, b) -> render.run());
        target.setValue(Snippet.Target.NODE);
        Button copy = new Button(I18n.t("snippet.copy"));
        copy.setId("snippetCopy");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(code.getText());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        });
        HBox bar = new HBox(8, target, secrets, copy);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, bar, code);
        box.setPadding(new Insets(8));
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.setResizable(true);
    }

    void show() {
        dialog.show();
    }
}
