package io.mqscope.ui.packets;

import io.mqscope.ui.I18n;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Field;
import io.mqscope.wire.Finding;
import io.mqscope.wire.Severity;
import java.util.Collection;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One packet's hex dump (each field's bytes coloured, the selected field highlighted), its decoded field tree and
 * its findings. Selecting a field highlights its bytes; clicking a byte selects its field.
 */
public final class PacketDetailView {
    private static final int FIELD_COLOURS = 6;
    /** Must match the .hex-dump .text rule in mqscope.css. */
    private static final String HEX_FONT_FAMILY = "DejaVu Sans Mono";
    private static final double HEX_FONT_SIZE = 12;
    /** Box and text area padding, caret room and a vertical scroll bar. */
    private static final double HEX_CHROME_WIDTH = 44;
    private static final double RIGHT_MIN_WIDTH = 240;
    /** Field and finding rows: dense enough that a CONNECT's tree fits the Packets tab at 1280x800. */
    static final double ROW_HEIGHT = 24;

    private final PacketDetailViewModel vm;
    private final SplitPane root = new SplitPane();
    /** Bytes above findings, and the field tree: placed by {@link #root()} or by a caller's own layout. */
    private SplitPane left;
    private VBox treeBox;
    private final StyleClassedTextArea hex = new StyleClassedTextArea();
    private final TreeView<Field> tree = new TreeView<>();
    private final ListView<Finding> findings = new ListView<>();
    private final Label diagnosis = new Label();
    /** The repaired packet's bytes, as {@code mqscope decode} prints them after "repaired:" (issue 14 item 12). */
    private final javafx.scene.control.TextField repaired = new javafx.scene.control.TextField();
    private boolean syncing;

    /** What this view listens to on its view model, which outlives it (a language switch makes a new one). */
    private final io.mqscope.ui.ViewListeners listeners = new io.mqscope.ui.ViewListeners();

    /** Takes this view's listeners off the view model. */
    public void dispose() {
        listeners.dispose();
    }

    public PacketDetailView(PacketDetailViewModel vm) {
        this.vm = vm;
        createView();
        initListeners();
    }

    private void createView() {
        hex.setId("hexDump");
        hex.setEditable(false);
        hex.setWrapText(false);
        hex.getStyleClass().addAll("hex-dump", "mono");
        VirtualizedScrollPane<StyleClassedTextArea> hexScroll = new VirtualizedScrollPane<>(hex);
        VBox hexBox = titled("packets.hexDump", hexScroll);
        CheckBox showSecret = new CheckBox(I18n.t("packets.showPassword"));
        showSecret.setId("showPassword");
        showSecret.selectedProperty().bindBidirectional(vm.showSecretsProperty());
        showSecret.visibleProperty().bind(vm.hasSecretProperty());
        showSecret.managedProperty().bind(vm.hasSecretProperty());
        hexBox.getChildren().add(1, showSecret);
        hexBox.setMinWidth(hexPaneMinWidth());

        tree.setId("fieldTree");
        tree.setShowRoot(false);
        tree.setFixedCellSize(ROW_HEIGHT);
        tree.getStyleClass().add("dense-rows");
        tree.setCellFactory(t -> new javafx.scene.control.TreeCell<>() {
            @Override
            protected void updateItem(Field f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : vm.describe(f));
            }
        });
        treeBox = titled("packets.fields", tree);

