package io.mqscope.ui.packets;

import io.mqscope.tap.PacketEvent;
import io.mqscope.tap.WebSocketFrameEvent;
import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The live packet inspector: a table of packets and the selected packet's bytes, fields and findings. */
public final class PacketsView {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final PacketsViewModel vm;
    private final Window owner;
    private final BorderPane root = new BorderPane();
    /** What this view listens to on its view model, taken off by {@link #dispose} (a language switch). */
    private final io.mqscope.ui.ViewListeners listeners = new io.mqscope.ui.ViewListeners();
    private PacketDetailView detail;
    private final TableView<PacketEvent> table;

    public PacketsView(PacketsViewModel vm, Window owner) {
        this.vm = vm;
        this.owner = owner;
        this.table = new TableView<>(vm.visible());
        createView();
    }

    private void createView() {
        ChoiceBox<Direction> dir = new ChoiceBox<>();
        dir.getItems().addAll(null, Direction.CLIENT_TO_BROKER, Direction.BROKER_TO_CLIENT);
        dir.setConverter(converter(d -> d == null ? I18n.t("packets.allDirections") : arrow(d)));
        dir.valueProperty().bindBidirectional(vm.directionProperty());
        // several types at once (CONNECT + CONNACK, PUBLISH + PUBACK): ControlsFX's check-combo
        org.controlsfx.control.CheckComboBox<PacketType> type = new org.controlsfx.control.CheckComboBox<>();
        type.setId("typeFilter");
        type.getStyleClass().add("type-filter");
        // the checked names as its title, cut with "…" rather than pushing the tool bar to a second line
        type.setPrefWidth(180);
        type.getItems().addAll(PacketType.values());
        type.setTitle(I18n.t("packets.allTypes"));
        type.getCheckModel().getCheckedItems().addListener((javafx.collections.ListChangeListener<PacketType>) c -> {
            List<PacketType> checked = List.copyOf(type.getCheckModel().getCheckedItems());
            vm.types().setAll(checked);
            type.setTitle(checked.isEmpty() ? I18n.t("packets.allTypes")
                    : checked.stream().map(PacketType::name).collect(java.util.stream.Collectors.joining(", ")));
        });
        vm.types().forEach(t -> type.getCheckModel().check(t));
        CheckBox withFindings = new CheckBox(I18n.t("packets.withFindings"));
        withFindings.selectedProperty().bindBidirectional(vm.withFindingsProperty());
        ToggleButton pause = new ToggleButton(I18n.t("packets.pause"), new FontIcon(Feather.PAUSE));
        pause.selectedProperty().bindBidirectional(vm.pausedProperty());
        Button clear = Controls.button("packets.clear", Feather.TRASH_2);
        clear.setOnAction(e -> vm.clear());
        // one Export menu: two buttons wrapped the tool bar to a second line at 1280 px (issue 14 item 8)
        javafx.scene.control.MenuItem export = new javafx.scene.control.MenuItem(I18n.t("packets.export"),
                new FontIcon(Feather.FILE_TEXT));
        export.setId("exportJsonLines");
        export.setOnAction(e -> export());
        javafx.scene.control.MenuItem pcapng = new javafx.scene.control.MenuItem(I18n.t("packets.exportPcapng"),
                new FontIcon(Feather.SHARE));
        pcapng.setId("exportPcapng");
        pcapng.disableProperty().bind(vm.pcapngAvailableProperty().not());
        pcapng.setOnAction(e -> exportPcapng());
        javafx.scene.control.MenuItem selection = new javafx.scene.control.MenuItem(
                I18n.t("packets.exportSelectionPcapng"), new FontIcon(Feather.SHARE));
        selection.setId("exportSelectionPcapng");
        selection.disableProperty().bind(vm.pcapngAvailableProperty().not()
                .or(javafx.beans.binding.Bindings.isEmpty(table.getSelectionModel().getSelectedItems())));
        selection.setOnAction(e -> exportSelection());
        javafx.scene.control.MenuButton exports = new javafx.scene.control.MenuButton(I18n.t("packets.exportMenu"),
                new FontIcon(Feather.UPLOAD), export, pcapng, selection);
        exports.setId("exportMenu");
        exports.setTooltip(new javafx.scene.control.Tooltip(I18n.t("packets.exportPcapngTitle")));
        CheckBox frames = new CheckBox(I18n.t("packets.wsFrames"));
        frames.setId("showWsFrames");
        frames.selectedProperty().bindBidirectional(vm.showFramesProperty());
        frames.managedProperty().bind(vm.webSocketProperty());
        frames.visibleProperty().bind(vm.webSocketProperty());
        // wraps to a second line in a narrow window instead of pushing buttons out of sight
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(8, 6, dir, type, withFindings, frames,
                pause, clear, exports, exportError(), exportDone());
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));

        table.setId("packetTable");
        // several rows (shift, ctrl) for "Export selection as pcapng"; the detail shows the last one picked
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        table.setFixedCellSize(PacketDetailView.ROW_HEIGHT);
        table.setPlaceholder(new Label(I18n.t("packets.none")));
        table.getColumns().addAll(List.of(
                column("packets.col.time", 132, e -> (vm.restored(e) ? "↺ " : vm.afterBrokerClosed(e) ? "⊘ " : "")
                        + TIME.format(e.time())),
                column("packets.col.dir", 120, e -> arrow(e.direction())),
                column("packets.col.type", 100, e -> e.packet().type().name()),
                column("packets.col.length", 74, e -> Integer.toString(e.packet().length())),
                column("packets.col.findings", 36, e -> e.packet().malformed() ? "⚠ " + e.packet().findings().size()
                        : e.packet().findings().isEmpty() ? "" : "ⓘ"),
                column("packets.col.summary", 420, e -> PacketSummary.of(e.packet()))));
        // the columns fill the table and the summary takes what is left: no horizontal scroll bar eating a row
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().forEach(c -> c.setMinWidth(c == table.getColumns().get(5) ? 160 : c.getPrefWidth()));
        javafx.scene.control.Tooltip restoredTip = new javafx.scene.control.Tooltip(I18n.t("packets.restored"));
        javafx.scene.control.Tooltip lateTip = new javafx.scene.control.Tooltip(
                I18n.t("wiretap.packet.afterBrokerClosed"));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PacketEvent e, boolean empty) {
                super.updateItem(e, empty);
                boolean bad = !empty && e != null && e.packet().malformed();
                mark("malformed-row", bad);
                // a packet of an earlier run, put back from the history: greyed, and the tooltip says why
                boolean old = !empty && e != null && vm.restored(e);
                mark("restored-row", old);
                // a tapped client's packet sent after the broker had closed: greyed the same way, and said why
                boolean late = !empty && e != null && vm.afterBrokerClosed(e);
                mark("after-broker-closed-row", late);
                setTooltip(old ? restoredTip : late ? lateTip : null);
            }

            private void mark(String styleClass, boolean on) {
                if (on != getStyleClass().contains(styleClass)) {
                    if (on) {
                        getStyleClass().add(styleClass);
                    } else {
                        getStyleClass().remove(styleClass);
                    }
                }
            }
        });
        // built again for a new language: the selected packet stays selected
        if (vm.selectedProperty().get() != null) {
            table.getSelectionModel().select(vm.selectedProperty().get());
        }
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        // a packet chosen elsewhere (an insight's "show packet") is selected and scrolled to
        listeners.onChange(vm.selectedProperty(), (o, a, b) -> {
            if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().clearAndSelect(table.getItems().indexOf(b));
                table.scrollTo(b);
            }
        });

        detail = new PacketDetailView(vm.detail());
        TableView<WebSocketFrameEvent> frameTable = frameTable();
        // frames below the packets, both full width: close code and reason are long
        SplitPane top = new SplitPane(table);
        table.setMinHeight(84);
        frameTable.setMinHeight(84);
        top.setOrientation(Orientation.VERTICAL);
        // the packet list above the bytes and findings; the field tree beside them, as tall as the tab: at
        // 1280x800 ten packet rows and a CONNECT's whole field tree show (issue 14 item 8)
        SplitPane split = new SplitPane(top, detail.bytesAndFindings());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        SplitPane beside = new SplitPane(split, detail.fields());
        beside.setDividerPositions(0.69);
        SplitPane.setResizableWithParent(detail.fields(), false);
        Runnable showFrames = () -> {
            boolean on = vm.showFramesProperty().get() && vm.webSocketProperty().get();
            if (on && !top.getItems().contains(frameTable)) {
                top.getItems().add(frameTable);
                // two tables above the detail: give them more of the height (after the next layout, when the new
                // divider exists)
                javafx.application.Platform.runLater(() -> {
                    split.setDividerPositions(0.6);
                    top.setDividerPositions(0.5);
                    frameTable.scrollTo(Math.max(0, vm.frames().size() - 1));
                });
            } else if (!on && top.getItems().remove(frameTable)) {
                split.setDividerPositions(0.5);
            }
        };
        listeners.onChange(vm.showFramesProperty(), (o, a, b) -> showFrames.run());
        listeners.onChange(vm.webSocketProperty(), (o, a, b) -> showFrames.run());
        root.setTop(bar);
        root.setCenter(beside);
    }

    private Label exportError() {
        Label l = Controls.errorLabel();
        l.setId("packetsExportError");
        l.textProperty().bind(vm.exportErrorProperty());
        return l;
    }

    private Label exportDone() {
        Label l = new Label();
        l.setId("packetsExportDone");
        l.textProperty().bind(vm.exportDoneProperty());
        return l;
    }

    /** WebSocket frames seen upstream: time, direction, opcode with close code and reason, fin, length. */
    private TableView<WebSocketFrameEvent> frameTable() {
        TableView<WebSocketFrameEvent> t = new TableView<>(vm.frames());
        t.setId("wsFrameTable");
        t.setFixedCellSize(28);
        t.setPlaceholder(new Label(I18n.t("packets.wsFrames.none")));
        t.getColumns().addAll(List.of(
                frameColumn("packets.col.time", 115, f -> TIME.format(f.time())),
                frameColumn("packets.col.dir", 130, f -> arrow(f.direction())),
                frameColumn("packets.col.length", 90, f -> Integer.toString(f.payloadLength())),
                frameColumn("packets.wsFrames.frame", 420, PacketsViewModel::describe)));
        t.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(WebSocketFrameEvent f, boolean empty) {
                super.updateItem(f, empty);
                boolean bad = !empty && f != null && PacketsViewModel.abnormalClose(f);
                if (bad != getStyleClass().contains("malformed-row")) {
                    if (bad) {
                        getStyleClass().add("malformed-row");
                    } else {
                        getStyleClass().remove("malformed-row");
                    }
                }
            }
        });
        listeners.onInvalidation(vm.frames(), c -> {
            if (!framesScrollPending && !vm.pausedProperty().get()) {
                framesScrollPending = true;
                javafx.application.Platform.runLater(() -> {
                    framesScrollPending = false;
                    if (!vm.frames().isEmpty()) {
                        t.scrollTo(vm.frames().size() - 1);
                    }
                });
            }
        });
        return t;
    }

    private boolean framesScrollPending;

    private static TableColumn<WebSocketFrameEvent, String> frameColumn(
            String key, double width, java.util.function.Function<WebSocketFrameEvent, String> f) {
        TableColumn<WebSocketFrameEvent, String> c = new TableColumn<>(I18n.t(key));
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        return c;
    }

    static String arrow(Direction d) {
        return d == Direction.CLIENT_TO_BROKER ? I18n.t("packets.toBroker") : I18n.t("packets.toClient");
    }

    private static TableColumn<PacketEvent, String> column(String key, double width,
                                                          java.util.function.Function<PacketEvent, String> f) {
        TableColumn<PacketEvent, String> c = new TableColumn<>(I18n.t(key));
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        return c;
    }

    static <T> javafx.util.StringConverter<T> converter(java.util.function.Function<T, String> f) {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(T t) {
                return f.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    private void export() {
        FileChooser fc = new FileChooser();
        fc.setTitle(I18n.t("packets.export"));
        fc.setInitialFileName("packets.jsonl");
        File f = fc.showSaveDialog(owner);
        if (f != null) {
            vm.export(f);
        }
    }

    private void exportPcapng() {
        FileChooser fc = new FileChooser();
        fc.setTitle(I18n.t("packets.exportPcapngTitle"));
        fc.setInitialFileName("mqscope.pcapng");
        File f = fc.showSaveDialog(owner);
        if (f != null) {
            vm.exportPcapng(f);
        }
    }

    /** The selected rows in table order, whatever order they were picked in. */
    private void exportSelection() {
        List<PacketEvent> rows = table.getSelectionModel().getSelectedIndices().stream().sorted()
                .filter(i -> i >= 0 && i < vm.visible().size()).map(vm.visible()::get).toList();
        if (rows.isEmpty()) {
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle(I18n.t("packets.exportPcapngTitle"));
        fc.setInitialFileName("mqscope-selection.pcapng");
        File f = fc.showSaveDialog(owner);
        if (f != null) {
            vm.exportPcapng(f, rows);
        }
    }

    /** Takes this view's listeners off the view model (the window was built again, e.g. in another language). */
    public void dispose() {
        listeners.dispose();
        detail.dispose();
    }

    public Node root() {
        return root;
    }
}
