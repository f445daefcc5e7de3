package io.mqscope.ui.connections;

import io.mqscope.profile.ImportReport;
import io.mqscope.profile.Profile;
import io.mqscope.session.ConnectionState;
import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import io.mqscope.ui.capture.CaptureEntries;
import io.mqscope.ui.capture.CapturesViewModel;
import io.mqscope.ui.check.CheckView;
import io.mqscope.ui.editor.ConnectionEditorView;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/** The Connections list, grouped, each row with a live status dot. */
public final class ConnectionsView {
    /** Everything this view listens to on its view model, taken off by {@link #dispose}. */
    private final io.mqscope.ui.ViewListeners listeners = new io.mqscope.ui.ViewListeners();
    /** Removes the listeners the current list put on its entries' profiles. */
    private final java.util.List<Runnable> rowListeners = new java.util.ArrayList<>();
    private final ConnectionsViewModel vm;
    private final Window owner;
    private final VBox root = new VBox(6);
    private final TreeView<Object> tree = new TreeView<>();
    /** The open capture files as read-only groups (issue 12), once {@link #showCaptures} was called. */
    private CaptureEntries captures;
    private final javafx.beans.property.BooleanProperty captureSelected =
            new javafx.beans.property.SimpleBooleanProperty();

    public ConnectionsView(ConnectionsViewModel vm, Window owner) {
        this.vm = vm;
        this.owner = owner;
        createView();
        initListeners();
        rebuild();
    }

