package io.mqscope.ui.wiretap;

import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Wiretaps pane on the left: "Local broker → clients" and the user's wiretaps, each with its tapped clients
 * (address, state, packets in and out, errors, a verdict icon), Start/Stop like a connection, and Copy URL.
 */
public final class WiretapsView {
    private final WiretapsViewModel vm;
    private final Window owner;
    private final VBox root = new VBox(6);
    private final TreeView<Object> tree = new TreeView<>();
    private final SplitMenuButton copy = new SplitMenuButton();
    private final Label status = new Label();
    private final Map<WiretapEntry, TreeItem<Object>> items = new HashMap<>();
    /** What this view listens to on its long-lived view model, taken off by {@link #dispose}. */
    private final io.mqscope.ui.ViewListeners listeners = new io.mqscope.ui.ViewListeners();

    public WiretapsView(WiretapsViewModel vm, Window owner) {
        this.vm = vm;
        this.owner = owner;
        createView();
        initListeners();
        rebuild();
    }

    private void createView() {
        Label title = new Label(I18n.t("wiretap.title"));
        title.getStyleClass().add("section-title");
        tree.setId("wiretapTree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new WiretapCell());
        VBox.setVgrow(tree, Priority.ALWAYS);

        Button start = Controls.button("wiretap.start", Feather.PLAY);
        start.setId("startWiretapButton");
        start.getStyleClass().add("accent");
        start.setOnAction(e -> vm.start(vm.selectedEntryProperty().get()));
        Button stop = Controls.button("wiretap.stop", Feather.SQUARE);
        stop.setId("stopWiretapButton");
        stop.setOnAction(e -> vm.stop(vm.selectedEntryProperty().get()));
        copy.setId("copyUrlButton");
        copy.setText(I18n.t("wiretap.copyUrl"));
        copy.setGraphic(new FontIcon(Feather.LINK));
        copy.setOnAction(e -> {
            List<String> urls = vm.selectedEntryProperty().get().urls();
            if (!urls.isEmpty()) {
                copy(urls.get(0));
            }
        });
        HBox live = new HBox(6, start, stop, copy);

        Button add = Controls.iconButton("wiretap.new", Feather.PLUS);
        add.setId("newWiretapButton");
        add.setOnAction(e -> WiretapFormView.edit(owner, vm.form(null), true).ifPresent(vm::add));
        Button edit = Controls.iconButton("wiretap.edit", Feather.EDIT_2);
        edit.setOnAction(e -> {
            WiretapEntry w = vm.selectedEntryProperty().get();
            if (!w.isLocalBroker()) {
                WiretapFormView.edit(owner, vm.form(w), false).ifPresent(d -> vm.update(w, d));
            }
        });
        Button del = Controls.iconButton("wiretap.delete", Feather.TRASH_2);
        del.setOnAction(e -> vm.remove(vm.selectedEntryProperty().get()));
        FlowPane tools = new FlowPane(4, 4, add, edit, del);
        // the built-in broker's listeners run while the app does: MQScope's own sessions may use the broker
        javafx.beans.binding.BooleanBinding builtIn = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.selectedEntryProperty().get() == null || vm.selectedEntryProperty().get().isLocalBroker(),
                vm.selectedEntryProperty());
        stop.disableProperty().bind(builtIn);
        edit.disableProperty().bind(builtIn);
        del.disableProperty().bind(builtIn);

        status.setId("wiretapStatus");
        status.setWrapText(true);
        status.getStyleClass().add("muted");
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        status.visibleProperty().bind(status.textProperty().isNotEmpty());
        root.getChildren().addAll(title, tree, live, tools, status);
        root.setPadding(new Insets(8));
    }

    private void copy(String url) {
        ClipboardContent c = new ClipboardContent();
        c.putString(url);
        Clipboard.getSystemClipboard().setContent(c);
    }

