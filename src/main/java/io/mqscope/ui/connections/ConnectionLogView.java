package io.mqscope.ui.connections;

import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The connection log as text: selectable and copyable (a read-only text area; Ctrl+C copies a selection, the
 * button copies it all), wrapped so no reason is cut off.
 */
public final class ConnectionLogView {
    private final VBox root = new VBox(6);
    /** What this view listens to on its long-lived view model, taken off by {@link #dispose}. */
    private final io.mqscope.ui.ViewListeners listeners = new io.mqscope.ui.ViewListeners();

    public ConnectionLogView(ConnectionLogViewModel vm) {
        TextArea text = new TextArea();
        text.setId("connectionLog");
        text.setEditable(false);
        text.setWrapText(true);
        text.getStyleClass().add("connection-log");
        text.textProperty().bind(vm.textProperty());
        // a text input's binding listens strongly (unlike other properties'): unbound when the view goes
        listeners.onDispose(text.textProperty()::unbind);
        // the newest entry is the one the user looks for
        text.textProperty().addListener((o, a, b) -> text.positionCaret(b.length()));
        VBox.setVgrow(text, Priority.ALWAYS);
        Label copied = new Label();
        copied.getStyleClass().add("muted");
        Button copy = Controls.button("log.copy", Feather.COPY);
        copy.setId("copyLogButton");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(vm.textProperty().get());
            Clipboard.getSystemClipboard().setContent(c);
            copied.setText(I18n.t("log.copied"));
        });
        listeners.onChange(vm.textProperty(), (o, a, b) -> copied.setText(""));
        HBox bar = new HBox(8, copy, copied);
        bar.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(text, bar);
        root.setPadding(new Insets(8));
    }

    /** Takes this view's listeners off its view model (the window was built again, e.g. in another language). */
    public void dispose() {
        listeners.dispose();
    }

    public Node root() {
        return root;
    }
}
