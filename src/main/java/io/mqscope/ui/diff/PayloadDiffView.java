package io.mqscope.ui.diff;

import io.mqscope.payload.diff.DiffKind;
import io.mqscope.payload.diff.DiffLine;
import io.mqscope.payload.diff.JsonDiffNode;
import io.mqscope.payload.diff.PayloadDiff;
import io.mqscope.ui.I18n;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * The diff in the payload viewer: which messages are compared and what changed, then a tree of the JSON members
 * that differ (each leaf with its path and both values) or the lines of a text or hex diff, marked and coloured.
 */
public final class PayloadDiffView {
    private final PayloadDiffViewModel vm;
    private final VBox root = new VBox(6);
    /** What this view listens to on its view model, which outlives it (a language switch makes a new view). */
    private final io.mqscope.ui.ViewListeners listeners = new io.mqscope.ui.ViewListeners();
    private final TreeView<JsonDiffNode> tree = new TreeView<>();
    private final StyleClassedTextArea lines = new StyleClassedTextArea();

    /** Empty for the Messages tab's viewer; else the start of its controls' ids ({@code topicPayload}). */
    private final String ids;

    public PayloadDiffView(PayloadDiffViewModel vm) {
        this(vm, "");
    }

    /** @param ids the start of the controls' ids, so that two viewers in one window are told apart */
    public PayloadDiffView(PayloadDiffViewModel vm, String ids) {
        this.vm = vm;
        this.ids = ids;
        createView();
        // a view replaced by a new one (language switch) stays subscribed but off the scene: it renders nothing
        listeners.onChange(vm.resultProperty(), (o, a, d) -> {
            if (root.getScene() != null) {
                show(d);
            }
        });
        show(vm.resultProperty().get());
    }

    /** {@code diffTree}, or {@code topicPayloadDiffTree} in the Topics tab's viewer. */
    private String id(String name) {
        return ids.isEmpty() ? name : ids + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private void createView() {
        Label heading = new Label();
        heading.setId(id("diffHeading"));
        heading.setWrapText(true);
        // the whole sentence, on as many lines as it needs: which two messages are compared matters
        heading.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        heading.textProperty().bind(vm.headingProperty());
        Label summary = new Label();
        summary.setId(id("diffSummary"));
        summary.getStyleClass().add("section-title");
        summary.textProperty().bind(vm.summaryProperty());
        Label truncated = new Label(I18n.t("diff.truncated"));
        truncated.getStyleClass().add("muted");
        truncated.setId(id("diffTruncated"));
        truncated.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.resultProperty().get() != null && vm.resultProperty().get().truncated(),
                vm.resultProperty()));
        truncated.managedProperty().bind(truncated.visibleProperty());
        tree.setId(id("diffTree"));
        tree.getStyleClass().add("diff-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new DiffCell());
        lines.setId(id("diffText"));
        lines.setEditable(false);
        lines.getStyleClass().addAll("mono", "payload-diff");
        VirtualizedScrollPane<StyleClassedTextArea> scroll = new VirtualizedScrollPane<>(lines);
        StackPane body = new StackPane(tree, scroll);
        VBox.setVgrow(body, Priority.ALWAYS);
        root.getChildren().addAll(heading, summary, truncated, body);
        root.setId(id("payloadDiff"));
    }

    private void show(PayloadDiff d) {
        boolean json = d != null && d.mode() == PayloadDiff.Mode.JSON;
        tree.setVisible(json);
        lines.getParent().setVisible(d != null && !json);
        if (d == null) {
            tree.setRoot(null);
            lines.clear();
        } else if (json) {
            // two scalars (42 and 43) differ at the root itself: then the root is the one line to show
            tree.setShowRoot(d.json().root().leaf() && d.json().root().kind() != DiffKind.SAME);
            tree.setRoot(item(d.json().root()));
            lines.clear();
        } else {
            tree.setRoot(null);
            showLines(d.lines());
        }
    }

    private static TreeItem<JsonDiffNode> item(JsonDiffNode n) {
        TreeItem<JsonDiffNode> i = new TreeItem<>(n);
        i.setExpanded(true);
        for (JsonDiffNode c : n.children()) {
            i.getChildren().add(item(c));
        }
        return i;
    }

    private void showLines(List<DiffLine> list) {
        StringBuilder s = new StringBuilder();
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        for (int i = 0; i < list.size(); i++) {
            DiffLine l = list.get(i);
            String line = l.kind().mark() + " " + l.text();
            s.append(line);
            int len = line.length() + (i < list.size() - 1 ? 1 : 0);
            if (i < list.size() - 1) {
                s.append('\n');
            }
            spans.add(List.of(cls(l.kind())), len);
        }
        lines.replaceText(s.toString());
        if (!list.isEmpty()) {
            StyleSpans<Collection<String>> built = spans.create();
            lines.setStyleSpans(0, built);
            for (int i = 0; i < list.size(); i++) {
                lines.setParagraphStyle(i, List.of(cls(list.get(i).kind())));
            }
        }
        lines.moveTo(0);
        lines.requestFollowCaret();
    }

    static String cls(DiffKind k) {
        return "diff-" + k.name().toLowerCase(Locale.ROOT);
    }

    /** A leaf reads {@code $.sensors[0].value: 3 → 5}; an inner node shows its name. */
    static String text(JsonDiffNode n) {
        if (!n.leaf()) {
            return n.name();
        }
        return switch (n.kind()) {
            case ADDED -> I18n.t("diff.leaf.added", n.path(), n.after());
            case REMOVED -> I18n.t("diff.leaf.removed", n.path(), n.before());
            default -> I18n.t("diff.leaf.changed", n.path(), n.before(), n.after());
        };
    }

    /** Takes this view's listener off the view model. */
    public void dispose() {
        listeners.dispose();
    }

    public Node root() {
        return root;
    }

    private static final class DiffCell extends TreeCell<JsonDiffNode> {
        @Override
        protected void updateItem(JsonDiffNode n, boolean empty) {
            super.updateItem(n, empty);
            getStyleClass().removeAll("diff-added", "diff-removed", "diff-changed", "diff-same");
            if (empty || n == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(text(n));
            getStyleClass().add(cls(n.kind()));
            setTooltip(new Tooltip(n.path()));
        }
    }
}
