package io.mqscope.ui.packets;

import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import io.mqscope.ui.ThemeSwitcher;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/** "Paste bytes": decode hex from Wireshark or a serial log without a connection. */
public final class PasteBytesView {
    private final PasteBytesViewModel vm;
    private final BorderPane root = new BorderPane();
    private Runnable onClose = () -> { };

    public PasteBytesView(PasteBytesViewModel vm) {
        this.vm = vm;
        createView();
    }

    public static Stage open(Window owner) {
        PasteBytesView v = new PasteBytesView(new PasteBytesViewModel());
        Stage s = new Stage();
        s.initOwner(owner);
        s.setTitle(I18n.t("paste.title"));
        Scene scene = new Scene(v.root, 1100, 700);
        // Escape closes, like the Close button (issue 14 item 12)
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                s.close();
                e.consume();
            }
        });
        v.onClose = s::close;
        ThemeSwitcher.style(scene, owner != null && owner.getScene() != null
                && owner.getScene().getRoot().getStyleClass().contains("theme-dark"));
        s.setScene(scene);
        s.show();
        return s;
    }

    public BorderPane root() {
        return root;
    }

    public PasteBytesViewModel viewModel() {
        return vm;
    }

    private void createView() {
        TextArea input = new TextArea();
        input.setId("pasteInput");
        input.setPromptText(I18n.t("paste.prompt"));
        input.setPrefRowCount(4);
        input.getStyleClass().add("mono");
        input.textProperty().bindBidirectional(vm.inputProperty());
        ChoiceBox<Direction> dir = new ChoiceBox<>();
        dir.getItems().addAll(Direction.values());
        dir.setConverter(PacketsView.converter(PacketsView::arrow));
        dir.valueProperty().bindBidirectional(vm.directionProperty());
        ChoiceBox<Integer> version = new ChoiceBox<>();
        version.getItems().addAll(0, 3, 4, 5);
        version.setConverter(PacketsView.converter(v -> v == null || v == 0 ? I18n.t("paste.versionAuto")
                : v == 3 ? "MQTT 3.1" : v == 4 ? "MQTT 3.1.1" : "MQTT 5"));
        version.valueProperty().bindBidirectional(vm.protocolVersionProperty());
        Button analyze = Controls.button("paste.analyze", Feather.SEARCH);
        analyze.setId("analyzeButton");
        analyze.getStyleClass().add("accent");
        analyze.setDefaultButton(true);
        analyze.setOnAction(e -> vm.analyze());
        Label layout = new Label();
        layout.setId("pasteLayout");
        layout.textProperty().bind(vm.layoutProperty());
        javafx.scene.layout.Region grow = new javafx.scene.layout.Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button close = Controls.button("paste.close", Feather.X);
        close.setId("pasteCloseButton");
        close.setCancelButton(true);
        close.setOnAction(e -> onClose.run());
        HBox bar = new HBox(8, dir, version, analyze, layout, grow, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label error = Controls.errorLabel();
        error.setId("pasteError");
        error.textProperty().bind(vm.errorProperty());
        vm.errorPositionProperty().addListener((o, a, p) -> {
            if (p != null && p >= 0) {
                input.selectRange(p, Math.min(p + 1, input.getLength()));
            }
        });
        Label hint = new Label(I18n.t("paste.hint"));
        hint.setId("pasteHint");
        hint.setWrapText(true);
        hint.getStyleClass().add("muted");
        VBox top = new VBox(6, hint, input, bar, error);
        top.setPadding(new Insets(8));

        ListView<DecodedPacket> packets = new ListView<>(vm.packets());
        packets.setId("pastePackets");
        packets.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(DecodedPacket p, boolean empty) {
                super.updateItem(p, empty);
                getStyleClass().remove("malformed-row");
                if (empty || p == null) {
                    setText(null);
                    return;
                }
                if (p.malformed()) {
                    getStyleClass().add("malformed-row");
                }
                setText("#" + p.index() + "  " + p.type() + "  " + I18n.t("messages.bytes", p.length())
                        + (p.malformed() ? "  ⚠" : ""));
            }
        });
        packets.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != null && packets.getSelectionModel().getSelectedItem() != b) {
                packets.getSelectionModel().select(b);
            }
        });
        ListView<io.mqscope.wire.Finding> stream = new ListView<>(vm.streamFindings());
        stream.setId("streamFindings");
        stream.setCellFactory(l -> new PacketDetailView.FindingCell());
        stream.setPrefHeight(60);
        stream.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.streamFindings()));
        stream.visibleProperty().bind(stream.managedProperty());
        VBox left = new VBox(4, packets, stream);
        // "#12  PUBLISH  1,024 bytes  ⚠" whole, in both languages
        left.setMinWidth(200);
        VBox.setVgrow(packets, Priority.ALWAYS);
        PacketDetailView detail = new PacketDetailView(vm.detail());
        SplitPane split = new SplitPane(left, detail.root());
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.2);
        root.setTop(top);
        root.setCenter(split);
    }
}