        findings.setId("findingList");
        findings.setCellFactory(l -> new FindingCell());
        findings.getStyleClass().add("dense-rows");
        // three findings at least, whatever the window (issue 14 item 12)
        findings.setMinHeight(3 * ROW_HEIGHT + 6);
        // "well-formed" only for a packet that was decoded; nothing is said before one is shown (item 12)
        Label none = new Label();
        none.textProperty().bind(javafx.beans.binding.Bindings.when(vm.packetProperty().isNull())
                .then(I18n.t("packets.noneSelected")).otherwise(I18n.t("packets.noFindings")));
        findings.setPlaceholder(none);
        diagnosis.setId("diagnosis");
        diagnosis.setWrapText(true);
        diagnosis.getStyleClass().add("diagnosis");
        diagnosis.managedProperty().bind(diagnosis.textProperty().isNotEmpty());
        diagnosis.visibleProperty().bind(diagnosis.textProperty().isNotEmpty());
        diagnosis.setMaxWidth(Double.MAX_VALUE);
        // the whole diagnosis, scrolled inside its own pane when it is long: never drawn over its neighbours
        // (issue 14 item 9)
        repaired.setId("repairedBytes");
        repaired.setEditable(false);
        repaired.getStyleClass().add("mono");
        HBox.setHgrow(repaired, Priority.ALWAYS);
        javafx.scene.control.Button copy = io.mqscope.ui.Controls.iconButton("packets.copyRepaired", Feather.COPY);
        copy.setId("copyRepaired");
        copy.setOnAction(e -> {
            javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
            c.putString(repaired.getText());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        });
        HBox repairedRow = new HBox(6, new Label(I18n.t("packets.repaired")), repaired, copy);
        repairedRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        repairedRow.visibleProperty().bind(repaired.textProperty().isNotEmpty());
        repairedRow.managedProperty().bind(repairedRow.visibleProperty());
        VBox diagnosisBox = new VBox(4, diagnosis, repairedRow);
        ScrollPane diagnosisScroll = new ScrollPane(diagnosisBox);
        diagnosisScroll.setId("diagnosisScroll");
        diagnosisScroll.setFitToWidth(true);
        diagnosisScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        diagnosisScroll.getStyleClass().add("edge-to-edge");
        diagnosisScroll.visibleProperty().bind(diagnosis.visibleProperty());
        diagnosisScroll.managedProperty().bind(diagnosis.managedProperty());
        diagnosisScroll.setMinHeight(3 * ROW_HEIGHT);
        diagnosisScroll.prefViewportHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.min(8 * ROW_HEIGHT, diagnosisBox.prefHeight(Math.max(100, diagnosisScroll.getWidth() - 20))),
                diagnosis.textProperty(), repaired.textProperty(), diagnosisScroll.widthProperty()));
        // a tapped client's packet sent after the broker had closed: why it is no cause of the close
        Label late = new Label(I18n.t("wiretap.packet.afterBrokerClosed.detail"), new FontIcon(Feather.SLASH));
        late.setId("afterBrokerClosedNote");
        late.getStyleClass().add("after-broker-closed-note");
        late.setWrapText(true);
        late.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        late.visibleProperty().bind(vm.afterBrokerClosedProperty());
        late.managedProperty().bind(late.visibleProperty());
        VBox findingBox = titled("packets.findings", findings);
        findingBox.getChildren().addAll(1, List.of(late, diagnosisScroll));
        findingBox.setMinHeight(0);

        // bytes above findings on the left (a packet's dump is a few lines), the field tree alone on the right, as
        // tall as the pane: a CONNECT's fields show whole at 1280x800 (issue 14 item 8)
        left = new SplitPane(hexBox, findingBox);
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.4);
        treeBox.setMinWidth(RIGHT_MIN_WIDTH);
    }

    /**
     * The width that shows a full hex line (offset, 16 pairs, ASCII) without clipping: measured with the dump's
     * monospace font, plus the text area's padding and a vertical scroll bar.
     */
    public static double hexPaneMinWidth() {
        Font f = Font.font(HEX_FONT_FAMILY, HEX_FONT_SIZE);
        if (!HEX_FONT_FAMILY.equals(f.getFamily())) {
            f = Font.font("Monospaced", HEX_FONT_SIZE);
        }
        Text probe = new Text("0".repeat(HexDumpModel.lineChars()));
        probe.setFont(f);
        return Math.ceil(probe.getLayoutBounds().getWidth()) + HEX_CHROME_WIDTH;
    }

    private static VBox titled(String key, Node content) {
        Label title = new Label(I18n.t(key));
        title.getStyleClass().add("section-title");
        VBox.setVgrow(content, Priority.ALWAYS);
        VBox box = new VBox(4, title, content);
        box.setPadding(new Insets(4));
        return box;
    }

    private void initListeners() {
        listeners.onChange(vm.packetProperty(), (o, a, p) -> {
            // off the scene (replaced by a view in another language): nothing to show
            if (hex.getScene() != null) {
                show(p);
            }
        });
        if (vm.packetProperty().get() != null) {
            // built again for a new language: the packet on screen stays
            show(vm.packetProperty().get());
        }
        listeners.onChange(vm.showSecretsProperty(), (o, a, s) -> show(vm.packetProperty().get()));
        listeners.onChange(vm.highlightedProperty(), (o, a, s) -> restyle());
        listeners.onChange(vm.selectedFieldProperty(), (o, a, f) -> {
            if (syncing) {
                return;
            }
            syncing = true;
            try {
                TreeItem<Field> item = f == null ? null : find(tree.getRoot(), f);
                if (item == null) {
                    tree.getSelectionModel().clearSelection();
                } else {
                    for (TreeItem<Field> p = item.getParent(); p != null; p = p.getParent()) {
                        p.setExpanded(true);
                    }
                    tree.getSelectionModel().select(item);
                    io.mqscope.ui.Controls.reveal(tree, tree.getRow(item));
                }
            } finally {
                syncing = false;
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            if (!syncing && item != null) {
                syncing = true;
                try {
                    vm.selectedFieldProperty().set(item.getValue());
                } finally {
                    syncing = false;
                }
            }
        });
        findings.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> {
            if (f != null) {
                vm.selectedFindingProperty().set(f);
            }
        });
        hex.setOnMouseClicked(e -> {
            int b = vm.dumpProperty().get().byteAt(hex.getCaretPosition());
            if (b < 0 && hex.getCaretPosition() > 0) {
                b = vm.dumpProperty().get().byteAt(hex.getCaretPosition() - 1);
            }
            if (b >= 0) {
                vm.selectByte(b);
            }
        });
    }

    private static TreeItem<Field> find(TreeItem<Field> node, Field f) {
        if (node == null) {
            return null;
        }
        if (node.getValue() == f) {
            return node;
        }
        for (TreeItem<Field> c : node.getChildren()) {
            TreeItem<Field> r = find(c, f);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private void show(DecodedPacket p) {
        hex.replaceText(vm.dumpProperty().get().text());
        TreeItem<Field> rootItem = new TreeItem<>();
        if (p != null) {
            addFields(rootItem, p.fields());
        }
        tree.setRoot(rootItem);
        findings.getItems().setAll(p == null ? List.of() : p.findings());
        diagnosis.setText(p == null || p.diagnosis() == null ? "" : I18n.t("packets.diagnosis",
                DiagnosisText.of(p)));
        repaired.setText(p == null || p.repaired() == null ? "" : io.mqscope.wire.Secrets.hex(p.repaired(),
                vm.showSecretsProperty().get() ? null : io.mqscope.wire.Secrets.passwordInRepair(p), " "));
        restyle();
    }

    private static void addFields(TreeItem<Field> parent, List<Field> fields) {
        for (Field f : fields) {
            TreeItem<Field> item = new TreeItem<>(f);
            item.setExpanded(true);
            addFields(item, f.children());
            parent.getChildren().add(item);
        }
    }

    /** Recomputes the style of every character: field colour, blamed bytes, the highlighted span. */
    private void restyle() {
        HexDumpModel dump = vm.dumpProperty().get();
        String text = dump.text();
        if (text.isEmpty()) {
            return;
        }
        int[] field = vm.fieldIndexPerByte();
        boolean[] blamed = vm.blamedBytes();
        PacketDetailViewModel.Span span = vm.highlightedProperty().get();
        @SuppressWarnings("unchecked")
        Collection<String>[] styles = new Collection[text.length()];
        for (int b = 0; b < dump.byteCount(); b++) {
            java.util.ArrayList<String> s = new java.util.ArrayList<>(3);
            if (b < field.length && field[b] >= 0) {
                s.add("hx-f" + field[b] % FIELD_COLOURS);
            }
            if (b < blamed.length && blamed[b]) {
                s.add("hx-bad");
            }
            if (span != null && b >= span.offset() && b < span.offset() + span.length()) {
                s.add("hx-sel");
            }
            int h = dump.hexStart(b);
            styles[h] = s;
            styles[h + 1] = s;
            styles[dump.asciiStart(b)] = s;
        }
        StyleSpansBuilder<Collection<String>> sb = new StyleSpansBuilder<>();
        Collection<String> none = List.of();
        Collection<String> cur = null;
        int run = 0;
        for (Collection<String> c : styles) {
            Collection<String> v = c == null ? none : c;
            if (cur != null && !cur.equals(v)) {
                sb.add(cur, run);
                run = 0;
            }
            cur = v;
            run++;
        }
        sb.add(cur, run);
        StyleSpans<Collection<String>> spans = sb.create();
        hex.setStyleSpans(0, spans);
        if (span != null && span.offset() < dump.byteCount()) {
            hex.showParagraphAtTop(Math.max(0, span.offset() / HexDumpModel.PER_LINE - 2));
        }
    }

    /** Bytes and findings beside the field tree (do not combine with {@link #bytesAndFindings()}). */
    public Node root() {
        if (root.getItems().isEmpty()) {
            root.getItems().addAll(left, treeBox);
            root.setOrientation(Orientation.HORIZONTAL);
            root.setDividerPositions(0.6);
        }
        return root;
    }

    /** The bytes above the findings, for a caller that places the field tree elsewhere. */
    public SplitPane bytesAndFindings() {
        return left;
    }

    /** The field tree with its title. */
    public Node fields() {
        return treeBox;
    }

    /** One finding with its severity icon, wrapped to the list's width; Paste bytes' stream findings use it too. */
    static final class FindingCell extends ListCell<Finding> {
        @Override
        protected void updateItem(Finding f, boolean empty) {
            super.updateItem(f, empty);
            getStyleClass().removeAll("finding-error", "finding-warning", "finding-info");
            if (empty || f == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            getStyleClass().add("finding-" + f.severity().jsonName());
            FontIcon icon = new FontIcon(f.severity() == Severity.ERROR ? Feather.X_OCTAGON
                    : f.severity() == Severity.WARNING ? Feather.ALERT_TRIANGLE : Feather.INFO);
            icon.getStyleClass().add("finding-icon");
            Label text = new Label(FindingText.of(f));
            text.setWrapText(true);
            text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            if (getListView() != null) {
                text.maxWidthProperty().bind(getListView().widthProperty().subtract(48));
            }
            text.setGraphic(icon);
            text.setGraphicTextGap(6);
            setText(null);
            setGraphic(text);
        }

        /**
         * As tall as the text wrapped at the width it is laid out at (its max width): the cell's own measure wrapped
         * it wider, so a long finding got a row one line short and drew its first line over the row above (the
         * first finding under Paste bytes' diagnosis was cut off).
         */
        @Override
        protected double computePrefHeight(double width) {
            if (getGraphic() instanceof Label text && text.getMaxWidth() > 0 && text.getMaxWidth() < Double.MAX_VALUE) {
                return snappedTopInset() + text.prefHeight(text.getMaxWidth()) + snappedBottomInset();
            }
            return super.computePrefHeight(width);
        }
    }
}