    private void createView() {
        Label title = new Label(I18n.t("connections.title"));
        title.getStyleClass().add("section-title");
        tree.setId("connectionsTree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new ConnectionCell(v -> captures == null ? null : captures.graphic(v)));
        VBox.setVgrow(tree, Priority.ALWAYS);

        Button connect = Controls.button("connections.connect", Feather.PLAY);
        connect.setId("connectButton");
        connect.getStyleClass().add("accent");
        connect.setOnAction(e -> withSelected(vm::connect));
        Button disconnect = Controls.button("connections.disconnect", Feather.SQUARE);
        disconnect.setId("disconnectButton");
        disconnect.setOnAction(e -> withSelected(vm::disconnect));
        Button check = Controls.button("connections.check", Feather.ACTIVITY);
        check.setId("checkButton");
        check.setOnAction(e -> withSelected(c -> CheckView.open(owner, vm.check(c))));
        // wraps in a narrow left pane rather than cutting the labels short ("Conn...")
        FlowPane live = new FlowPane(6, 6, connect, disconnect, check);
        live.disableProperty().bind(captureSelected); // a capture's entry has nothing to connect to
        for (Button b : List.of(connect, disconnect, check)) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        // only the one that applies to the selected connection's state is enabled (issue 14 item 17)
        InvalidationListener enable = o -> {
            ConnectionEntry e = vm.selectedProperty().get();
            ConnectionState s = e == null ? null : e.stateProperty().get();
            connect.setDisable(s == null || s == ConnectionState.CONNECTED || s == ConnectionState.CONNECTING);
            disconnect.setDisable(s == null || s == ConnectionState.DISCONNECTED || s == ConnectionState.FAILED);
        };
        listeners.onChange(vm.selectedProperty(), (o, a, b) -> {
            if (a != null) {
                a.stateProperty().removeListener(enable);
            }
            if (b != null) {
                b.stateProperty().addListener(enable);
            }
            enable.invalidated(o);
        });
        if (vm.selectedProperty().get() != null) {
            vm.selectedProperty().get().stateProperty().addListener(enable);
        }
        enable.invalidated(null);
        listeners.onDispose(() -> {
            if (vm.selectedProperty().get() != null) {
                vm.selectedProperty().get().stateProperty().removeListener(enable);
            }
        });

        Button add = Controls.iconButton("connections.new", Feather.PLUS);
        add.setId("newConnectionButton");
        add.setOnAction(e -> edit(null));
        Button edit = Controls.iconButton("connections.edit", Feather.EDIT_2);
        edit.setId("editConnectionButton");
        edit.setOnAction(e -> withSelected(c -> edit(c.profile())));
        Button dup = Controls.iconButton("connections.duplicate", Feather.COPY);
        dup.setOnAction(e -> withSelected(vm::duplicate));
        Button del = Controls.iconButton("connections.delete", Feather.TRASH_2);
        del.setOnAction(e -> withSelected(vm::delete));
        Button imp = Controls.iconButton("connections.import", Feather.DOWNLOAD);
        imp.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(I18n.t("connections.import"));
            File f = fc.showOpenDialog(owner);
            if (f != null) {
                vm.importFrom(f);
            }
        });
        Button exp = Controls.iconButton("connections.export", Feather.UPLOAD);
        exp.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(I18n.t("connections.export"));
            fc.setInitialFileName("mqscope-connections.json");
            File f = fc.showSaveDialog(owner);
            if (f != null) {
                vm.exportTo(f);
            }
        });
        FlowPane tools = new FlowPane(4, 4, add, edit, dup, del, imp, exp);
        for (Button b : List.of(edit, dup, del)) {
            b.disableProperty().bind(captureSelected);
        }

        Label error = Controls.errorLabel();
        error.textProperty().bind(vm.errorProperty());
        root.getChildren().addAll(title, tree, live, tools, brokerUrls(), error);
        root.setPadding(new Insets(8));
        root.getStyleClass().add("connections");
    }

    /**
     * The built-in broker's addresses, each with a copy button, while it is the selected connection (issue 14 item
     * 16): the ports it actually bound, to paste into another client or a device.
     */
    private Node brokerUrls() {
        VBox box = new VBox(2);
        box.setId("brokerUrls");
        Label head = new Label(I18n.t("connections.brokerUrls"));
        head.getStyleClass().add("muted");
        Label notYet = new Label(I18n.t("connections.brokerUrls.notRunning"));
        notYet.getStyleClass().add("muted");
        notYet.setWrapText(true);
        Runnable fill = () -> {
            box.getChildren().setAll(head);
            if (vm.localBrokerUrls().isEmpty()) {
                box.getChildren().add(notYet);
            }
            for (String url : vm.localBrokerUrls()) {
                javafx.scene.control.TextField text = new javafx.scene.control.TextField(url);
                text.setEditable(false);
                text.getStyleClass().add("mono");
                HBox.setHgrow(text, Priority.ALWAYS);
                Button copy = Controls.iconButton("connections.copyUrl", Feather.COPY);
                copy.setOnAction(e -> {
                    javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
                    c.putString(url);
                    javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
                });
                HBox row = new HBox(4, text, copy);
                row.setAlignment(Pos.CENTER_LEFT);
                box.getChildren().add(row);
            }
        };
        listeners.onInvalidation(vm.localBrokerUrls(), o -> fill.run());
        fill.run();
        Runnable shown = () -> {
            ConnectionEntry e = vm.selectedProperty().get();
            box.setVisible(e != null && e.isLocalBroker());
            box.setManaged(box.isVisible());
        };
        listeners.onChange(vm.selectedProperty(), (o, a, b) -> shown.run());
        shown.run();
        return box;
    }

    private void initListeners() {
        listeners.onInvalidation(vm.entries(), o -> rebuild());
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            captureSelected.set(captures != null && captures.selected(b));
            if (b != null && b.getValue() instanceof ConnectionEntry e && vm.selectedProperty().get() != e) {
                vm.selectedProperty().set(e);
            }
        });
        listeners.onChange(vm.selectedProperty(), (o, a, b) -> select(b));
        listeners.onChange(vm.pendingImportProperty(), (o, a, report) -> {
            if (report != null) {
                showImport(report);
            }
        });
        tree.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && !captureSelected.get()) {
                withSelected(c -> edit(c.profile()));
            }
        });
    }

    /**
     * Shows an import's report before anything is applied, security-relevant entries first; OK applies it, Cancel
     * (or closing the dialog) applies nothing. Not modal-blocking: the report arrives from a background read.
     */
    private void showImport(ImportReport report) {
        TextArea text = new TextArea(ConnectionsViewModel.describe(report));
        text.setId("importReport");
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefColumnCount(60);
        text.setPrefRowCount(14);
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(I18n.t("connections.import.title"));
        d.getDialogPane().setContent(text);
        ButtonType ok = Controls.okButton();
        d.getDialogPane().getButtonTypes().addAll(ok, Controls.cancelButton());
        d.setResizable(true);
        d.setOnHidden(e -> {
            if (vm.pendingImportProperty().get() != report) {
                return; // a newer import replaced this one while the dialog was open: its own dialog decides
            }
            if (d.getResult() == ok) {
                vm.confirmImport();
            } else {
                vm.cancelImport();
            }
        });
        d.show();
    }

    /** Opens the editor on a copy of {@code profile} (null: a new one) and keeps what the user confirms. */
    private void edit(Profile profile) {
        ConnectionEditorView.edit(owner, vm.editor(profile), profile == null, vm.secretsNote()).ifPresent(vm::put);
    }

    private void withSelected(java.util.function.Consumer<ConnectionEntry> action) {
        ConnectionEntry e = vm.selectedProperty().get();
        if (e != null) {
            action.accept(e);
        }
    }

    private void rebuild() {
        // one profile listener per entry and list: those of the list replaced now go with it
        rowListeners.forEach(Runnable::run);
        rowListeners.clear();
        Map<String, TreeItem<Object>> groups = new LinkedHashMap<>();
        TreeItem<Object> rootItem = new TreeItem<>();
        for (ConnectionEntry e : vm.entries()) {
            String g = e.isLocalBroker() ? I18n.t("connections.group.builtin")
                    : e.profile().group() == null || e.profile().group().isBlank()
                    ? I18n.t("connections.group.default") : e.profile().group();
            TreeItem<Object> gi = groups.computeIfAbsent(g, k -> {
                TreeItem<Object> t = new TreeItem<>(k);
                t.setExpanded(true);
                rootItem.getChildren().add(t);
                return t;
            });
            gi.getChildren().add(new TreeItem<>(e));
            javafx.beans.value.ChangeListener<Profile> refresh = (o, a, b) -> tree.refresh();
            e.profileProperty().addListener(refresh);
            rowListeners.add(() -> e.profileProperty().removeListener(refresh));
        }
        TreeItem<Object> shown = captures == null ? null : captures.addTo(rootItem);
        tree.setRoot(rootItem);
        if (shown != null) {
            tree.getSelectionModel().select(shown);
        } else {
            select(vm.selectedProperty().get());
        }
    }

    /** Lists the open capture files as read-only groups after the connections (issue 12). */
    public void showCaptures(CapturesViewModel model) {
        captures = new CaptureEntries(model, tree, this::rebuild);
        rebuild();
    }

    private void select(ConnectionEntry e) {
        if (tree.getRoot() == null) {
            return;
        }
        for (TreeItem<Object> g : tree.getRoot().getChildren()) {
            for (TreeItem<Object> i : g.getChildren()) {
                if (i.getValue() == e) {
                    tree.getSelectionModel().select(i);
                    // a new profile at the end of a long list is shown, not only selected (issue 14 item 17)
                    Controls.reveal(tree, tree.getRow(i));
                    // a list just rebuilt measures its rows at the next pulse; reveal again with their real heights
                    Controls.afterNextLayout(tree, () -> Controls.reveal(tree, tree.getRow(i)));
                    return;
                }
            }
        }
    }

    /** Takes this view's listeners off the view model (the window was built again, e.g. in another language). */
    public void dispose() {
        listeners.dispose();
        rowListeners.forEach(Runnable::run);
        rowListeners.clear();
    }

    public Node root() {
        return root;
    }
}
