package io.mqscope.ui.capture;

import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import io.mqscope.ui.packets.PacketsView;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Capture tab's content for one capture file (a read-only group of the Connections list): the reading's progress
 * with Cancel, what was read or why it failed, the Packets inspector on the conversation selected in the list and
 * the reassembly notes beside it.
 */
public final class CaptureView {
    private final CaptureViewModel vm;
    private final Window owner;
    private final BorderPane root = new BorderPane();
    private PacketsView packets;

    public CaptureView(CaptureViewModel vm, Window owner) {
        this.vm = vm;
        this.owner = owner;
        createView();
    }

    /** Asks for a capture file; null when the user cancels. */
    public static File choose(Window owner) {
        FileChooser fc = new FileChooser();
        fc.setTitle(I18n.t("capture.open"));
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(I18n.t("capture.files"), "*.pcap", "*.pcapng", "*.cap", "*.dmp"),
                new FileChooser.ExtensionFilter(I18n.t("capture.allFiles"), "*"));
        return fc.showOpenDialog(owner);
    }

    /** Lets capture files be dropped on {@code target}; each one dropped goes to {@code open}. */
    public static void acceptDrops(Node target, Consumer<File> open) {
        target.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream().anyMatch(CaptureView::looksLike)) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        target.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
            List<File> captures = files.stream().filter(CaptureView::looksLike).toList();
            captures.forEach(open);
            e.setDropCompleted(!captures.isEmpty());
            e.consume();
        });
    }

    /** By name: .pcap, .pcapng, .cap, .dmp (tcpdump's, Wireshark's and Windows' usual endings). */
    public static boolean looksLike(File f) {
        String n = f.getName().toLowerCase(Locale.ROOT);
        return n.endsWith(".pcap") || n.endsWith(".pcapng") || n.endsWith(".cap") || n.endsWith(".dmp");
    }

    private void createView() {
        Label name = new Label();
        name.setId("captureFile");
        name.textProperty().bind(vm.fileProperty());
        name.getStyleClass().add("app-title");
        ProgressBar bar = new ProgressBar();
        bar.setId("captureProgress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(vm.progressProperty());
        Button cancel = Controls.button("capture.cancel", Feather.X_CIRCLE);
        cancel.setId("captureCancel");
        cancel.setOnAction(e -> vm.cancel());
        for (Node n : List.of(bar, cancel)) {
            n.visibleProperty().bind(vm.readingProperty());
            n.managedProperty().bind(vm.readingProperty());
        }
        Label status = new Label();
        status.setId("captureStatus");
        // said in the language of the moment this view is made (a language switch makes it again)
        status.textProperty().bind(Bindings.createStringBinding(vm::status, vm.statusProperty()));
        Label error = Controls.errorLabel();
        error.setId("captureError");
        error.textProperty().bind(Bindings.createStringBinding(vm::error, vm.errorProperty()));
        HBox.setHgrow(error, Priority.ALWAYS);
        HBox top = new HBox(10, name, bar, cancel, status, error);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6, 10, 6, 10));

        ListView<String> notes = new ListView<>(vm.notes());
        notes.setId("captureNotes");
        notes.setPlaceholder(new Label(I18n.t("capture.notes.none")));
        Label notesTitle = new Label(I18n.t("capture.notes"));
        VBox notesBox = new VBox(4, notesTitle, notes);
        VBox.setVgrow(notes, Priority.ALWAYS);
        notesBox.setPadding(new Insets(4, 0, 0, 0));

        packets = new PacketsView(vm.packets(), owner);
        SplitPane center = new SplitPane(packets.root(), notesBox);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.78);
        root.setTop(top);
        root.setCenter(center);
    }

    /** Takes the packet views' listeners off the capture's view model (the tab shows another capture or none). */
    public void dispose() {
        packets.dispose();
    }

    public CaptureViewModel viewModel() {
        return vm;
    }

    public Node root() {
        return root;
    }

}
