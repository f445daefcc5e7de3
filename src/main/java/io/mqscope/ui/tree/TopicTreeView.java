package io.mqscope.ui.tree;

import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import io.mqscope.session.MessageEvent;
import io.mqscope.ui.messages.SearchHighlight;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.control.BreadCrumbBar;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Topics tab: the live topic tree on the left; on the right the selected node's path as breadcrumbs, its
 * history (newest first) and the payload of the selected message; "Delete retained" on the selected node.
 */
public final class TopicTreeView {
    private final TopicTreeViewModel vm;
    private final Window owner;
    private final BorderPane root = new BorderPane();
    private final TreeView<TopicNode> tree = new TreeView<>();
    private final BreadCrumbBar<TopicNode> crumbs = new BreadCrumbBar<>();
    private final ListView<MessageEvent> history;
    /** The tree's cells; a pulse asks those showing a node to read it again, instead of rebuilding every cell. */
    private final java.util.Set<TopicCell> cells = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
    /** The items made so far (only under expanded nodes), to find the row of a node that gained children. */
    private final Map<TopicNode, TopicItem> items = new IdentityHashMap<>();
    private TopicItem rootItem;

    private final io.mqscope.ui.ViewListeners listeners = new io.mqscope.ui.ViewListeners();
    /** What the view model calls with the tree's changes: this view's, until it is disposed. */
    private final java.util.function.Consumer<io.mqscope.ui.tree.TopicTree.Changes> applyChanges = this::apply;

    public TopicTreeView(TopicTreeViewModel vm, Window owner) {
        this.vm = vm;
        this.owner = owner;
        this.history = new ListView<>(vm.history());
        createView();
        initListeners();
    }

    private void createView() {
        tree.setId("topicTree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> {
            TopicCell c = new TopicCell();
            cells.add(c);
            return c;
        });
        // fixed row height: the tree never measures rows, which keeps refreshes cheap under a flood
        tree.setFixedCellSize(26);
        Label summary = new Label();
        summary.setId("topicSummary");
        summary.getStyleClass().add("muted");
        summary.textProperty().bind(vm.summaryProperty());
        VBox left = new VBox(4, summary, tree);
        left.setPadding(new Insets(6));
        VBox.setVgrow(tree, Priority.ALWAYS);

        crumbs.setId("topicCrumbs");
        crumbs.getStyleClass().add("topic-crumbs");
        crumbs.setCrumbFactory(item -> {
            TopicNode n = item.getValue();
            BreadCrumbBar.BreadCrumbButton b = new BreadCrumbBar.BreadCrumbButton(
                    n.isRoot() ? I18n.t("topics.root") : NodeText.name(n));
            if (!item.getChildren().isEmpty()) {
                b.setGraphic(new FontIcon(Feather.CHEVRON_RIGHT));
                b.setContentDisplay(ContentDisplay.RIGHT);
            }
            return b;
        });
        crumbs.setOnCrumbAction(e -> vm.selectedProperty().set(e.getSelectedCrumb().getValue()));