    private void initListeners() {
        listeners.onInvalidation(vm.entries(), o -> rebuild());
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            if (item == null) {
                return;
            }
            if (item.getValue() instanceof WiretapEntry e) {
                vm.selectedEntryProperty().set(e);
            } else if (item.getValue() instanceof TapClientRow row) {
                vm.selectedEntryProperty().set((WiretapEntry) item.getParent().getValue());
                if (vm.selectedClientProperty().get() == null
                        || !vm.selectedClientProperty().get().key().equals(row.key())) {
                    vm.selectedClientProperty().set(row);
                }
            }
        });
        // a client chosen elsewhere (an insight of the whole wiretap opened) is selected in the tree too
        listeners.onChange(vm.selectedClientProperty(), (o, a, row) -> {
            TreeItem<Object> shown = tree.getSelectionModel().getSelectedItem();
            if (row != null && !(shown != null && shown.getValue() instanceof TapClientRow r
                    && r.key().equals(row.key()))) {
                select(row.key());
            }
        });
        listeners.onChange(vm.selectedEntryProperty(), (o, a, e) -> {
            showEntry();
            // a wiretap just added is selected in the tree too: it is the one Start starts
            TreeItem<Object> shown = tree.getSelectionModel().getSelectedItem();
            boolean inSight = shown != null && (shown.getValue() == e
                    || shown.getParent() != null && shown.getParent().getValue() == e);
            if (e != null && !inSight && items.containsKey(e)) {
                tree.getSelectionModel().select(items.get(e));
            }
        });
    }

    /** The selected wiretap's URLs in Copy URL's menu, and its status line. */
    private void showEntry() {
        WiretapEntry e = vm.selectedEntryProperty().get();
        copy.getItems().clear();
        if (e == null) {
            status.setText("");
            return;
        }
        for (String url : e.urls()) {
            MenuItem m = new MenuItem(url);
            m.setOnAction(x -> copy(url));
            copy.getItems().add(m);
        }
        copy.setDisable(e.urls().isEmpty());
        // the URLs are in the tree and in Copy URL's menu; here what went wrong, or the self-signed CA's note
        String message = e.messageProperty().get() == null ? "" : e.messageProperty().get();
        status.setText(message);
        status.setTooltip(message.isEmpty() ? null : new Tooltip(message));
    }

    private void rebuild() {
        TreeItem<Object> rootItem = new TreeItem<>();
        Map<WiretapEntry, TreeItem<Object>> keep = new HashMap<>();
        for (WiretapEntry e : vm.entries()) {
            TreeItem<Object> item = items.get(e);
            if (item == null) {
                item = new TreeItem<>(e);
                item.setExpanded(true);
                TreeItem<Object> entryItem = item;
                sync(entryItem, e);
                listeners.onListChange(e.rows(), c -> changed(entryItem, e, c));
                InvalidationListener refresh = o -> {
                    tree.refresh();
                    if (vm.selectedEntryProperty().get() == e) {
                        showEntry();
                    }
                };
                for (javafx.beans.Observable changing : List.of(e.statusProperty(), e.urls(), e.messageProperty(),
                        e.exposedProperty(), e.definitionProperty())) {
                    listeners.onInvalidation(changing, refresh);
                }
            }
            keep.put(e, item);
            rootItem.getChildren().add(item);
        }
        items.clear();
        items.putAll(keep);
        tree.setRoot(rootItem);
        showEntry();
    }

    /** Rows replaced in place (one pulse's updates) keep their tree items, so a selected client stays selected. */
    private void changed(TreeItem<Object> item, WiretapEntry e, ListChangeListener.Change<? extends TapClientRow> c) {
        while (c.next()) {
            if (c.wasReplaced() && c.getAddedSize() == c.getRemovedSize()
                    && item.getChildren().size() == e.rows().size()) {
                for (int i = c.getFrom(); i < c.getTo(); i++) {
                    item.getChildren().get(i).setValue(e.rows().get(i));
                }
            } else {
                sync(item, e);
                return;
            }
        }
    }

    private static void sync(TreeItem<Object> item, WiretapEntry e) {
        Map<String, TreeItem<Object>> byKey = new HashMap<>();
        for (TreeItem<Object> c : item.getChildren()) {
            byKey.put(((TapClientRow) c.getValue()).key(), c);
        }
        List<TreeItem<Object>> children = e.rows().stream().map(r -> {
            TreeItem<Object> c = byKey.get(r.key());
            if (c == null) {
                return new TreeItem<Object>(r);
            }
            c.setValue(r);
            return c;
        }).toList();
        item.getChildren().setAll(children);
    }

    /** Takes this view's listeners off its view model (the window was built again, e.g. in another language). */
    public void dispose() {
        listeners.dispose();
    }

    public Node root() {
        return root;
    }

    /** Selects a tapped client in the tree, as a click would. */
    public void select(String key) {
        for (TreeItem<Object> w : tree.getRoot().getChildren()) {
            for (TreeItem<Object> c : w.getChildren()) {
                if (c.getValue() instanceof TapClientRow r && r.key().equals(key)) {
                    tree.getSelectionModel().select(c);
                    return;
                }
            }
        }
    }

    private static final class WiretapCell extends TreeCell<Object> {
        private final Circle dot = new Circle(5);
        private final FontIcon icon = new FontIcon(Feather.CIRCLE);
        private final Label name = new Label();
        private final Label detail = new Label();
        /** The marker of a listener other devices can reach: it never goes unnoticed. */
        private final Label exposed = new Label(I18n.t("wiretap.exposed"), new FontIcon(Feather.WIFI));
        private final VBox text = new VBox(1, name, detail);
        private final HBox entryBox = new HBox(8);
        private final HBox clientBox = new HBox(8);

        WiretapCell() {
            detail.getStyleClass().add("muted");
            detail.setMaxWidth(240);
            name.setMaxWidth(240);
            dot.getStyleClass().add("status-dot");
            exposed.getStyleClass().add("wiretap-exposed");
            exposed.setMaxWidth(240);
            entryBox.setAlignment(Pos.CENTER_LEFT);
            clientBox.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                setTooltip(null);
            } else if (item instanceof WiretapEntry e) {
                name.setText(e.isLocalBroker() ? I18n.t("wiretap.localBroker") : e.definitionProperty().get().name());
                detail.setText(!e.urls().isEmpty() ? String.join("  ", e.urls())
                        : e.isLocalBroker() && e.statusProperty().get() == WiretapEntry.Status.STOPPED
                        ? I18n.t("wiretap.localBroker.stopped") : statusText(e.statusProperty().get()));
                dot.getStyleClass().removeIf(c -> c.startsWith("dot-"));
                dot.getStyleClass().add(switch (e.statusProperty().get()) {
                    case RUNNING -> "dot-connected";
                    case STARTING -> "dot-connecting";
                    case FAILED -> "dot-failed";
                    case STOPPED -> "dot-disconnected";
                });
                text.getChildren().setAll(name, detail);
                if (e.exposedProperty().get()) {
                    text.getChildren().add(exposed);
                }
                entryBox.getChildren().setAll(dot, text);
                setGraphic(entryBox);
                String m = e.messageProperty().get();
                String tip = String.join("\n", e.urls()) + (m == null || m.isEmpty() ? "" : "\n" + m);
                setTooltip(tip.isBlank() ? null : new Tooltip(tip.strip()));
            } else if (item instanceof TapClientRow r) {
                clientCell(r);
            }
        }

        private void clientCell(TapClientRow r) {
            Feather glyph = r.endedBadly() ? Feather.X_OCTAGON : r.state() == TapClientRow.State.CLOSED
                    ? Feather.CHECK_CIRCLE : r.state() == TapClientRow.State.OPEN ? Feather.ACTIVITY : Feather.LOADER;
            icon.setIconCode(glyph);
            icon.getStyleClass().removeIf(c -> c.startsWith("verdict-"));
            icon.getStyleClass().add(r.endedBadly() || r.errors() > 0 ? "verdict-bad" : "verdict-good");
            name.setText(r.client());
            detail.setText(I18n.t("wiretap.client.line", clientState(r), r.packetsIn(), r.packetsOut(), r.errors()));
            text.getChildren().setAll(name, detail);
            clientBox.getChildren().setAll(icon, text);
            setGraphic(clientBox);
            setTooltip(r.verdict() == null ? new Tooltip(r.listen()) : new Tooltip(r.verdict()));
        }

        private static String clientState(TapClientRow r) {
            return switch (r.state()) {
                case HANDSHAKE -> I18n.t("wiretap.client.handshake");
                case OPEN -> I18n.t("wiretap.client.open");
                case CLOSED -> I18n.t("wiretap.client.closed");
            };
        }

        private static String statusText(WiretapEntry.Status s) {
            return switch (s) {
                case STOPPED -> I18n.t("wiretap.status.stopped");
                case STARTING -> I18n.t("wiretap.status.starting");
                case RUNNING -> I18n.t("wiretap.status.running");
                case FAILED -> I18n.t("wiretap.status.failed");
            };
        }
    }
}
