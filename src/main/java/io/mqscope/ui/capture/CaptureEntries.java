package io.mqscope.ui.capture;

import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The open captures as read-only groups of the Connections tree: one group per file (its name, the reading's
 * progress and Cancel while it is read, then what was found or why it failed, and a button that closes the group),
 * one entry per conversation (endpoints, transport, packets, errors). Selecting an entry shows its packets; an entry
 * has nothing to connect, check or publish.
 */
public final class CaptureEntries {
    private final CapturesViewModel vm;
    private final Map<CaptureViewModel, TreeItem<Object>> groups = new IdentityHashMap<>();
    /** Held here and registered weakly: the views are made again after a language switch, the model stays. */
    private final InvalidationListener onChange;
    /** A conversation shown from elsewhere (an insight opened) is selected in the tree too; weakly, as above. */
    private final ChangeListener<CapturedConversation> follow;

    /**
     * @param tree    the Connections tree, scrolled to show a capture just opened
     * @param changed told when groups come or go (the tree puts its root together again)
     */
    public CaptureEntries(CapturesViewModel vm, TreeView<Object> tree, Runnable changed) {
        this.vm = vm;
        this.onChange = o -> {
            changed.run();
            List<TreeItem<Object>> all = tree.getRoot().getChildren();
            tree.scrollTo(tree.getRow(all.get(all.size() - 1)));
        };
        vm.captures().addListener(new WeakInvalidationListener(onChange));
        this.follow = (o, a, conversation) -> {
            TreeItem<Object> item = shownItem();
            if (item != null && item.getValue() == conversation && tree.getSelectionModel().getSelectedItem() != item) {
                tree.getSelectionModel().select(item);
                tree.scrollTo(tree.getRow(item));
            }
        };
    }

    /** Whether a tree item's value is a capture group or one of its conversations. */
    public static boolean isCapture(Object value) {
        return value instanceof CaptureViewModel || value instanceof CapturedConversation;
    }

    /**
     * Adds the groups to the tree's root, in the order the files were opened (an item stays the same while its
     * capture is open); returns the entry of the conversation the inspector shows (to select again), or null.
     */
    public TreeItem<Object> addTo(TreeItem<Object> root) {
        root.getChildren().addAll(groups());
        return shownItem();
    }

    private List<TreeItem<Object>> groups() {
        groups.keySet().removeIf(c -> !vm.captures().contains(c));
        List<TreeItem<Object>> out = new ArrayList<>();
        for (CaptureViewModel c : vm.captures()) {
            out.add(groups.computeIfAbsent(c, this::group));
        }
        return out;
    }

    private TreeItem<Object> group(CaptureViewModel c) {
        TreeItem<Object> g = new TreeItem<>(c);
        g.setExpanded(true);
        Runnable fill = () -> {
            List<TreeItem<Object>> children = new ArrayList<>();
            for (CapturedConversation conv : c.conversations()) {
                children.add(new TreeItem<>(conv));
            }
            g.getChildren().setAll(children);
        };
        c.conversations().addListener((InvalidationListener) o -> fill.run());
        c.selectedProperty().addListener(new WeakChangeListener<>(follow));
        fill.run();
        return g;
    }

    private TreeItem<Object> shownItem() {
        CaptureViewModel c = vm.shownProperty().get();
        TreeItem<Object> g = c == null ? null : groups.get(c);
        if (g == null) {
            return null;
        }
        Object conversation = c.selectedProperty().get();
        return g.getChildren().stream().filter(i -> i.getValue() == conversation).findFirst().orElse(g);
    }



    /**
     * An item of the tree was selected: a conversation is shown, a group shows its selected conversation; anything
     * else (a connection) shows none. Returns whether the item is a capture's.
     */
    public boolean selected(TreeItem<Object> item) {
        if (item != null && item.getValue() instanceof CapturedConversation conv && item.getParent() != null
                && item.getParent().getValue() instanceof CaptureViewModel c) {
            vm.show(c, conv);
            return true;
        }
        if (item != null && item.getValue() instanceof CaptureViewModel c) {
            vm.show(c, c.selectedProperty().get());
            return true;
        }
        if (item != null) {
            vm.hide();
        }
        return false;
    }

    /** The cell content of a capture item, or null when {@code value} is not one. */
    public Node graphic(Object value) {
        if (value instanceof CaptureViewModel c) {
            return groupGraphic(c);
        }
        if (value instanceof CapturedConversation conv) {
            FontIcon icon = new FontIcon(conv.errors() > 0 ? Feather.ALERT_TRIANGLE : Feather.FILE_TEXT);
            Label endpoints = new Label(conv.endpoints());
            endpoints.setMaxWidth(230);
            String errors = conv.errors() == 0 ? "" : " · " + I18n.t("capture.entry.errors", conv.errors());
            Label facts = new Label(CaptureViewModel.transport(conv) + " · "
                    + I18n.t("capture.entry.packets", conv.summary().packetCount()) + errors);
            facts.getStyleClass().add(conv.errors() > 0 ? "field-error" : "muted");
            HBox box = new HBox(8, icon, new VBox(1, endpoints, facts));
            box.setAlignment(Pos.CENTER_LEFT);
            box.getStyleClass().add("capture-entry");
            return box;
        }
        return null;
    }

    private Node groupGraphic(CaptureViewModel c) {
        Label name = new Label();
        name.textProperty().bind(c.fileProperty());
        name.getStyleClass().add("capture-group-name");
        Label status = new Label();
        // what was found, or why the file could not be read
        // in the language of the moment the list is made (a language switch makes it again)
        status.textProperty().bind(Bindings.createStringBinding(() -> c.errorProperty().get().isEmpty()
                ? c.status() : c.error(), c.statusProperty(), c.errorProperty()));
        status.getStyleClass().add("muted");
        status.setMaxWidth(230);
        ProgressBar bar = new ProgressBar();
        bar.getStyleClass().add("capture-group-progress");
        bar.setPrefWidth(90);
        bar.progressProperty().bind(c.progressProperty());
        Button cancel = Controls.iconButton("capture.cancel", Feather.X_CIRCLE);
        cancel.getStyleClass().add("capture-group-cancel");
        cancel.setOnAction(e -> c.cancel());
        for (Node n : List.of(bar, cancel)) {
            n.visibleProperty().bind(c.readingProperty());
            n.managedProperty().bind(c.readingProperty());
        }
        Button close = Controls.iconButton("capture.close", Feather.X);
        close.getStyleClass().add("capture-group-close");
        close.setOnAction(e -> vm.close(c));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox box = new HBox(6, new FontIcon(Feather.FOLDER), new VBox(1, name, status), bar, cancel, grow, close);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("capture-group");
        return box;
    }
}