        Label node = new Label();
        node.setId("topicNodeSummary");
        node.getStyleClass().add("muted");
        node.setWrapText(true);
        node.textProperty().bind(vm.nodeSummaryProperty());
        Button delete = Controls.button("topics.delete", Feather.TRASH_2);
        delete.setId("deleteRetainedButton");
        delete.setMinWidth(Region.USE_PREF_SIZE);
        delete.disableProperty().bind(vm.selectedProperty().isNull().or(vm.deletingProperty()));
        delete.setOnAction(e -> confirmDelete());
        ProgressBar progress = new ProgressBar();
        progress.setId("deleteProgress");
        progress.progressProperty().bind(vm.deleteProgressProperty());
        progress.visibleProperty().bind(vm.deletingProperty());
        progress.managedProperty().bind(vm.deletingProperty());
        Label status = new Label();
        status.setId("deleteStatus");
        status.getStyleClass().add("muted");
        status.setWrapText(true);
        status.textProperty().bind(vm.deleteStatusProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox actions = new HBox(8, node, grow, progress, delete);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(node, Priority.SOMETIMES);

        history.setId("topicHistory");
        history.setPlaceholder(new Label(I18n.t("topics.history.none")));
        history.getStyleClass().add("topic-history");
        history.setCellFactory(l -> new HistoryCell(vm.highlightProperty()));
        history.setFixedCellSize(26);
        // the Messages tab's viewer, with its own model: formats, charset, Protobuf, and the diff against the
        // previous message on the topic (or the two selected with Ctrl+click)
        io.mqscope.ui.messages.PayloadPane viewer = new io.mqscope.ui.messages.PayloadPane(vm.payload(), owner,
                "topicPayload", vm.highlightProperty(), listeners);
        viewer.describe(vm.messageDescriptionProperty().get());
        listeners.onChange(vm.messageDescriptionProperty(), (o, a, b) -> viewer.describe(b));
        history.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        history.getSelectionModel().getSelectedItems().addListener(
                (javafx.collections.ListChangeListener<MessageEvent>) c -> vm.diffSelected(
                        history.getSelectionModel().getSelectedItems()));
        SplitPane detail = new SplitPane(history, viewer.root());
        detail.setOrientation(Orientation.VERTICAL);
        detail.setDividerPositions(0.4);
        VBox right = new VBox(6, crumbs, actions, status, detail);
        right.setPadding(new Insets(6));
        VBox.setVgrow(detail, Priority.ALWAYS);
        status.managedProperty().bind(vm.deleteStatusProperty().isNotEmpty());

        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.55);
        root.setCenter(split);
        showTree(vm.treeProperty().get());
    }

    private void initListeners() {
        listeners.onChange(vm.treeProperty(), (o, a, t) -> showTree(t));
        vm.setOnChanges(applyChanges);
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            // a row briefly leaves the selection while its siblings are merged in (see TopicItem): keep the node
            if (item != null && item.getValue() != vm.selectedProperty().get()) {
                vm.selectedProperty().set(item.getValue());
            }
        });
        listeners.onChange(vm.selectedProperty(), (o, a, n) -> select(n));
        listeners.onListChange(vm.path(), (javafx.collections.ListChangeListener<TopicNode>) c -> showPath());
        history.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                vm.selectedMessageProperty().set(r);
            }
        });
        // a new history list drops the list's selection: the message shown stays selected in it
        listeners.onListChange(vm.history(), (javafx.collections.ListChangeListener<MessageEvent>) c -> {
            MessageEvent m = vm.selectedMessageProperty().get();
            if (m != null && history.getSelectionModel().getSelectedItem() != m) {
                history.getSelectionModel().select(m);
            }
        });
        // the search box's hits are marked in the list as in the Messages tab's: the rows on screen look again
        listeners.onChange(vm.highlightProperty(), (o, a, t) -> history.refresh());
        listeners.onChange(vm.selectedMessageProperty(), (o, a, r) -> {
            if (r != null && history.getSelectionModel().getSelectedItem() != r) {
                history.getSelectionModel().select(r);
            }
        });
    }

    private void showTree(TopicTree t) {
        items.clear();
        rootItem = new TopicItem(t.root(), items);
        rootItem.setExpanded(true);
        tree.setRoot(rootItem);
    }

    /** One pulse's changes: rows for new children of expanded nodes, then one repaint of the rows on screen. */
    private void apply(TopicTree.Changes c) {
        for (TopicNode grown : c.grown()) {
            TopicItem item = items.get(grown);
            if (item != null && item.loaded()) {
                item.addNewChildren();
            }
        }
        if (!c.grown().isEmpty()) {
            select(vm.selectedProperty().get());
        }
        // the cells showing a node read its counts again; no cell is rebuilt (a rebuild re-applies CSS to each)
        long now = System.nanoTime();
        for (TopicCell cell : cells) {
            cell.refresh(now);
        }
    }

    /** Selects {@code n}'s row, making the rows on its path (expanding its parents) when they are not made yet. */
    private void select(TopicNode n) {
        if (n == null || n.isRoot()) {
            if (!tree.getSelectionModel().isEmpty()) {
                tree.getSelectionModel().clearSelection();
            }
            return;
        }
        TopicItem item = items.get(n);
        if (item == null) {
            for (TopicNode p : TopicTree.path(n.parent())) {
                TopicItem pi = items.get(p);
                if (pi == null) {
                    return; // not in the shown tree
                }
                pi.setExpanded(true);
            }
            item = items.get(n);
        }
        if (item != null && tree.getSelectionModel().getSelectedItem() != item) {
            tree.getSelectionModel().select(item);
            int row = tree.getRow(item);
            if (row >= 0) {
                tree.scrollTo(Math.max(0, row - 3));
            }
        }
    }

    private void showPath() {
        List<TopicNode> p = vm.path();
        if (p.isEmpty()) {
            crumbs.setSelectedCrumb(null);
            return;
        }
        crumbs.setSelectedCrumb(BreadCrumbBar.buildTreeModel(p.toArray(new TopicNode[0])));
    }

    private void confirmDelete() {
        TopicNode n = vm.selectedProperty().get();
        List<String> topics = vm.retainedTopics(n);
        if (topics.isEmpty()) {
            vm.deleteStatusProperty().set(I18n.t("topics.delete.nothing", n.isRoot() ? I18n.t("topics.root")
                    : n.topic()));
            return;
        }
        TextArea text = new TextArea(TopicTreeViewModel.confirmText(n, topics));
        text.setId("deleteRetainedList");
        text.setEditable(false);
        text.setPrefColumnCount(60);
        text.setPrefRowCount(Math.min(16, topics.size() + 2));
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(I18n.t("topics.delete.title"));
        d.getDialogPane().setContent(text);
        ButtonType ok = new ButtonType(I18n.t("topics.delete.confirmButton", topics.size()),
                ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ok, Controls.cancelButton());
        d.setOnHidden(e -> {
            if (d.getResult() == ok) {
                vm.deleteRetained(n);
            }
        });
        d.show();
    }

    /** Takes this view's listeners off the view model, which a language switch keeps for the next view. */
    public void dispose() {
        listeners.dispose();
        vm.removeOnChanges(applyChanges);
    }

    public Node root() {
        return root;
    }

    /**
     * The history list: time, direction, flags, topic and payload of each message on one line, made on screen; a hit
     * of the search box carries {@code :search-hit}, as the Messages tab's rows do.
     */
    private static final class HistoryCell extends ListCell<MessageEvent> {
        private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
                .ofPattern("HH:mm:ss.SSS").withZone(java.time.ZoneId.systemDefault());
        private final javafx.beans.value.ObservableValue<io.mqscope.store.SearchTerm> highlight;

        HistoryCell(javafx.beans.value.ObservableValue<io.mqscope.store.SearchTerm> highlight) {
            this.highlight = highlight;
        }

        @Override
        protected void updateItem(MessageEvent m, boolean empty) {
            super.updateItem(m, empty);
            pseudoClassStateChanged(SearchHighlight.HIT, !empty && SearchHighlight.isHit(m, highlight.getValue()));
            if (empty || m == null) {
                setText(null);
                return;
            }
            setText(TIME.format(m.time()) + "  " + (m.outgoing() ? "→" : "←") + "  " + m.topic()
                    + (m.retain() ? "  [R]" : "") + "  " + NodeText.preview(m.payload()));
        }
    }
}
