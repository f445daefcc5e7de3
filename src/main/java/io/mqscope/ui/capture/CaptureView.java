package io.mqscope.ui.capture;

import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import io.mqscope.ui.ThemeSwitcher;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.packets.PacketsView;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * A window on one capture file: the reading's progress with Cancel, then the conversations found (endpoints,
 * transport, packets, errors) and, for the selected one, the Packets inspector and the reassembly notes.
 */
public final class CaptureView {
    private final CaptureViewModel vm;
    private final Stage stage;
    private final BorderPane root = new BorderPane();

    public CaptureView(CaptureViewModel vm, Stage stage) {
        this.vm = vm;
        this.stage = stage;
        createView();
    }

    /** Opens {@code file} in a new window next to {@code owner}. */
    public static CaptureView open(Window owner, TaskExecutor tasks, int maxPackets, boolean dark, File file) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        CaptureView view = new CaptureView(new CaptureViewModel(tasks, maxPackets), stage);
        Scene scene = new Scene(view.root, 1200, 780);
        ThemeSwitcher.style(scene, dark);
        stage.setScene(scene);
        stage.titleProperty().bind(view.vm.fileProperty().map(f -> I18n.t("capture.title", f)));
        stage.setOnHidden(e -> view.vm.cancel());
        stage.show();
        view.vm.open(file.toPath());
        return view;
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
        status.textProperty().bind(vm.statusProperty());
        Label error = Controls.errorLabel();
        error.setId("captureError");
        error.textProperty().bind(vm.errorProperty());
        HBox.setHgrow(error, Priority.ALWAYS);
        HBox top = new HBox(10, name, bar, cancel, status, error);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6, 10, 6, 10));

        TableView<CapturedConversation> list = new TableView<>(vm.conversations());
        list.setId("captureConversations");
        list.setPlaceholder(new Label(I18n.t("capture.none")));
        list.getColumns().addAll(List.of(
                column("capture.col.endpoints", 250, CapturedConversation::endpoints),
                column("capture.col.transport", 130, CaptureViewModel::transport),
                column("capture.col.packets", 70, c -> Integer.toString(c.summary().packetCount())),
                column("capture.col.errors", 60, c -> c.errors() == 0 ? "" : "⚠ " + c.errors())));
        list.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CapturedConversation c, boolean empty) {
                super.updateItem(c, empty);
                boolean bad = !empty && c != null && c.errors() > 0;
                if (bad != getStyleClass().contains("malformed-row")) {
                    if (bad) {
                        getStyleClass().add("malformed-row");
                    } else {
                        getStyleClass().remove("malformed-row");
                    }
                }
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> {
            if (c != null) {
                vm.selectedProperty().set(c);
            }
        });
        vm.selectedProperty().addListener((o, a, c) -> {
            if (c != list.getSelectionModel().getSelectedItem()) {
                list.getSelectionModel().select(c);
            }
        });
        ListView<String> notes = new ListView<>(vm.notes());
        notes.setId("captureNotes");
        notes.setPlaceholder(new Label(I18n.t("capture.notes.none")));
        Label notesTitle = new Label(I18n.t("capture.notes"));
        VBox notesBox = new VBox(4, notesTitle, notes);
        VBox.setVgrow(notes, Priority.ALWAYS);
        notesBox.setPadding(new Insets(4, 0, 0, 0));
        SplitPane left = new SplitPane(list, notesBox);
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.55);

        PacketsView packets = new PacketsView(vm.packets(), stage);
        SplitPane center = new SplitPane(left, packets.root());
        center.setDividerPositions(0.36);
        root.setTop(top);
        root.setCenter(center);
        acceptDrops(root, f -> vm.open(f.toPath()));
    }

    private static TableColumn<CapturedConversation, String> column(String key, double width,
                                                                   Function<CapturedConversation, String> f) {
        TableColumn<CapturedConversation, String> c = new TableColumn<>(I18n.t(key));
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        return c;
    }

    public CaptureViewModel viewModel() {
        return vm;
    }

    public Node root() {
        return root;
    }

    public Stage stage() {
        return stage;
    }
}
