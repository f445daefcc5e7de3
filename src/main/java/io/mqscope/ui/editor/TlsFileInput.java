package io.mqscope.ui.editor;

import io.mqscope.ui.I18n;
import java.io.File;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * A CA, certificate or key file input: the path field, "Browse…" and drag-and-drop (issue 14 item 15). The path is
 * all the view sets; the view model reads the file and says what it holds.
 */
public final class TlsFileInput {

    /** Asks the user for a file over {@code owner}; null when nothing was chosen. Tests put their own in. */
    @FunctionalInterface
    public interface Chooser {
        File choose(Window owner);
    }

    /** The platform's open-file dialog. */
    public static final Chooser NATIVE = owner -> {
        FileChooser fc = new FileChooser();
        fc.setTitle(I18n.t("tlsFile.choose"));
        return fc.showOpenDialog(owner);
    };

    private TlsFileInput() {
    }

    /**
     * The field with its Browse… button ({@code #browse-<key>}); a file dropped on the field is taken like a chosen
     * one. {@code chooser} is asked at each click, so that it can be replaced after the editor is built.
     */
    static Node create(String key, TextInputControl field, Supplier<Chooser> chooser) {
        Button browse = new Button(I18n.t("tlsFile.browse"));
        browse.setId("browse-" + key);
        browse.setMinWidth(Region.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            File chosen = chooser.get().choose(browse.getScene().getWindow());
            if (chosen != null) {
                field.setText(chosen.getAbsolutePath());
            }
        });
        field.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        field.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty();
            if (ok) {
                field.setText(e.getDragboard().getFiles().get(0).getAbsolutePath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        HBox box = new HBox(6, field, browse);
        HBox.setHgrow(field, Priority.ALWAYS);
        return box;
    }
}
